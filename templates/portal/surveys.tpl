{{%AUTOESCAPE context="HTML"}}
<section>
  <h1>[[Surveys]]</h1>
  {{#NONE}}<p>[[There are no surveys to answer at the moment.]]</p>{{/NONE}}
  <ul class="cards">
    {{#ROW}}<li class="card"><h2><a href="/surveys/{{ID}}">{{TITLE}}</a></h2><p>{{INTRO}}</p></li>{{/ROW}}
  </ul>
</section>
