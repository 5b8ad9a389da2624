{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/css/surveys.css">
<section>
  <h1>{{HEADING}}</h1>
  <p class="muted">{{KIND_LABEL}}{{#MANAGER}} · <a href="/admin/surveys/{{ID}}/edit">[[Edit]]</a> · <a href="/admin/surveys/{{ID}}/responses.csv">[[Download the responses (CSV)]]</a>{{/MANAGER}}</p>
  {{#OWN_ONLY}}<p class="muted">[[These figures cover your own conversations.]]</p>{{/OWN_ONLY}}
  <form method="get" action="/admin/surveys/{{ID}}" class="filters">
    <label for="weeks">[[Period]]</label>
    <select id="weeks" name="weeks">{{#PERIOD_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>[[Last {{CODE}} weeks]]</option>{{/PERIOD_OPT}}</select>
    {{#MANAGER}}<label for="agent">[[Agent]]</label>
    <select id="agent" name="agent"><option value="">[[Everyone]]</option>{{#AGENT_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/AGENT_OPT}}</select>{{/MANAGER}}
    <label for="band">[[Comments with a score]]</label>
    <select id="band" name="band"><option value="">[[Any score]]</option>{{#BAND_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/BAND_OPT}}</select>
    <button type="submit">[[Show]]</button>
  </form>
  <div class="figures">
    <div class="figure"><span class="muted">{{METRIC_NAME}}</span><span class="big" id="figure-value">{{VALUE}}</span><span>{{MARGIN}}</span> · <span>[[{{N}} answers]]</span>
      {{#LOW_SAMPLE}}<p class="lowsample">[[Fewer than 30 answers: read this figure with care.]]</p>{{/LOW_SAMPLE}}</div>
    <div class="figure"><span class="muted">{{GOOD_LABEL}}</span><span class="big">{{GOOD}}</span><span class="muted">{{NEUTRAL_LABEL}}</span> {{NEUTRAL}}<br><span class="muted">{{BAD_LABEL}}</span> {{BAD}}</div>
    <div class="figure"><span class="muted">[[Response rate]]</span><span class="big">{{RATE}}</span>[[{{COMPLETED}} completed of {{INVITED}} sent; {{RESPONDED}} started]]</div>
  </div>
  <h2>[[Weekly trend]]</h2>
  {{>TREND}}
  <details><summary>[[The trend as a table]]</summary>
    <table><thead><tr><th scope="col">[[Week of]]</th><th scope="col">[[Answers]]</th><th scope="col">[[Figure]]</th></tr></thead>
    <tbody>{{#WEEK_ROW}}<tr><td>{{WEEK}}</td><td>{{N}}</td><td>{{VALUE}}</td></tr>{{/WEEK_ROW}}</tbody></table>
  </details>
  {{#BREAKDOWN}}
  <h2>{{BTITLE}}</h2>
  {{#BEMPTY}}<p class="muted">[[No answers in this period.]]</p>{{/BEMPTY}}
  <div class="table-wrap"><table>
    <thead><tr><th scope="col"></th><th scope="col">[[Answers]]</th><th scope="col">[[Figure]]</th><th scope="col"></th></tr></thead>
    <tbody>{{#BROW}}<tr><td>{{LABEL}}</td><td>{{N}}{{#LOW}} <span class="lowsample" title="[[Fewer than 30 answers]]">*</span>{{/LOW}}</td><td class="nowrap">{{VALUE}} <span class="muted">{{MARGIN}}</span></td>
      <td><svg class="hbar" viewBox="0 0 100 8" aria-hidden="true"><rect width="100" height="8" fill="#eef1f6"/><rect width="{{BAR_W}}" height="8" fill="#1f4e8c"/></svg></td></tr>{{/BROW}}</tbody>
  </table></div>
  {{/BREAKDOWN}}
  <h2>[[Comments]]</h2>
  {{#NO_COMMENTS}}<p class="muted">[[No comments match.]]</p>{{/NO_COMMENTS}}
  <ul class="comments">
    {{#COMMENT}}<li class="card"><p>{{TEXT}}</p><p class="muted">{{AT}}{{#SCORE}} · [[score]] {{SCORE}}{{/SCORE}} · {{AGENT}} · {{CHANNEL}} · {{TOPIC}}</p></li>{{/COMMENT}}
  </ul>
</section>
