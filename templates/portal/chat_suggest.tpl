{{%AUTOESCAPE context="HTML"}}
<section class="card narrow chat-suggest">
  <h1>[[These articles may answer your question]]</h1>
  <ul class="suggestions">
    {{#ARTICLE}}<li><a href="{{URL}}">{{TITLE}}</a><p class="muted small">{{SNIPPET}}</p></li>{{/ARTICLE}}
  </ul>
  <form method="post" action="/chat">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#KEEP}}<input type="hidden" name="{{FIELD}}" value="{{VALUE}}">{{/KEEP}}
    <input type="hidden" name="go_on" value="1">
    <button type="submit">[[No, I still want to chat]]</button>
  </form>
</section>
