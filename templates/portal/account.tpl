{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>[[My account]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <p class="muted">[[Member since {{SINCE}}]]</p>
  <form method="post" action="/account">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="name">[[Your name]]</label>
    <input id="name" name="name" value="{{NAME}}" required maxlength="200" autocomplete="name">
    <label for="email">[[Email]]</label>
    <input id="email" value="{{EMAIL}}" disabled>
    <label for="lang">[[Language]]</label>
    <select id="lang" name="lang">
      {{#LANG_CHOICE}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LANG_CHOICE}}
    </select>
    <label for="tz">[[Time zone]]</label>
    <select id="tz" name="tz">
      {{#TZ}}<option{{#SELECTED}} selected{{/SELECTED}}>{{ZONE}}</option>{{/TZ}}
    </select>
    <button type="submit">[[Save]]</button>
  </form>
  <p><a href="/account/password">[[Change password]]</a></p>
</section>
