{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/css/chat.css">
<section class="inbox" id="inbox" data-inbox-live="{{INBOX_LIVE}}">
  <h1>[[Inbox]]</h1>
  <form method="post" action="/admin/inbox/presence" class="inline presence">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="presence">[[My status]]</label>
    <select id="presence" name="presence">
      {{#PRESENCE_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PRESENCE_OPT}}
    </select>
    <button type="submit">[[Set]]</button>
  </form>
  <form method="get" action="/admin/inbox" class="filters">
    <label for="f-view">[[Show]]</label>
    <select id="f-view" name="view">{{#VIEW}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/VIEW}}</select>
    <label for="f-status">[[Status]]</label>
    <select id="f-status" name="status"><option value="">[[Any]]</option>{{#STATUS_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select>
    <label for="f-channel">[[Channel]]</label>
    <select id="f-channel" name="channel"><option value="">[[Any]]</option>{{#CHANNEL_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CHANNEL_OPT}}</select>
    <label for="f-tag">[[Tag]]</label>
    <input id="f-tag" name="tag" value="{{TAG}}" maxlength="40">
    <button type="submit">[[Filter]]</button>
  </form>
  <div class="table-wrap" id="inbox-list">
  <table>
    <thead><tr><th scope="col">[[Customer]]</th><th scope="col">[[Channel]]</th><th scope="col">[[Status]]</th><th scope="col">[[Assigned to]]</th><th scope="col">[[Last message]]</th><th scope="col">[[Tags]]</th><th scope="col">[[When]]</th></tr></thead>
    <tbody>
    {{#ROW}}<tr data-conv="{{ID}}">
      <td><a href="/admin/inbox/{{ID}}">{{NAME}}</a></td><td>{{CHANNEL}}</td><td>{{STATUS}}</td><td>{{ASSIGNEE}}</td>
      <td class="preview">{{PREVIEW}}</td><td>{{TAGS}}</td><td>{{WHEN}}</td>
    </tr>{{/ROW}}
    </tbody>
  </table>
  {{#EMPTY}}<p class="muted">[[No conversations match.]]</p>{{/EMPTY}}
  </div>
  {{#SUPERVISOR}}
  <h2>[[Queues]]</h2>
  <ul class="queues">
    {{#QUEUE}}<li>{{SKILL}} · {{QLANG}}: [[{{WAITING}} waiting]]</li>{{/QUEUE}}
    {{#NO_QUEUE}}<li class="muted">[[Nobody is waiting.]]</li>{{/NO_QUEUE}}
  </ul>
  <h2>[[Agents]]</h2>
  <table>
    <thead><tr><th scope="col">[[Name]]</th><th scope="col">[[Status]]</th><th scope="col">[[Open chats]]</th><th scope="col">[[Limit]]</th></tr></thead>
    <tbody>{{#AGENT}}<tr><td>{{AGENT_NAME}}</td><td>{{PRESENCE}}</td><td>{{OPEN}}</td><td>{{LIMIT}}</td></tr>{{/AGENT}}</tbody>
  </table>
  <p><a href="/admin/canned">[[Canned answers]]</a> · <a href="/admin/chat-settings">[[Chat settings]]</a></p>
  {{/SUPERVISOR}}
</section>
<script src="/static/js/inbox.js" defer></script>
