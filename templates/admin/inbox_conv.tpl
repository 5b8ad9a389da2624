{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/css/chat.css">
<div class="conv-layout">
<section class="card chat" id="chat" data-role="agent" data-base="/admin/inbox/{{ID}}" data-live="{{LIVE}}" data-last="{{LAST}}" data-inbox-live="{{INBOX_LIVE}}" data-conv="{{ID}}" data-t-note="[[internal note]]" data-t-slow="[[Too many messages. Please wait a moment.]]" data-t-failed="[[The message could not be sent.]]">
  <h1>{{NAME}}</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <p class="muted">{{CHANNEL}} · <span id="conv-status">{{STATUS}}</span> · [[Assigned to]] <span id="conv-assignee">{{ASSIGNEE}}</span> · [[Topic]] {{TOPIC}} · {{CLANG}} · [[Transfers]] {{TRANSFERS}}{{#OFFLINE}} · [[Goes on by email]]{{/OFFLINE}}</p>
  <ol class="messages" id="messages" aria-live="polite">
    {{#MSG}}<li class="msg msg-{{KIND}}" data-id="{{MSG_ID}}"><span class="who">{{WHO}}{{#NOTE}} ([[internal note]]){{/NOTE}}</span> <span class="text">{{TEXT}}</span> <time>{{AT}}</time></li>
    {{/MSG}}
  </ol>
  <p class="typing" id="typing" hidden>[[The customer is typing…]]</p>
  <form method="get" action="/admin/inbox/{{ID}}" class="inline canned-pick">
    <label for="canned">[[Canned answer]]</label>
    <select id="canned" name="canned">
      <option value="">—</option>
      {{#CANNED}}<option value="{{CANNED_ID}}" data-text="{{TEXT}}">{{TITLE}}</option>{{/CANNED}}
    </select>
    <button type="submit">[[Insert]]</button>
  </form>
  <form method="post" action="/admin/inbox/{{ID}}/messages" id="composer" class="composer">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="body">[[Message]]</label>
    <textarea id="body" name="body" required maxlength="2000" rows="4">{{BODY}}</textarea>
    <button type="submit" name="kind" value="reply">[[Send to customer]]</button>
    <button type="submit" name="kind" value="note" class="secondary">[[Add internal note]]</button>
  </form>
</section>
<aside class="card conv-side">
  <h2>[[Conversation]]</h2>
  {{#CAN_TAKE}}<form method="post" action="/admin/inbox/{{ID}}/assign" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="to" value="me"><button type="submit">[[Take it]]</button></form>{{/CAN_TAKE}}
  <form method="post" action="/admin/inbox/{{ID}}/assign" id="assign-form">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="assign-to">[[Assign or transfer to]]</label>
    <select id="assign-to" name="to">
      <optgroup label="[[Agents]]">{{#AGENT_OPT}}<option value="{{STAFF_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{AGENT_NAME}} ({{PRESENCE}})</option>{{/AGENT_OPT}}</optgroup>
      <optgroup label="[[Teams]]">{{#SKILL_OPT}}<option value="skill:{{CODE}}">{{LABEL}}</option>{{/SKILL_OPT}}</optgroup>
    </select>
    <button type="submit">[[Assign]]</button>
  </form>
  <form method="post" action="/admin/inbox/{{ID}}/status" id="status-form">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="status">[[Status]]</label>
    <select id="status" name="status">{{#STATUS_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select>
    <button type="submit">[[Change]]</button>
  </form>
  <h3>[[Tags]]</h3>
  <ul class="tags">{{#TAG_ROW}}<li>{{TAG}} <form method="post" action="/admin/inbox/{{ID}}/tags" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="remove" value="{{TAG}}"><button type="submit" class="link" aria-label="[[Remove tag]]">×</button></form></li>{{/TAG_ROW}}</ul>
  <form method="post" action="/admin/inbox/{{ID}}/tags" class="inline">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="tag-add">[[Add a tag]]</label>
    <input id="tag-add" name="add" maxlength="40" pattern="[a-z0-9][a-z0-9_-]*">
    <button type="submit">[[Add]]</button>
  </form>
  <h2>[[Customer]]</h2>
  {{#IS_VISITOR}}<p>[[Visitor]]: {{NAME}} {{EMAIL}}</p>{{/IS_VISITOR}}
  {{#PROFILE}}<dl class="profile">
    <dt>[[Name]]</dt><dd>{{P_NAME}}</dd><dt>[[Email]]</dt><dd>{{P_EMAIL}}</dd>
    <dt>[[Language]]</dt><dd>{{P_LANG}}</dd><dt>[[Time zone]]</dt><dd>{{P_TZ}}</dd><dt>[[Customer since]]</dt><dd>{{P_SINCE}}</dd>
  </dl>{{/PROFILE}}
  {{#KNOWN}}
  <h3>[[Consents]]</h3>
  <ul class="consents">
    {{#CONSENT}}<li>{{PURPOSE}}: {{#GRANTED}}[[granted]]{{/GRANTED}}{{#NOT_GRANTED}}[[not granted]]{{/NOT_GRANTED}}</li>{{/CONSENT}}
  </ul>
  <h3>[[Earlier conversations]]</h3>
  <ul class="earlier">
    {{#EARLIER}}<li><a href="/admin/inbox/{{E_ID}}">{{E_WHEN}}</a> · {{E_CHANNEL}} · {{E_STATUS}} <span class="muted">{{E_PREVIEW}}</span></li>{{/EARLIER}}
    {{#NO_EARLIER}}<li class="muted">[[None]]</li>{{/NO_EARLIER}}
  </ul>
  {{/KNOWN}}
</aside>
</div>
<script src="/static/js/chat.js" defer></script>
