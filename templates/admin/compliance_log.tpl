{{%AUTOESCAPE context="HTML"}}
<section class="card">
  <h1>[[Access log]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <form method="get" action="/admin/compliance/access-log" class="filters">
    <label for="staff">[[Staff member]]</label>
    <input id="staff" name="staff" value="{{STAFF}}" maxlength="200">
    <label for="customer">[[Customer]]</label>
    <input id="customer" name="customer" value="{{CUSTOMER}}" maxlength="254">
    <label for="date">[[Date (YYYY-MM-DD)]]</label>
    <input id="date" name="date" value="{{DATE}}" maxlength="10">
    <button type="submit">[[Search]]</button>
  </form>
  {{#EMPTY}}<p class="muted">[[Nothing found.]]</p>{{/EMPTY}}
  <table>
    <thead><tr><th scope="col">[[When]]</th><th scope="col">[[Who]]</th><th scope="col">[[Action]]</th><th scope="col">[[Customer]]</th><th scope="col">[[Why]]</th><th scope="col">[[Details]]</th></tr></thead>
    <tbody>{{#ROW}}<tr><td>{{AT}}</td><td>{{STAFF_NAME}}</td><td>{{ACTION}}</td><td>{{CUSTOMER}}</td><td>{{REASON}}</td><td>{{DETAILS}}</td></tr>{{/ROW}}</tbody>
  </table>
  <p><a href="/admin/compliance">[[Back to compliance]]</a></p>
</section>
