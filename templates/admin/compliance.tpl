{{%AUTOESCAPE context="HTML"}}
<section class="card">
  <h1>[[Compliance]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <p><a href="/admin/compliance/ledger">[[Check the consent ledger]]</a> · <a href="/admin/compliance/access-log">[[Access log]]</a></p>

  <h2>[[Consent export]]</h2>
  <form method="post" action="/admin/compliance/export">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="format">[[Format]]</label>
    <select id="format" name="format"><option value="csv">CSV (RFC 4180)</option><option value="jsonl">JSON Lines</option></select>
    <label for="purpose">[[Purpose]]</label>
    <select id="purpose" name="purpose"><option value="">[[All]]</option>
      {{#PURPOSE_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TITLE}}</option>{{/PURPOSE_OPT}}
    </select>
    <label for="state">[[State]]</label>
    <select id="state" name="state"><option value="">[[All]]</option><option value="granted">[[granted]]</option><option value="withdrawn">[[withdrawn]]</option></select>
    <label for="channel">[[Channel]]</label>
    <select id="channel" name="channel"><option value="">[[All]]</option><option>portal</option><option>chat</option><option>email_link</option><option>staff_phone</option><option>api</option></select>
    <label for="from">[[From (YYYY-MM-DD, UTC)]]</label>
    <input id="from" name="from" value="{{FROM}}" maxlength="10" placeholder="2026-01-01">
    <label for="to">[[To (YYYY-MM-DD, UTC, inclusive)]]</label>
    <input id="to" name="to" value="{{TO}}" maxlength="10" placeholder="2026-12-31">
    <label for="reason">[[Reason for the export]]</label>
    <input id="reason" name="reason" required maxlength="500">
    <button type="submit">[[Export]]</button>
  </form>
  <h3>[[Columns]]</h3>
  <table>
    <tbody>{{#COLUMN}}<tr><th scope="row"><code>{{NAME}}</code></th><td>{{DOC}}</td></tr>{{/COLUMN}}</tbody>
  </table>
  <p class="help">[[Cells starting with = + - or @ are prefixed with an apostrophe so that spreadsheets do not run them.]]</p>

  <h2>[[Access export for a customer]]</h2>
  <form method="post" action="/admin/compliance/access-export">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="ax-email">[[Customer's email]]</label>
    <input id="ax-email" name="email" type="email" value="{{EMAIL}}" required maxlength="254">
    <label for="ax-reason">[[Reason]]</label>
    <input id="ax-reason" name="reason" required maxlength="500">
    <button type="submit">[[Export as JSON]]</button>
  </form>

  <h2>[[Erasure requests]]</h2>
  <form method="post" action="/admin/compliance/erasure">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="er-email">[[Customer's email]]</label>
    <input id="er-email" name="email" type="email" required maxlength="254">
    <label for="er-reason">[[Reason]]</label>
    <input id="er-reason" name="reason" required maxlength="500">
    <button type="submit" class="danger">[[Erase this customer]]</button>
  </form>
  {{#NO_ERASURES}}<p class="muted">[[No erasure requests yet.]]</p>{{/NO_ERASURES}}
  <table>
    <thead><tr><th scope="col">[[Receipt]]</th><th scope="col">[[Requested by]]</th><th scope="col">[[Requested]]</th><th scope="col">[[Erased]]</th><th scope="col">[[What was removed]]</th></tr></thead>
    <tbody>{{#ERASURE}}<tr><td><code>{{RECEIPT}}</code></td><td>{{BY}}</td><td>{{REQUESTED}}</td><td>{{COMPLETED}}</td><td>{{REPORT}}</td></tr>{{/ERASURE}}</tbody>
  </table>

  <h2>[[Records of processing]]</h2>
  <table>
    <thead><tr><th scope="col">[[Purpose]]</th><th scope="col">[[Version]]</th><th scope="col">[[Legal basis]]</th><th scope="col">[[Categories of data]]</th><th scope="col">[[Retention]]</th><th scope="col"></th></tr></thead>
    <tbody>{{#RECORD}}<tr><td>{{TITLE}} (<code>{{CODE}}</code>)</td><td>{{VERSION}}</td><td>{{BASIS}}</td><td>{{CATEGORIES}}</td><td>{{RETENTION}}</td><td><a href="{{EDIT}}">[[Change the text]]</a></td></tr>{{/RECORD}}</tbody>
  </table>

  <h2>[[Retention]]</h2>
  <table>
    <thead><tr><th scope="col">[[Kind of data]]</th><th scope="col">[[Kept for (days)]]</th><th scope="col">[[Then]]</th></tr></thead>
    <tbody>{{#RULE}}<tr><td><code>{{KIND}}</code></td><td>{{DAYS}}</td><td>{{ACTION}}</td></tr>{{/RULE}}</tbody>
  </table>
  <h3>[[Last nightly runs]]</h3>
  {{#NO_RUNS}}<p class="muted">[[The nightly job has not run yet.]]</p>{{/NO_RUNS}}
  <ul>{{#RUN}}<li>{{AT}}: {{REPORT}}</li>{{/RUN}}</ul>
</section>
