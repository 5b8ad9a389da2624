{{%AUTOESCAPE context="HTML"}}
<section class="card">
  <p><a href="/admin/outbox">[[Back to the outbox]]</a></p>
  <h1>{{SUBJECT}}</h1>
  <dl>
    <dt>[[To]]</dt><dd>{{TO}}</dd>
    <dt>[[Created]]</dt><dd>{{CREATED}}</dd>
    <dt>[[Status]]</dt><dd>{{STATUS}}</dd>
    {{#ERROR}}<dt>[[Last error]]</dt><dd>{{LAST_ERROR}}</dd>{{/ERROR}}
    {{#FROM}}<dt>[[From]]</dt><dd>{{VALUE}}</dd>{{/FROM}}
    {{#REPLY_TO}}<dt>Reply-To</dt><dd>{{VALUE}}</dd>{{/REPLY_TO}}
    {{#MESSAGE_ID}}<dt>Message-ID</dt><dd><code>&lt;{{VALUE}}&gt;</code></dd>{{/MESSAGE_ID}}
    {{#IN_REPLY_TO}}<dt>In-Reply-To</dt><dd><code>&lt;{{VALUE}}&gt;</code></dd>{{/IN_REPLY_TO}}
    {{#REFERENCES}}<dt>References</dt><dd><code>{{VALUE}}</code></dd>{{/REFERENCES}}
    {{#AUTO_SUBMITTED}}<dt>Auto-Submitted</dt><dd>auto-replied</dd>{{/AUTO_SUBMITTED}}
  </dl>
  <pre class="mail-body">{{BODY}}</pre>
</section>
