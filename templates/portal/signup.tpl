{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>[[Create account]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <form method="post" action="/signup">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="name">[[Your name]]</label>
    <input id="name" name="name" value="{{NAME}}" required maxlength="200" autocomplete="name">
    <label for="email">[[Email]]</label>
    <input id="email" name="email" type="email" value="{{EMAIL}}" required maxlength="254" autocomplete="email">
    <label for="password">[[Password]]</label>
    <input id="password" name="password" type="password" required minlength="8" maxlength="128" autocomplete="new-password" aria-describedby="pw-help">
    <p id="pw-help" class="help">[[At least 8 characters. Common passwords are refused.]]</p>
    <label for="lang">[[Language]]</label>
    <select id="lang" name="lang">
      {{#LANG_CHOICE}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LANG_CHOICE}}
    </select>
    <label for="tz">[[Time zone]]</label>
    <select id="tz" name="tz">
      {{#TZ}}<option{{#SELECTED}} selected{{/SELECTED}}>{{ZONE}}</option>{{/TZ}}
    </select>
    <fieldset class="consents">
      <legend>[[Optional: what else may we do with your data?]]</legend>
      <p class="help">[[None of these is needed for your account. You can change them at any time in your privacy settings.]]</p>
      {{#CONSENT}}
      <label><input type="checkbox" name="consent" value="{{CODE}}"{{#CHECKED}} checked{{/CHECKED}}> {{TITLE}}</label>
      <p class="help">{{TEXT}}</p>
      {{/CONSENT}}
    </fieldset>
    <button type="submit">[[Create account]]</button>
  </form>
  <p>[[Already have an account?]] <a href="/signin">[[Sign in]]</a></p>
</section>
