{{%AUTOESCAPE context="HTML"}}
<section class="card">
  <h1>[[Purpose text]]: <code>{{CODE}}</code></h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <p class="help">[[Current version: {{VERSION}}. Saving publishes version {{VERSION}} + 1; customers' earlier choices stay recorded against the version they saw.]]</p>
  <form method="post" action="/admin/compliance/purposes/{{CODE}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="title_en">[[Title (English)]]</label>
    <input id="title_en" name="title_en" value="{{TITLE_EN}}" required maxlength="200">
    <label for="text_en">[[Text (English)]]</label>
    <textarea id="text_en" name="text_en" required maxlength="4000" rows="4">{{TEXT_EN}}</textarea>
    <label for="title_bn">[[Title (Bengali)]]</label>
    <input id="title_bn" name="title_bn" value="{{TITLE_BN}}" required maxlength="200" lang="bn">
    <label for="text_bn">[[Text (Bengali)]]</label>
    <textarea id="text_bn" name="text_bn" required maxlength="4000" rows="4" lang="bn">{{TEXT_BN}}</textarea>
    <button type="submit">[[Publish a new version]]</button>
  </form>
  <p><a href="/admin/compliance">[[Back to compliance]]</a></p>
</section>
