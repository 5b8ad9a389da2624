{{%AUTOESCAPE context="HTML"}}
<section class="narrow">
  <p><a href="/admin/inbox">← [[Inbox]]</a></p>
  <h1>[[New conversation]]</h1>
  <p class="muted">[[Write to a customer first. The conversation is yours, and their answers come back to it.]]</p>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  {{#NO_ACCOUNT}}<p class="error" role="alert">[[No active channel can send a first message yet: an admin can add an email channel under Channels.]]</p>{{/NO_ACCOUNT}}
  <form method="post" action="/admin/inbox/new">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="n-account">[[Channel]]</label>
    <select id="n-account" name="account" required>{{#ACCOUNT_OPT}}<option value="{{ACCOUNT_ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{ACCOUNT_NAME}} ({{ACCOUNT_KIND}})</option>{{/ACCOUNT_OPT}}</select>
    <label for="n-email">[[Customer's email address]]</label>
    <input id="n-email" name="email" type="email" required maxlength="254" value="{{EMAIL}}" autocomplete="off">
    <label for="n-subject">[[Subject]]</label>
    <input id="n-subject" name="subject" required maxlength="200" value="{{SUBJECT}}">
    <label for="n-body">[[Message]]</label>
    <textarea id="n-body" name="body" required rows="8">{{BODY}}</textarea>
    <button type="submit">[[Send]]</button>
  </form>
</section>
