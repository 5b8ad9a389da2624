{{%AUTOESCAPE context="HTML"}}
<section>
  <p><a href="/admin/help">[[Help center]]</a></p>
  <h1>[[Content gaps]]</h1>
  <p>[[The most frequent searches that found nothing, or after which no article was opened.]]</p>
  <form method="get" action="/admin/help/gaps" class="inline">
    <label for="g-days">[[Period]]</label>
    <select id="g-days" name="days">{{#DAYS_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>[[Last {{VALUE}} days]]</option>{{/DAYS_OPT}}</select>
    <button type="submit">[[Show]]</button>
  </form>
  <div class="table-wrap">
  <table>
    <thead><tr><th scope="col">[[Search]]</th><th scope="col">[[Times]]</th><th scope="col">[[No results]]</th><th scope="col">[[Results, none opened]]</th></tr></thead>
    <tbody>
    {{#ROW}}<tr><td>{{QUERY}}</td><td>{{SEARCHES}}</td><td>{{NO_RESULTS}}</td><td>{{NO_CLICK}}</td></tr>{{/ROW}}
    </tbody>
  </table>
  </div>
  {{#EMPTY}}<p>[[No unanswered searches in this period.]]</p>{{/EMPTY}}
</section>
