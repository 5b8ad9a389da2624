{{%AUTOESCAPE context="HTML"}}
<section>
  <h1>[[Staff]]</h1>
  <p><a class="button" href="/admin/staff/new">[[Add a staff member]]</a></p>
  <div class="table-wrap">
  <table>
    <thead><tr><th scope="col">[[Name]]</th><th scope="col">[[Email]]</th><th scope="col">[[Roles]]</th><th scope="col">[[Status]]</th><th scope="col">[[Last sign-in]]</th></tr></thead>
    <tbody>
    {{#ROW}}<tr{{#INACTIVE}} class="inactive"{{/INACTIVE}}>
      <td><a href="/admin/staff/{{ID}}">{{NAME}}</a></td><td>{{EMAIL}}</td><td>{{ROLES}}</td>
      <td>{{#INACTIVE}}[[Deactivated]]{{/INACTIVE}}{{#ACTIVE}}{{#INVITED}}[[Invited]]{{/INVITED}}{{#JOINED}}[[Active]]{{/JOINED}}{{/ACTIVE}}</td>
      <td>{{LAST_SEEN}}</td>
    </tr>{{/ROW}}
    </tbody>
  </table>
  </div>
</section>
