{{%AUTOESCAPE context="HTML"}}
<section>
  <h1>[[Canned answers]]</h1>
  <p class="muted">[[Placeholders: {name} is replaced by the customer's name, {agent} by the agent's.]]</p>
  <ul class="canned">
    {{#ROW}}<li><strong>{{TITLE}}</strong><p class="pre">{{TEXT}}</p>
      <form method="post" action="/admin/canned/{{ID}}/delete" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">[[Delete]]</button></form></li>{{/ROW}}
  </ul>
  <h2>[[New canned answer]]</h2>
  <form method="post" action="/admin/canned">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="c-title">[[Title]]</label>
    <input id="c-title" name="title" required maxlength="100" value="{{NEW_TITLE}}">
    <label for="c-body">[[Text]]</label>
    <textarea id="c-body" name="body" required maxlength="10000" rows="4">{{NEW_BODY}}</textarea>
    <button type="submit">[[Save]]</button>
  </form>
</section>
