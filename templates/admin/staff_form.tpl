{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>{{HEADING}}</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="name">[[Name]]</label>
    <input id="name" name="name" value="{{NAME}}" required maxlength="200">
    <label for="email">[[Email]]</label>
    {{#NEW}}<input id="email" name="email" type="email" value="{{EMAIL}}" required maxlength="254">{{/NEW}}
    {{#EXISTING}}<input id="email" value="{{EMAIL}}" disabled>{{/EXISTING}}
    <fieldset>
      <legend>[[Roles]]</legend>
      {{#ROLE}}<label class="check"><input type="checkbox" name="role" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>{{/ROLE}}
    </fieldset>
    <button type="submit">[[Save]]</button>
  </form>
  {{#EXISTING}}
  {{#CAN_DEACTIVATE}}
  <form method="post" action="/admin/staff/{{ID}}/deactivate" class="danger-zone">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <p>[[Deactivating signs this person out at once and stops them signing in.]]</p>
    <button type="submit" class="danger">[[Deactivate]]</button>
  </form>
  {{/CAN_DEACTIVATE}}
  {{#CAN_REACTIVATE}}
  <form method="post" action="/admin/staff/{{ID}}/reactivate">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit">[[Reactivate]]</button>
  </form>
  {{/CAN_REACTIVATE}}
  {{/EXISTING}}
</section>
