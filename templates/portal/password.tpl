{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>[[Change password]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <form method="post" action="/account/password">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="current">[[Current password]]</label>
    <input id="current" name="current" type="password" required maxlength="128" autocomplete="current-password">
    <label for="password">[[New password]]</label>
    <input id="password" name="password" type="password" required minlength="8" maxlength="128" autocomplete="new-password">
    <p class="help">[[Your other sessions will be signed out.]]</p>
    <button type="submit">[[Change password]]</button>
  </form>
</section>
