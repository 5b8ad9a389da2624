{{%AUTOESCAPE context="HTML"}}
<section class="card">
  <p><a href="/admin/outbox">[[Back to the outbox]]</a></p>
  <h1>{{SUBJECT}}</h1>
  <dl>
    <dt>[[To]]</dt><dd>{{TO}}</dd>
    <dt>[[Created]]</dt><dd>{{CREATED}}</dd>
    <dt>[[Status]]</dt><dd>{{STATUS}}</dd>
    {{#ERROR}}<dt>[[Last error]]</dt><dd>{{LAST_ERROR}}</dd>{{/ERROR}}
  </dl>
  <pre class="mail-body">{{BODY}}</pre>
</section>
