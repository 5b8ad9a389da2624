{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/css/surveys.css">
<section class="card narrow survey">
  <p><a href="/admin/surveys/{{ID}}/edit">[[Back to the builder]]</a> · [[Preview: answers are not saved.]]</p>
  <h1>{{TITLE_TEXT}}</h1>
  <p>{{INTRO}}</p>
  {{#QUESTION}}
  <div class="card">
    <p class="survey-progress">[[Question {{NUM}} of {{TOTAL}}]]</p>
    <fieldset>
      <legend>{{TEXT}}{{#REQUIRED}} <span class="required">([[required]])</span>{{/REQUIRED}}</legend>
      {{#RATING}}<div class="scale{{#WIDE}} wide{{/WIDE}}">{{#POINT}}<label class="point"><input type="radio" name="p{{NUM}}" disabled><span>{{VALUE}}</span></label>{{/POINT}}</div>{{/RATING}}
      {{#CHOICES}}{{#OPTION}}<label class="check"><input type="{{TYPE}}" disabled> {{LABEL}}</label>{{/OPTION}}{{/CHOICES}}
      {{#TEXT_Q}}<textarea rows="3" disabled aria-label="{{TEXT}}"></textarea>{{/TEXT_Q}}
    </fieldset>
  </div>
  {{/QUESTION}}
</section>
