{{%AUTOESCAPE context="HTML"}}
<section>
  <h1>[[Outbox]]</h1>
  <p class="muted">{{#STORED_ONLY}}[[No SMTP server is configured: mails are stored here instead of being sent.]]{{/STORED_ONLY}}{{#SMTP}}[[Mails are sent through the configured SMTP server.]]{{/SMTP}}</p>
  <div class="table-wrap">
  <table>
    <thead><tr><th scope="col">[[Created]]</th><th scope="col">[[To]]</th><th scope="col">[[Subject]]</th><th scope="col">[[Status]]</th></tr></thead>
    <tbody>
    {{#ROW}}<tr><td>{{CREATED}}</td><td>{{TO}}</td><td><a href="/admin/outbox/{{ID}}">{{SUBJECT}}</a></td><td>{{STATUS}}</td></tr>{{/ROW}}
    </tbody>
  </table>
  </div>
  {{#EMPTY}}<p>[[No mail yet.]]</p>{{/EMPTY}}
</section>
