{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/css/surveys.css">
<section>
  <h1>{{HEADING}}</h1>
  <p class="muted">{{KIND_LABEL}} · <a href="/admin/surveys/{{ID}}">[[Results]]</a> · <a href="/admin/surveys/{{ID}}/preview">[[Preview]]</a> · <a href="/admin/surveys/{{ID}}/preview?lang=bn">[[Preview in Bengali]]</a></p>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <h2>[[Questions]]</h2>
  {{#NO_QUESTIONS}}<p>[[This survey has no questions yet.]]</p>{{/NO_QUESTIONS}}
  <ol class="question-list">
    {{#QUESTION}}<li>
      <strong>{{TEXT_EN}}</strong> <span lang="bn">{{TEXT_BN}}</span><br>
      <span class="muted">{{QTYPE}} {{SCALE}}{{#REQUIRED}} · [[required]]{{/REQUIRED}}{{#SCORE}} · [[gives the survey's figure]]{{/SCORE}}</span>
      {{#OPT}}<br><span class="muted">– {{OPT_TEXT}}</span>{{/OPT}}
      <div class="inline-forms">
        {{#CAN_UP}}<form method="post" action="/admin/surveys/{{ID}}/questions/{{QID}}/up"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">[[Move up]]</button></form>{{/CAN_UP}}
        {{#CAN_DOWN}}<form method="post" action="/admin/surveys/{{ID}}/questions/{{QID}}/down"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">[[Move down]]</button></form>{{/CAN_DOWN}}
        <form method="post" action="/admin/surveys/{{ID}}/questions/{{QID}}/delete"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">[[Delete]]</button></form>
      </div>
    </li>{{/QUESTION}}
  </ol>
  <form method="post" action="/admin/surveys/{{ID}}/questions" class="card">
    <h3>[[Add a question]]</h3>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="qtype">[[Kind of question]]</label>
    <select id="qtype" name="qtype">{{#QTYPE_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/QTYPE_OPT}}</select>
    <label for="q_en">[[Question (English)]]</label>
    <input id="q_en" name="text_en" required maxlength="500">
    <label for="q_bn">[[Question (Bengali)]]</label>
    <input id="q_bn" name="text_bn" maxlength="500" lang="bn">
    <label for="scale">[[Scale (rating questions)]]</label>
    <select id="scale" name="scale"><option value="5">1–5</option><option value="7">1–7</option><option value="10">0–10</option></select>
    <label for="opt_en">[[Choices in English, one per line (choice questions)]]</label>
    <textarea id="opt_en" name="options_en" rows="4"></textarea>
    <label for="opt_bn">[[Choices in Bengali, one per line, same order]]</label>
    <textarea id="opt_bn" name="options_bn" rows="4" lang="bn"></textarea>
    <label class="check"><input type="checkbox" name="required" value="1"> [[An answer is required]]</label>
    <button type="submit">[[Add the question]]</button>
  </form>
  <h2>[[Settings and distribution]]</h2>
  <form method="post" action="/admin/surveys/{{ID}}/edit" class="card narrow">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="title_en">[[Title (English)]]</label>
    <input id="title_en" name="title_en" value="{{TITLE_EN}}" required maxlength="200">
    <label for="title_bn">[[Title (Bengali)]]</label>
    <input id="title_bn" name="title_bn" value="{{TITLE_BN}}" maxlength="200" lang="bn">
    <label for="intro_en">[[Introduction (English)]]</label>
    <textarea id="intro_en" name="intro_en" rows="3" maxlength="2000">{{INTRO_EN}}</textarea>
    <label for="intro_bn">[[Introduction (Bengali)]]</label>
    <textarea id="intro_bn" name="intro_bn" rows="3" maxlength="2000" lang="bn">{{INTRO_BN}}</textarea>
    <label for="status">[[Status]]</label>
    <select id="status" name="status">{{#STATUS_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select>
    <p class="help">[[CSAT after resolved conversations and the NPS round use the newest active survey of their kind.]]</p>
    <label for="portal">[[Portal]]</label>
    <select id="portal" name="portal">{{#PORTAL_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PORTAL_OPT}}</select>
    <label for="link_days">[[Links stay valid for (days)]]</label>
    <input id="link_days" name="link_days" type="number" min="1" max="90" value="{{LINK_DAYS}}" required>
    <button type="submit">[[Save]]</button>
  </form>
  <form method="post" action="/admin/surveys/{{ID}}/send" class="card narrow">
    <h3>[[Send to a list of customers]]</h3>
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="emails">[[Customer email addresses, one per line (at most 200)]]</label>
    <textarea id="emails" name="emails" rows="5"></textarea>
    <p class="help">[[Only customers who may receive survey mail get a link.]]</p>
    <button type="submit">[[Send]]</button>
  </form>
</section>
