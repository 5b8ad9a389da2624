{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · CXMS [[Admin]]</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/site.css">
</head>
<body class="admin">
<a class="skip" href="#main">[[Skip to content]]</a>
<header class="top">
  <a class="brand" href="/admin">CXMS <span>[[Admin]]</span></a>
  <nav aria-label="[[Main]]">
    <ul>
      {{#SIGNED_IN}}
      <li><a href="/admin">[[Dashboard]]</a></li>
      {{#NAV_AGENT}}<li><a href="/admin/inbox">[[Inbox]]</a></li>{{/NAV_AGENT}}
      {{#NAV_SUPERVISOR}}<li><a href="/admin/help">[[Help center]]</a></li>{{/NAV_SUPERVISOR}}
      {{#NAV_SUPERVISOR}}<li><a href="/admin/surveys">[[Surveys]]</a></li>{{/NAV_SUPERVISOR}}
      {{#NAV_ADMIN}}<li><a href="/admin/staff">[[Staff]]</a></li>
      <li><a href="/admin/channels">[[Channels]]</a></li>
      <li><a href="/admin/outbox">[[Outbox]]</a></li>{{/NAV_ADMIN}}
      {{#NAV_COMPLIANCE}}<li><a href="/admin/compliance">[[Compliance]]</a></li>{{/NAV_COMPLIANCE}}
      <li><a href="/admin/consent">[[Consent by phone]]</a></li>
      <li><form method="post" action="/admin/signout" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">[[Sign out]] ({{USER_NAME}})</button></form></li>
      {{/SIGNED_IN}}
      {{#SIGNED_OUT}}
      <li><a href="/admin/signin">[[Sign in]]</a></li>
      {{/SIGNED_OUT}}
    </ul>
  </nav>
</header>
<main id="main"{{#WIDE}} class="wide"{{/WIDE}}>
{{#FLASH}}<p class="flash" role="status">{{FLASH_TEXT}}</p>{{/FLASH}}
{{>BODY}}
</main>
<footer>
  <form method="post" action="/admin/lang" class="lang">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="next" value="{{CURRENT_PATH}}">
    <label for="lang-switch">[[Language]]</label>
    <select id="lang-switch" name="lang">
      {{#LANG_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LANG_OPTION}}
    </select>
    <button type="submit">[[Change]]</button>
  </form>
</footer>
</body>
</html>
