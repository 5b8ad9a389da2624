{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/css/surveys.css">
<section class="card narrow survey">
  <p class="muted survey-title">{{SURVEY_TITLE}}</p>
  {{#INTRO}}<p>{{INTRO_TEXT}}</p>{{/INTRO}}
  <p class="survey-progress" id="progress">[[Question {{NUM}} of {{TOTAL}}]]</p>
  <progress max="{{TOTAL}}" value="{{NUM}}" aria-labelledby="progress"></progress>
  {{#ERROR}}<p class="error" role="alert" id="survey-error">{{ERROR_TEXT}}</p>{{/ERROR}}
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="qid" value="{{QID}}">
    {{#RATING}}
    <fieldset class="rating" aria-describedby="scale-ends">
      <legend>{{QUESTION}}{{#REQUIRED}} <span class="required">([[required]])</span>{{/REQUIRED}}</legend>
      <div class="scale{{#WIDE}} wide{{/WIDE}}">
        {{#POINT}}<label class="point"><input type="radio" name="value" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}{{#REQ}} required{{/REQ}}><span>{{VALUE}}</span></label>{{/POINT}}
      </div>
      <p class="scale-ends" id="scale-ends"><span>{{LOW_LABEL}}</span> <span>{{HIGH_LABEL}}</span></p>
    </fieldset>
    {{/RATING}}
    {{#CHOICES}}
    <fieldset>
      <legend>{{QUESTION}}{{#REQUIRED}} <span class="required">([[required]])</span>{{/REQUIRED}}</legend>
      {{#OPTION}}<label class="check"><input type="{{TYPE}}" name="{{NAME}}" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>{{/OPTION}}
    </fieldset>
    {{/CHOICES}}
    {{#TEXT}}
    <label for="survey-text">{{QUESTION}}{{#REQUIRED}} <span class="required">([[required]])</span>{{/REQUIRED}}</label>
    <textarea id="survey-text" name="text" rows="5" maxlength="4000"{{#REQUIRED}} required{{/REQUIRED}}>{{TEXT_VALUE}}</textarea>
    {{/TEXT}}
    <div class="survey-nav">
      {{#BACK}}<a class="button secondary" href="{{BACK_HREF}}">[[Back]]</a>{{/BACK}}
      <button type="submit">{{#NOT_LAST}}[[Next]]{{/NOT_LAST}}{{#LAST}}[[Send my answers]]{{/LAST}}</button>
    </div>
  </form>
  <p class="muted">[[Each answer is saved when you go on: you can come back to this link later to finish.]]</p>
</section>
