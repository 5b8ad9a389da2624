{{%AUTOESCAPE context="HTML"}}
<section class="narrow">
  <p><a href="/admin/channels">← [[Channels]]</a></p>
  <h1><span class="ch ch-{{KIND}}" aria-hidden="true"></span> {{KIND_LABEL}}{{#EDIT}}: {{NAME}}{{/EDIT}}</h1>
  <p class="muted">[[Replies on this channel go out:]] {{REPLIES}}</p>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <form method="post" action="{{ACTION}}" autocomplete="off">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="kind" value="{{KIND}}">
    <label for="c-name">[[Name]]</label>
    <input id="c-name" name="name" required maxlength="100" value="{{NAME}}">
    <label for="c-address">[[Address]] <span class="muted">([[mailbox, phone number, page or bot name]])</span></label>
    <input id="c-address" name="address" maxlength="254" value="{{ADDRESS}}">
    <label for="c-team">[[Team]]</label>
    <select id="c-team" name="team"><option value="">—</option>{{#TEAM_OPT}}<option value="{{TEAM_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEAM_NAME}}</option>{{/TEAM_OPT}}</select>
    <label for="c-skill">[[Skill of its conversations]]</label>
    <select id="c-skill" name="skill"><option value="">—</option>{{#SKILL_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SKILL_OPT}}</select>
    <label class="check"><input type="checkbox" name="active" value="1"{{#ACTIVE}} checked{{/ACTIVE}}> [[Active]]</label>
    <fieldset>
      <legend>[[Secrets]]</legend>
      <p class="muted small">[[Stored encrypted. Leave a field empty to keep what is stored; a stored secret is never shown again.]]</p>
      {{#SECRETS_UNREADABLE}}<p class="error">[[The stored secrets cannot be opened with this server's master key; enter them again.]]</p>{{/SECRETS_UNREADABLE}}
      {{#SECRET}}
      <label for="s-{{FIELD}}">{{LABEL}} {{#IS_SET}}<span class="badge ok">[[set, ends in {{ENDS}}]]</span>{{/IS_SET}}{{#NOT_SET}}<span class="badge">[[not set]]</span>{{/NOT_SET}}</label>
      <input id="s-{{FIELD}}" name="{{FIELD}}" type="password" maxlength="4096" autocomplete="new-password">
      {{#IS_SET}}<label class="check"><input type="checkbox" name="clear_{{FIELD}}" value="1"> [[Remove it]]</label>{{/IS_SET}}
      {{/SECRET}}
    </fieldset>
    <button type="submit">[[Save]]</button>
  </form>
</section>
