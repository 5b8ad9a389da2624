{{%AUTOESCAPE context="HTML"}}
<section class="card">
  <h1>[[Consent ledger]]</h1>
  {{#WHOLE}}<p class="ok" id="ledger-whole">[[The ledger is whole: {{ROWS}} rows checked, every hash and every link matches.]]</p>
  <p class="muted">[[Last hash]]: <code>{{LAST_HASH}}</code></p>{{/WHOLE}}
  {{#BROKEN}}<p class="error" role="alert" id="ledger-broken">[[The ledger has been tampered with: row {{BAD_ID}} {{PROBLEM}}.]]</p>
  <p>[[{{ROWS}} rows before it verified.]]</p>{{/BROKEN}}
  <p><a href="/admin/compliance">[[Back to compliance]]</a></p>
</section>
