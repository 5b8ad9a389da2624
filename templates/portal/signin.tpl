{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>{{HEADING}}</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="next" value="{{NEXT}}">
    <label for="email">[[Email]]</label>
    <input id="email" name="email" type="email" value="{{EMAIL}}" required maxlength="254" autocomplete="username">
    <label for="password">[[Password]]</label>
    <input id="password" name="password" type="password" required maxlength="128" autocomplete="current-password">
    <button type="submit">[[Sign in]]</button>
  </form>
  <p><a href="{{FORGOT}}">[[Forgot your password?]]</a></p>
  {{#SIGNUP_LINK}}<p>[[New here?]] <a href="/signup">[[Create account]]</a></p>{{/SIGNUP_LINK}}
</section>
