{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>[[Account deleted]]</h1>
  <p>[[Your request to delete your account has been recorded.]]</p>
  <dl>
    <dt>[[Receipt]]</dt><dd><code id="receipt">{{RECEIPT}}</code></dd>
    <dt>[[Requested]]</dt><dd>{{REQUESTED}}</dd>
    {{#DONE}}<dt>[[Erased]]</dt><dd id="erased">{{COMPLETED}}</dd>{{/DONE}}
  </dl>
  {{#PENDING}}<p class="muted">[[Your data is being erased. Reload this page in a moment to see it completed.]]</p>{{/PENDING}}
  <p>[[Keep this receipt: it proves that you asked for erasure, without identifying you.]]</p>
</section>
