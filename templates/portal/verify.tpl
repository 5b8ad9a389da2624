{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>[[Confirm your email address]]</h1>
  {{#USABLE}}
  <form method="post" action="/account/verify">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="token" value="{{TOKEN}}">
    <p>[[One click and your account is ready.]]</p>
    <button type="submit">[[Confirm and sign in]]</button>
  </form>
  {{/USABLE}}
  {{#EXPIRED}}<p>[[This link has expired or was already used.]] <a href="/signin">[[Sign in]]</a></p>{{/EXPIRED}}
</section>
