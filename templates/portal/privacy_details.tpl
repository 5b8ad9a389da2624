{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>[[Private details]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <p class="help">[[These are stored encrypted with a key of your own, which is destroyed if you delete your account.]]</p>
  <form method="post" action="/account/details">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="phone">[[Phone]]</label>
    <input id="phone" name="phone" value="{{PHONE}}" maxlength="40" autocomplete="tel">
    <label for="birthday">[[Birthday (YYYY-MM-DD)]]</label>
    <input id="birthday" name="birthday" value="{{BIRTHDAY}}" maxlength="10" autocomplete="bday">
    <label for="address">[[Address]]</label>
    <textarea id="address" name="address" maxlength="500" autocomplete="street-address">{{ADDRESS}}</textarea>
    <button type="submit">[[Save]]</button>
  </form>
  <p><a href="/account/privacy">[[Back to privacy]]</a></p>
</section>
