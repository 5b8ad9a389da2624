{{%AUTOESCAPE context="HTML"}}
<section>
  <h1>[[Routing]]</h1>
  <h2>[[Agents]]</h2>
  <p class="muted">[[Waiting conversations of every channel go, oldest first, to an online agent with the conversation's skill and language who has the fewest open ones below their limit. Web chat, messaging and phone count against the live limit; email, and chats left while nobody was there, against the email limit.]]</p>
  {{#AGENT}}<form method="post" action="/admin/routing/agents/{{STAFF_ID}}" class="card agent-settings">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <h3>{{AGENT_NAME}}</h3>
    <label for="max-live-{{STAFF_ID}}">[[Live conversations at once (web chat, messaging, phone)]]</label>
    <input id="max-live-{{STAFF_ID}}" name="max_live" type="number" min="0" max="50" value="{{MAX_LIVE}}">
    <label for="max-email-{{STAFF_ID}}">[[Email conversations at once]]</label>
    <input id="max-email-{{STAFF_ID}}" name="max_email" type="number" min="0" max="200" value="{{MAX_EMAIL}}">
    <fieldset><legend>[[Skills]]</legend>
      {{#SKILL}}<label><input type="checkbox" name="skill" value="{{CODE}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>{{/SKILL}}
    </fieldset>
    <fieldset><legend>[[Languages]]</legend>
      {{#LANG}}<label><input type="checkbox" name="lang" value="{{CODE}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>{{/LANG}}
    </fieldset>
    <button type="submit">[[Save]]</button>
  </form>{{/AGENT}}
  <h2>[[Business hours]]</h2>
  {{#TEAM}}<form method="post" action="/admin/routing/teams/{{TEAM_ID}}" class="card team-settings">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <h3>{{TEAM_NAME}}</h3>
    <label for="tz-{{TEAM_ID}}">[[Time zone]]</label>
    <select id="tz-{{TEAM_ID}}" name="tz">{{#TZ}}<option{{#SELECTED}} selected{{/SELECTED}}>{{ZONE}}</option>{{/TZ}}</select>
    <label for="opens-{{TEAM_ID}}">[[Opens]]</label>
    <input id="opens-{{TEAM_ID}}" name="opens" value="{{OPENS}}" pattern="[0-2][0-9]:[0-5][0-9]" maxlength="5">
    <label for="closes-{{TEAM_ID}}">[[Closes]]</label>
    <input id="closes-{{TEAM_ID}}" name="closes" value="{{CLOSES}}" pattern="[0-2][0-9]:[0-5][0-9]" maxlength="5">
    <fieldset><legend>[[Days]]</legend>
      {{#DAY}}<label><input type="checkbox" name="day" value="{{DOW}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>{{/DAY}}
    </fieldset>
    <button type="submit">[[Save]]</button>
  </form>{{/TEAM}}
</section>
