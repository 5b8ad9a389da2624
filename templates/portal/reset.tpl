{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>[[Choose a new password]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  {{#USABLE}}
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="token" value="{{TOKEN}}">
    <label for="password">[[New password]]</label>
    <input id="password" name="password" type="password" required minlength="8" maxlength="128" autocomplete="new-password">
    <button type="submit">[[Set password]]</button>
  </form>
  {{/USABLE}}
  {{#EXPIRED}}<p>[[This link has expired or was already used.]] <a href="{{FORGOT}}">[[Ask for a new link]]</a></p>{{/EXPIRED}}
</section>
