{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>{{TITLE_TEXT}}</h1>
  <p>{{INTRO}}</p>
  {{#DONE}}<p role="status">[[You have already answered this survey. Thank you!]]</p>{{/DONE}}
  {{#CAN_START}}
  <form method="post" action="/surveys/{{ID}}/start">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit">[[Start the survey]]</button>
  </form>
  {{/CAN_START}}
</section>
