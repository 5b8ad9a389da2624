{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/css/chat.css">
<link rel="stylesheet" href="/static/css/desk.css">
<div class="desk{{#HAS_CONV}} has-conv{{/HAS_CONV}}" id="desk" data-stream="/live/staff/{{STAFF_LIVE}}/{{INBOX_LIVE}}" data-conv="{{CONV_ID}}" data-t-keys="[[Keyboard shortcuts]]" data-t-new="[[New message]]" data-t-mention="[[You were mentioned in a note]]" data-t-assigned="[[A conversation was given to you]]" data-t-woke="[[A snoozed conversation is back]]" data-t-now="[[under a minute]]" data-t-min="[[{n} min]]" data-t-h="[[{n} h]]" data-t-d="[[{n} d]]">
  <section class="desk-list" id="desk-list" aria-label="[[Conversations]]">
    <div class="desk-bar">
      <form method="post" action="/admin/inbox/presence" class="inline presence">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <input type="hidden" name="next" value="/admin/inbox">
        <label for="presence" class="sr-only">[[My status]]</label>
        <select id="presence" name="presence" class="presence-{{PRESENCE}}">
          {{#PRESENCE_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PRESENCE_OPT}}
        </select>
        <button type="submit" class="small">[[Set]]</button>
      </form>
      <a class="button small" href="/admin/inbox/new">[[New conversation]]</a>
      <button type="button" class="small secondary" id="desk-alerts" hidden>[[Turn on alerts]]</button>
    </div>
    {{>LIST}}
    {{#SUPERVISOR}}
    <details class="desk-team">
      <summary>[[Queues and agents]]</summary>
      <ul class="queues">
        {{#QUEUE}}<li>{{SKILL}} · {{QLANG}}: [[{{WAITING}} waiting]] ([[since {{OLDEST}}]])</li>{{/QUEUE}}
        {{#NO_QUEUE}}<li class="muted">[[Nobody is waiting.]]</li>{{/NO_QUEUE}}
      </ul>
      <table>
        <thead><tr><th scope="col">[[Name]]</th><th scope="col">[[Status]]</th><th scope="col">[[Live]]</th><th scope="col">[[Email]]</th></tr></thead>
        <tbody>{{#AGENT}}<tr><td>{{AGENT_NAME}}</td><td>{{AGENT_PRESENCE}}</td><td>{{OPEN_LIVE}} / {{MAX_LIVE}}</td><td>{{OPEN_EMAIL}} / {{MAX_EMAIL}}</td></tr>{{/AGENT}}</tbody>
      </table>
      <p><a href="/admin/canned">[[Canned answers]]</a> · <a href="/admin/routing">[[Routing]]</a></p>
    </details>
    {{/SUPERVISOR}}
  </section>

  <section class="desk-conv" aria-label="[[Conversation]]">
  {{#NO_CONV}}<div class="desk-empty"><p>[[Choose a conversation from the list.]]</p><p class="muted">[[Press ? for the keyboard shortcuts.]]</p></div>{{/NO_CONV}}
  {{#CONV}}
    <nav class="desk-phone-nav" aria-label="[[Panes]]"><a href="{{BACK}}">← [[Conversations]]</a> <a href="#customer">[[Customer]] →</a></nav>
    <header class="conv-head">
      <h1><span class="ch ch-{{KIND}}" title="{{CHANNEL}}"><span class="sr-only">{{CHANNEL}}</span></span> {{NAME}}</h1>
      {{#HAS_SUBJECT}}<p class="conv-subject">{{SUBJECT}}</p>{{/HAS_SUBJECT}}
      <p class="muted small">#{{ID}} · {{ACCOUNT}} · <span class="badge status-{{STATUS_CODE}}" id="conv-status" data-t-open="[[Open]]" data-t-pending="[[Pending]]" data-t-resolved="[[Resolved]]">{{STATUS}}</span> · <span class="badge prio-{{PRIORITY_CODE}}">{{PRIORITY}}</span> · <span id="conv-assignee">{{ASSIGNEE}}</span> · [[Team]] {{TEAM}} · {{CLANG}}{{#IS_SNOOZED}} · <strong>[[Snoozed until {{SNOOZED_UNTIL}}]]</strong>{{/IS_SNOOZED}}{{#OFFLINE}} · [[Goes on by email]]{{/OFFLINE}}{{#FOLLOWS}} · <a href="/admin/inbox/{{FOLLOWS_ID}}#latest">[[Answers conversation #{{FOLLOWS_ID}}]]</a>{{/FOLLOWS}}</p>
    </header>
    <div class="conv-actions">
      {{#CAN_TAKE}}<form method="post" action="/admin/inbox/{{ID}}/assign" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}"><input type="hidden" name="to" value="me"><button type="submit" class="small" data-key="a">[[Take it]]</button></form>{{/CAN_TAKE}}
      {{#CAN_RESOLVE}}<form method="post" action="/admin/inbox/{{ID}}/status" class="inline" id="resolve-form">
        <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}">
        <input type="hidden" name="status" value="resolved">
        <button type="submit" class="small" data-key="e">[[Resolve]]</button>
      </form>{{/CAN_RESOLVE}}
      {{#CAN_REOPEN}}<form method="post" action="/admin/inbox/{{ID}}/status" class="inline" id="reopen-form">
        <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}">
        <input type="hidden" name="status" value="open">
        <button type="submit" class="small secondary">[[Reopen]]</button>
      </form>{{/CAN_REOPEN}}
      <details class="more-actions">
        <summary>[[More]]</summary>
        <form method="post" action="/admin/inbox/{{ID}}/assign" id="assign-form">
          <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}">
          <label for="assign-to">[[Assign or transfer to]]</label>
          <select id="assign-to" name="to">
            <optgroup label="[[Agents]]">{{#AGENT_OPT}}<option value="{{STAFF_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{AGENT_NAME}} ({{AGENT_PRESENCE}})</option>{{/AGENT_OPT}}</optgroup>
            <optgroup label="[[Teams]]">{{#SKILL_OPT}}<option value="skill:{{CODE}}">{{LABEL}}</option>{{/SKILL_OPT}}</optgroup>
            <option value="nobody">[[Nobody: back to the queue]]</option>
          </select>
          <button type="submit" class="small">[[Assign]]</button>
        </form>
        <form method="post" action="/admin/inbox/{{ID}}/status" id="status-form">
          <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}">
          <label for="status">[[Status]]</label>
          <select id="status" name="status">{{#STATUS_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select>
          <button type="submit" class="small">[[Change]]</button>
        </form>
        <form method="post" action="/admin/inbox/{{ID}}/priority" id="priority-form">
          <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}">
          <label for="priority">[[Priority]]</label>
          <select id="priority" name="priority">{{#PRIORITY_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PRIORITY_OPT}}</select>
          <button type="submit" class="small">[[Change]]</button>
        </form>
        {{#CAN_SNOOZE}}<form method="post" action="/admin/inbox/{{ID}}/snooze" id="snooze-form">
          <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}">
          <fieldset><legend>[[Snooze until]]</legend>
            <button type="submit" name="preset" value="hour" class="small secondary">[[In an hour]]</button>
            <button type="submit" name="preset" value="tomorrow" class="small secondary">[[Tomorrow 9:00]]</button>
            <button type="submit" name="preset" value="week" class="small secondary">[[Next Monday 9:00]]</button>
            <label for="snooze-until">[[Or a time of your choice]]</label>
            <input type="datetime-local" id="snooze-until" name="until">
            <button type="submit" class="small">[[Snooze]]</button>
          </fieldset>
        </form>{{/CAN_SNOOZE}}
        {{#IS_SNOOZED}}<form method="post" action="/admin/inbox/{{ID}}/snooze" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}"><input type="hidden" name="wake" value="1"><button type="submit" class="small">[[Wake it now]]</button></form>{{/IS_SNOOZED}}
        <div class="tags-edit">
          <h3>[[Tags]]</h3>
          <ul class="tags">{{#TAG_ROW}}<li>{{TAG}} <form method="post" action="/admin/inbox/{{ID}}/tags" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}"><input type="hidden" name="remove" value="{{TAG}}"><button type="submit" class="link" aria-label="[[Remove tag]]">×</button></form></li>{{/TAG_ROW}}</ul>
          <form method="post" action="/admin/inbox/{{ID}}/tags" class="inline">
            <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}">
            <label for="tag-add">[[Add a tag]]</label>
            <input id="tag-add" name="add" maxlength="40" pattern="[a-z0-9][a-z0-9_\-]*">
            <button type="submit" class="small">[[Add]]</button>
          </form>
        </div>
      </details>
    </div>

    <section class="card chat" id="chat" data-base="/admin/inbox/{{ID}}" data-last="{{LAST}}" data-conv="{{ID}}" data-t-note="[[internal note]]" data-t-mail="[[Original mail]]" data-t-failed="[[The message could not be sent.]]">
      {{#EARLIER}}<p class="muted small">[[Only the newest 500 messages are shown.]]</p>{{/EARLIER}}
      <ol class="messages" id="messages" aria-live="polite">
        {{#MSG}}<li class="msg msg-{{KIND}}" data-id="{{MSG_ID}}"{{#LATEST}} id="latest"{{/LATEST}}><span class="who">{{WHO}}{{#NOTE}} <span class="note-tag">[[internal note]]</span>{{/NOTE}}</span>{{#SUBJECT}} <span class="subject">{{MSG_SUBJECT}}</span>{{/SUBJECT}} <span class="text">{{TEXT}}</span>{{#ATTACHMENT}} <a class="file" href="{{HREF}}">{{#IMAGE}}<img src="{{HREF}}" alt="{{NAME}}" loading="lazy">{{/IMAGE}}<span>{{NAME}} ({{SIZE}})</span></a>{{/ATTACHMENT}} <time>{{AT}}</time>{{#RAW_MAIL}} <a class="raw-mail small" href="/admin/inbox/{{ID}}/mails/{{MAIL_ID}}">[[Original mail]]</a>{{/RAW_MAIL}}{{#DELIVERY}} <span class="delivery{{#FAILED}} failed{{/FAILED}}">{{STATE}}{{#FAILED}}: {{REASON}}{{/FAILED}}</span>{{/DELIVERY}}</li>
        {{/MSG}}
      </ol>
      <p class="typing" id="typing" hidden>[[The customer is typing…]]</p>

      <div class="composers" id="composer">
        <div class="composer-tabs" role="tablist" hidden>
          <button type="button" role="tab" id="tab-reply" aria-controls="reply-form" aria-selected="true" data-key="r">[[Reply]]</button>
          <button type="button" role="tab" id="tab-note" aria-controls="note-form" aria-selected="false" data-key="n">[[Note]]</button>
        </div>
        {{#REPLY_BLOCKED}}<p class="reply-blocked" id="reply-form" role="note">{{BLOCKED_TEXT}}</p>{{/REPLY_BLOCKED}}
        {{#REPLY_OK}}<div class="reply-pane" id="reply-pane" role="tabpanel" aria-labelledby="tab-reply">
        <form method="post" action="/admin/inbox/{{ID}}/messages" id="reply-form" class="composer reply" enctype="multipart/form-data">
          <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}">
          <input type="hidden" name="kind" value="reply"><input type="hidden" name="client_id" value="{{CLIENT_ID}}">
          {{#REPLY_ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/REPLY_ERROR}}
          <label for="body">[[Reply to the customer]] <span class="muted">({{VIA}})</span></label>
          <textarea id="body" name="body" maxlength="{{MAX_TEXT}}" rows="4" data-enter-sends="1">{{BODY}}</textarea>
          <div class="composer-row">
            {{#CAN_ATTACH}}<label for="reply-file" class="inline-label">[[Attach]] <span class="muted">([[up to {{MAX_UPLOAD_MB}} MB]])</span></label>
            <input type="file" id="reply-file" name="file" multiple>{{/CAN_ATTACH}}
            <button type="submit">[[Send to customer]]</button>
          </div>
        </form>
        <form method="get" action="/admin/inbox/{{ID}}#composer" class="canned-pick" id="canned-form">
          {{#LIST_FIELD}}<input type="hidden" name="{{FIELD}}" value="{{VALUE}}">{{/LIST_FIELD}}
          <label for="canned" class="inline-label">[[Canned answer]]</label>
          <select id="canned" name="canned">
            <option value="">—</option>
            {{#CANNED}}<option value="{{CANNED_ID}}" data-text="{{TEXT}}">{{TITLE}}</option>{{/CANNED}}
          </select>
          <button type="submit" class="small secondary">[[Insert]]</button>
        </form>
        </div>{{/REPLY_OK}}
        <form method="post" action="/admin/inbox/{{ID}}/messages" id="note-form" class="composer note" enctype="multipart/form-data" role="tabpanel" aria-labelledby="tab-note">
          <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="list" value="{{LIST_QS}}">
          <input type="hidden" name="kind" value="note"><input type="hidden" name="client_id" value="{{NOTE_CLIENT_ID}}">
          {{#NOTE_ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/NOTE_ERROR}}
          <label for="note-body"><span class="note-lock" aria-hidden="true"></span> [[Internal note — only staff see this]]</label>
          <textarea id="note-body" name="body" rows="3" data-enter-sends="1" placeholder="[[Write @ and a colleague's name to tell them]]">{{NOTE_BODY}}</textarea>
          <div class="composer-row">
            <details class="mentions"><summary>[[Tell a colleague]]</summary>
              {{#MENTION_OPT}}<label class="check"><input type="checkbox" name="mention" value="{{MENTION_NAME}}"> {{MENTION_NAME}}</label>{{/MENTION_OPT}}
            </details>
            <label for="note-file" class="inline-label">[[Attach]]</label>
            <input type="file" id="note-file" name="file" multiple>
            <button type="submit" class="note-button">[[Add note]]</button>
          </div>
        </form>
      </div>
    </section>

    <details class="card history">
      <summary>[[History]]</summary>
      <ol class="events">{{#EVENT}}<li><time>{{EV_AT}}</time> {{EV_WHO}} {{EV_WHAT}}{{#EV_CHANGE}} <span class="muted">({{EV_VALUES}})</span>{{/EV_CHANGE}}</li>{{/EVENT}}</ol>
    </details>
  {{/CONV}}
  </section>

  {{#CUSTOMER}}
  <aside class="desk-customer" id="customer" aria-label="[[Customer]]">
    <nav class="desk-phone-nav"><a href="#latest">← [[Conversation]]</a></nav>
    <h2>[[Customer]]</h2>
    {{#IS_VISITOR}}<p>{{V_LABEL}}: {{V_NAME}}</p><p class="muted">{{V_EMAIL}}</p>{{/IS_VISITOR}}
    {{#PROFILE}}
    <dl class="profile">
      <dt>[[Name]]</dt><dd>{{P_NAME}}</dd>
      <dt>[[Email]]</dt><dd>{{P_EMAIL}}{{#P_VERIFIED}} <span class="badge ok">[[verified]]</span>{{/P_VERIFIED}}</dd>
      <dt>[[Language]]</dt><dd>{{P_LANG}}</dd><dt>[[Time zone]]</dt><dd>{{P_TZ}}</dd>
      <dt>[[Customer since]]</dt><dd>{{P_SINCE}}</dd>
    </dl>
    <h3>[[Consents]]</h3>
    <ul class="consents">{{#CONSENT}}<li>{{PURPOSE}}: {{#GRANTED}}<span class="badge ok">[[granted]]</span>{{/GRANTED}}{{#NOT_GRANTED}}<span class="badge">[[not granted]]</span>{{/NOT_GRANTED}}</li>{{/CONSENT}}</ul>
    <h3>[[Other conversations]]</h3>
    <ul class="earlier">
      {{#EARLIER}}<li><span class="ch ch-{{E_KIND}}" title="{{E_CHANNEL}}"><span class="sr-only">{{E_CHANNEL}}</span></span> <a href="/admin/inbox/{{E_ID}}#latest">{{E_WHEN}}</a> · {{E_STATUS}} <span class="muted">{{E_PREVIEW}}</span></li>{{/EARLIER}}
      {{#NO_EARLIER}}<li class="muted">[[None]]</li>{{/NO_EARLIER}}
    </ul>
    <h3>[[Survey answers]]</h3>
    <ul class="surveys">
      {{#SURVEY}}<li>{{S_WHEN}} · {{S_KIND}}: <strong>{{S_SCORE}}</strong>{{#S_COMMENT}} <span class="muted">“{{COMMENT}}”</span>{{/S_COMMENT}}</li>{{/SURVEY}}
      {{#NO_SURVEYS}}<li class="muted">[[None]]</li>{{/NO_SURVEYS}}
    </ul>
    {{/PROFILE}}
  </aside>
  {{/CUSTOMER}}

  <dialog id="desk-keys" aria-labelledby="desk-keys-title">
    <h2 id="desk-keys-title">[[Keyboard shortcuts]]</h2>
    <dl class="keys">
      <dt><kbd>j</kbd> / <kbd>k</kbd></dt><dd>[[next / previous conversation]]</dd>
      <dt><kbd>r</kbd></dt><dd>[[reply]]</dd><dt><kbd>n</kbd></dt><dd>[[note]]</dd>
      <dt><kbd>e</kbd></dt><dd>[[resolve]]</dd><dt><kbd>a</kbd></dt><dd>[[assign to me]]</dd>
      <dt><kbd>/</kbd></dt><dd>[[search]]</dd><dt><kbd>?</kbd></dt><dd>[[these shortcuts]]</dd>
      <dt><kbd>Enter</kbd></dt><dd>[[sends; Shift+Enter starts a new line]]</dd>
    </dl>
    <form method="dialog"><button type="submit">[[Close]]</button></form>
  </dialog>
</div>
<script src="/static/js/desk.js" defer></script>
