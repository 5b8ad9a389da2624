{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/css/chat.css">
<section class="card narrow chat-start">
  <h1>[[Chat with us]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  {{#OFFLINE}}<p class="notice" role="status">[[Nobody is available to chat right now. Leave us a message and your email address, and we will answer by email.]]</p>{{/OFFLINE}}
  <form method="post" action="/chat" id="chat-start">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#CUSTOMER}}<p class="muted">[[You are chatting as {{NAME}}.]]</p>{{/CUSTOMER}}
    {{#VISITOR}}
    <label for="name">[[Your name]]</label>
    <input id="name" name="name" value="{{NAME}}" required maxlength="200" autocomplete="name">
    <label for="email">[[Email (optional)]]</label>
    <input id="email" name="email" type="email" value="{{EMAIL}}" maxlength="254" autocomplete="email">
    <p class="muted small" id="chat-notice">{{NOTICE}}</p>
    {{/VISITOR}}
    <label for="topic">[[Topic]]</label>
    <select id="topic" name="topic">
      {{#TOPIC}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/TOPIC}}
    </select>
    <label for="chat-lang">[[Language]]</label>
    <select id="chat-lang" name="lang">
      {{#LANG_CHOICE}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LANG_CHOICE}}
    </select>
    <label for="message">[[Your message]]</label>
    <textarea id="message" name="message" required maxlength="{{MAX_TEXT}}" rows="4">{{MESSAGE}}</textarea>
    <button type="submit">[[Start chat]]</button>
  </form>
</section>
