{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>[[Reset your password]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <p>[[Enter your email address and we will send you a link to choose a new password.]]</p>
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="email">[[Email]]</label>
    <input id="email" name="email" type="email" required maxlength="254" autocomplete="email">
    <button type="submit">[[Send the link]]</button>
  </form>
</section>
