{{%AUTOESCAPE context="HTML"}}
<div id="desk-list-body" data-qs="{{LIST_QS}}" data-unread="{{UNREAD_COUNT}}">
<nav class="desk-tabs" aria-label="[[Conversation views]]">
  {{#TAB}}<a href="{{HREF}}"{{#SELECTED}} aria-current="page"{{/SELECTED}}>{{LABEL}}{{#COUNT}} <span class="count">{{N}}</span>{{/COUNT}}</a>{{/TAB}}
</nav>
<form method="get" action="/admin/inbox" class="desk-search" role="search">
  <input type="hidden" name="view" value="{{VIEW}}">
  <label for="q" class="sr-only">[[Search conversations]]</label>
  <input type="search" id="q" name="q" value="{{Q}}" maxlength="200" placeholder="[[Search: words, name, email, phone, #number]]" data-key="/">
  <details class="desk-filters">
    <summary>[[Filters]]</summary>
    <label for="f-status">[[Status]]</label>
    <select id="f-status" name="status"><option value="any"{{#ANY_STATUS}} selected{{/ANY_STATUS}}>[[Any]]</option>{{#STATUS_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select>
    <label for="f-channel">[[Channel]]</label>
    <select id="f-channel" name="channel"><option value="">[[Any]]</option>{{#CHANNEL_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CHANNEL_OPT}}</select>
    <label for="f-team">[[Team]]</label>
    <select id="f-team" name="team"><option value="">[[Any]]</option>{{#TEAM_OPT}}<option value="{{TEAM_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEAM_NAME}}</option>{{/TEAM_OPT}}</select>
    <label for="f-priority">[[Priority]]</label>
    <select id="f-priority" name="priority"><option value="">[[Any]]</option>{{#PRIORITY_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PRIORITY_OPT}}</select>
    <label for="f-tag">[[Tag]]</label>
    <input id="f-tag" name="tag" value="{{TAG}}" maxlength="40">
    <label for="f-snoozed">[[Snoozed]]</label>
    <select id="f-snoozed" name="snoozed">{{#SNOOZED_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SNOOZED_OPT}}</select>
    <label for="f-sort">[[Order]]</label>
    <select id="f-sort" name="sort">{{#SORT_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SORT_OPT}}</select>
  </details>
  <button type="submit" class="small">[[Search]]</button>
</form>
<form method="post" action="/admin/inbox/bulk" id="bulk-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="list" value="{{LIST_QS}}">
  <div id="desk-rows">
  <ul class="conv-list" id="conv-list">
    {{#ROW}}<li class="conv-row{{#UNREAD}} unread{{/UNREAD}}{{#CURRENT}} current{{/CURRENT}}" data-conv="{{ID}}">
      <input type="checkbox" name="id" value="{{ID}}" id="pick-{{ID}}" aria-label="[[Choose {{NAME}}]]">
      <a href="{{HREF}}" class="conv-link"{{#CURRENT}} aria-current="true"{{/CURRENT}}>
        <span class="conv-top">{{#UNREAD}}<span class="dot" title="[[New messages]]"><span class="sr-only">[[New messages]]</span></span>{{/UNREAD}}<span class="ch ch-{{KIND}}" title="{{CHANNEL}}"><span class="sr-only">{{CHANNEL}}</span></span> <strong class="conv-name">{{NAME}}</strong>{{#PRIORITY}} <span class="badge prio-{{PRIORITY_CODE}}">{{PRIORITY_LABEL}}</span>{{/PRIORITY}}{{#MENTIONED}} <span class="badge mention">@</span>{{/MENTIONED}} <time class="conv-when">{{WHEN}}</time></span>
        <span class="conv-summary">{{SUMMARY}}</span>
        {{#PREVIEW_LINE}}<span class="conv-preview muted">{{PREVIEW}}</span>{{/PREVIEW_LINE}}
        <span class="conv-meta muted small"><span class="badge status-{{STATUS_CODE}}">{{STATUS}}</span> · {{ASSIGNEE}}{{#WAITING}} · <span class="waiting" data-since="{{WAITING_SINCE}}">[[waiting]] <span class="dur">{{WAITING_FOR}}</span></span>{{/WAITING}}{{#SNOOZED}} · [[snoozed until {{UNTIL}}]]{{/SNOOZED}}{{#TAGS}} · {{TAG_LIST}}{{/TAGS}}</span>
      </a>
    </li>{{/ROW}}
  </ul>
  {{#EMPTY}}<p class="muted desk-none">[[No conversations match.]]</p>{{/EMPTY}}
  {{#PAGES}}<nav class="pages" aria-label="[[Pages]]">{{#PREV}}<a href="{{HREF}}">← [[Previous page]]</a>{{/PREV}} <span class="muted">[[Page {{PAGE}}]]</span> {{#NEXT}}<a href="{{HREF}}">[[Next page]] →</a>{{/NEXT}}</nav>{{/PAGES}}
  </div>
  <fieldset class="bulk">
    <legend>[[With the chosen conversations]]</legend>
    <label for="bulk-action" class="sr-only">[[Action]]</label>
    <select id="bulk-action" name="action">
      <option value="assign_me">[[Assign to me]]</option>
      <option value="assign">[[Assign to…]]</option>
      <option value="resolve">[[Resolve]]</option>
      <option value="tag">[[Add the tag…]]</option>
    </select>
    <label for="bulk-to" class="sr-only">[[Agent]]</label>
    <select id="bulk-to" name="to"><option value="">[[Agent]]</option>{{#BULK_AGENT}}<option value="{{STAFF_ID}}">{{AGENT_NAME}}</option>{{/BULK_AGENT}}</select>
    <label for="bulk-tag" class="sr-only">[[Tag]]</label>
    <input id="bulk-tag" name="tag" maxlength="40" placeholder="[[tag]]">
    <button type="submit" class="small">[[Apply]]</button>
  </fieldset>
</form>
</div>
