{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/css/chat.css">
<section class="card chat" id="chat" data-role="customer" data-base="/chat/{{ID}}" data-live="{{LIVE}}" data-last="{{LAST}}" data-status="{{STATUS}}" data-t-queue="[[You are number {n} in the queue. An agent will be with you soon.]]" data-t-agent="[[You are talking with {name}.]]" data-t-resolved="[[This conversation is resolved. Write again to reopen it.]]" data-t-slow="[[You are sending messages too fast. Please wait a moment.]]" data-t-failed="[[Your message could not be sent.]]" data-t-survey="[[Answer the survey]]">
  <h1>[[Chat with us]]</h1>
  <p class="chat-state" id="chat-state" role="status" aria-live="polite">
    {{#RESOLVED}}<span>[[This conversation is resolved. Write again to reopen it.]]</span>{{/RESOLVED}}
    {{#QUEUE}}<span id="chat-queue">[[You are number {{POSITION}} in the queue. An agent will be with you soon.]]</span>{{/QUEUE}}
    {{#AGENT}}<span id="chat-agent">[[You are talking with {{AGENT_NAME}}.]]</span>{{/AGENT}}
    {{#OFFLINE}}<span>[[Nobody is available right now. We will answer by email.]]</span>{{/OFFLINE}}
  </p>
  {{#WILL_JOIN}}<p class="muted small">[[This conversation will be saved to your account when you send your next message.]]</p>{{/WILL_JOIN}}
  {{#EARLIER}}<p class="muted small">[[Only the newest 500 messages are shown.]]</p>{{/EARLIER}}
  <ol class="messages" id="messages" aria-live="polite">
    {{#MSG}}<li class="msg msg-{{KIND}}" data-id="{{MSG_ID}}"><span class="who">{{WHO}}</span> <span class="text">{{TEXT}}</span>{{#ATTACHMENT}} <a class="file" href="{{HREF}}">{{#IMAGE}}<img src="{{HREF}}" alt="{{NAME}}" loading="lazy">{{/IMAGE}}<span>{{NAME}} ({{SIZE}})</span></a>{{/ATTACHMENT}}{{#SURVEY_LINK}} <a class="button survey-link" href="{{HREF}}">[[Answer the survey]]</a>{{/SURVEY_LINK}} <time>{{AT}}</time></li>
    {{/MSG}}
  </ol>
  <p id="latest" class="sr-only">[[End of the conversation]]</p>
  <p class="typing" id="typing" hidden>[[The agent is typing…]]</p>
  <form method="post" action="/chat/{{ID}}/messages" id="composer" class="composer" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="client_id" value="{{CLIENT_ID}}">
    {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
    <label for="body">[[Your message]]</label>
    <textarea id="body" name="body" maxlength="{{MAX_TEXT}}" rows="3" data-enter-sends="1">{{BODY}}</textarea>
    <label for="file" class="small">[[Attach a file]] <span class="muted">([[up to {{MAX_UPLOAD_MB}} MB]])</span></label>
    <input type="file" id="file" name="file" multiple>
    <button type="submit">[[Send]]</button>
  </form>
  <p><a href="/chat/{{ID}}#latest">[[Refresh]]</a></p>
  {{#CAN_TRANSCRIPT}}<form method="post" action="/chat/{{ID}}/transcript" class="inline">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit" class="link">[[Email me the transcript]]</button>
  </form>{{/CAN_TRANSCRIPT}}
</section>
<script src="/static/js/chat.js" defer></script>
