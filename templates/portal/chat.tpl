{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/css/chat.css">
<section class="card chat" id="chat" data-role="customer" data-base="/chat/{{ID}}" data-live="{{LIVE}}" data-last="{{LAST}}" data-t-queue="[[You are number {n} in the queue. An agent will be with you soon.]]" data-t-agent="[[You are talking with {name}.]]" data-t-slow="[[You are sending messages too fast. Please wait a moment.]]" data-t-failed="[[Your message could not be sent.]]" data-t-survey="[[Answer the survey]]">
  <h1>[[Chat with us]]</h1>
  <p class="chat-state" id="chat-state" role="status" aria-live="polite">
    {{#AGENT}}<span id="chat-agent">[[You are talking with {{AGENT_NAME}}.]]</span>{{/AGENT}}
    {{#QUEUE}}<span id="chat-queue">[[You are number {{POSITION}} in the queue. An agent will be with you soon.]]</span>{{/QUEUE}}
    {{#OFFLINE}}<span>[[Nobody is available right now. We will answer by email.]]</span>{{/OFFLINE}}
    {{#RESOLVED}}<span>[[This conversation is resolved. Write again to reopen it.]]</span>{{/RESOLVED}}
  </p>
  {{#WILL_JOIN}}<p class="muted small">[[This conversation will be saved to your account when you send your next message.]]</p>{{/WILL_JOIN}}
  <ol class="messages" id="messages" aria-live="polite">
    {{#MSG}}<li class="msg msg-{{KIND}}" data-id="{{MSG_ID}}"><span class="who">{{WHO}}</span> <span class="text">{{TEXT}}</span>{{#SURVEY_LINK}} <a class="button survey-link" href="{{HREF}}">[[Answer the survey]]</a>{{/SURVEY_LINK}} <time>{{AT}}</time></li>
    {{/MSG}}
  </ol>
  <p class="typing" id="typing" hidden>[[The agent is typing…]]</p>
  <form method="post" action="/chat/{{ID}}/messages" id="composer" class="composer">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="body">[[Your message]]</label>
    <textarea id="body" name="body" required maxlength="2000" rows="3"></textarea>
    <button type="submit">[[Send]]</button>
  </form>
  <p><a href="/chat/{{ID}}">[[Refresh]]</a></p>
  {{#CAN_TRANSCRIPT}}<form method="post" action="/chat/{{ID}}/transcript" class="inline">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="link">[[Email me the transcript]]</button>
  </form>{{/CAN_TRANSCRIPT}}
</section>
<script src="/static/js/chat.js" defer></script>
