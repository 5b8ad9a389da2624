{{%AUTOESCAPE context="HTML"}}
<section>
  <p><a href="/admin/help">[[Help center]]</a></p>
  <h1>[[Deflection]]</h1>
  <p>[[A visit is a visitor's help-center pages with less than 30 minutes between them. It is deflected when the same visitor did not open a chat within 30 minutes of its start.]]</p>
  <div class="table-wrap">
  <table>
    <thead><tr><th scope="col">[[Week of]]</th><th scope="col">[[Visits]]</th><th scope="col">[[Followed by a chat]]</th><th scope="col">[[Deflection]]</th></tr></thead>
    <tbody>
    {{#ROW}}<tr><td>{{WEEK}}</td><td>{{VISITS}}</td><td>{{CHATS}}</td><td>{{RATE}}</td></tr>{{/ROW}}
    </tbody>
  </table>
  </div>
  {{#EMPTY}}<p>[[No help-center visits in the last 12 weeks.]]</p>{{/EMPTY}}
</section>
