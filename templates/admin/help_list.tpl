{{%AUTOESCAPE context="HTML"}}
<section>
  <h1>[[Help center]]</h1>
  <p><a class="button" href="/admin/help/new">[[New article]]</a>
    <a href="/admin/help/categories">[[Categories]]</a> ·
    <a href="/admin/help/gaps">[[Content gaps]]</a> ·
    <a href="/admin/help/deflection">[[Deflection]]</a> ·
    <a href="/help">[[Open the help center]]</a></p>
  <div class="table-wrap">
  <table>
    <thead><tr><th scope="col">[[Title]]</th><th scope="col">[[Category]]</th><th scope="col">[[Status]]</th>
      <th scope="col">[[Languages]]</th><th scope="col">[[Views]]</th><th scope="col">[[Helpful]]</th>
      <th scope="col">[[Not helpful]]</th><th scope="col">[[Comments]]</th><th scope="col">[[Updated]]</th></tr></thead>
    <tbody>
    {{#ROW}}<tr class="status-{{STATUS_CODE}}">
      <td><a href="/admin/help/{{ID}}">{{TITLE}}</a></td><td>{{CATEGORY}}</td><td>{{STATUS}}</td><td>{{LANGS}}</td>
      <td>{{VIEWS}}</td><td>{{HELPFUL}}</td><td>{{NOT_HELPFUL}}</td><td>{{COMMENTS}}</td><td>{{UPDATED}}</td>
    </tr>{{/ROW}}
    </tbody>
  </table>
  </div>
</section>
