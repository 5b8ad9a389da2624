{{%AUTOESCAPE context="HTML"}}
<section>
  <h1>[[Surveys]]</h1>
  {{#CAN_EDIT}}<p><a class="button" href="/admin/surveys/new">[[New survey]]</a></p>{{/CAN_EDIT}}
  <div class="table-wrap">
  <table>
    <thead><tr><th scope="col">[[Title]]</th><th scope="col">[[Kind]]</th><th scope="col">[[Status]]</th><th scope="col">[[Sent]]</th><th scope="col">[[Responses]]</th><th scope="col">[[Completed]]</th><th scope="col">[[Response rate]]</th><th scope="col"></th></tr></thead>
    <tbody>
    {{#ROW}}<tr>
      <td><a href="/admin/surveys/{{ID}}">{{TITLE}}</a></td><td>{{KIND}}</td><td>{{STATUS}}</td>
      <td>{{INVITED}}</td><td>{{RESPONSES}}</td><td>{{COMPLETED}}</td><td>{{RATE}}</td>
      <td>{{#CAN_EDIT}}<a href="/admin/surveys/{{ID}}/edit">[[Edit]]</a>{{/CAN_EDIT}}</td>
    </tr>{{/ROW}}
    </tbody>
  </table>
  </div>
</section>
