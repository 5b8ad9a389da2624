{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · CXMS</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/site.css">
{{#ALTERNATE}}<link rel="alternate" hreflang="{{HREFLANG}}" href="{{HREF}}">
{{/ALTERNATE}}</head>
<body>
<a class="skip" href="#main">[[Skip to content]]</a>
<header class="top">
  <a class="brand" href="/">CXMS</a>
  <nav aria-label="[[Main]]">
    <ul>
      <li><a href="/">[[Home]]</a></li>
      <li><a href="/help">[[Help center]]</a></li>
      <li><a href="/chat" class="chat-link">[[Chat with us]]</a></li>
      {{#SIGNED_IN}}
      <li><a href="/account">[[My account]]</a></li>
      <li><a href="/account/privacy">[[Privacy]]</a></li>
      <li><form method="post" action="/signout" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">[[Sign out]]</button></form></li>
      {{/SIGNED_IN}}
      {{#SIGNED_OUT}}
      <li><a href="/signin">[[Sign in]]</a></li>
      <li><a href="/signup">[[Create account]]</a></li>
      {{/SIGNED_OUT}}
    </ul>
  </nav>
</header>
<main id="main">
{{#FLASH}}<p class="flash" role="status">{{FLASH_TEXT}}</p>{{/FLASH}}
{{>BODY}}
</main>
<footer>
  <form method="post" action="/lang" class="lang">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="next" value="{{CURRENT_PATH}}">
    <label for="lang-switch">[[Language]]</label>
    <select id="lang-switch" name="lang">
      {{#LANG_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LANG_OPTION}}
    </select>
    <button type="submit">[[Change]]</button>
  </form>
  <p><a href="/admin">[[Staff sign-in]]</a></p>
</footer>
</body>
</html>
