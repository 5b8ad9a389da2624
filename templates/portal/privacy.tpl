{{%AUTOESCAPE context="HTML"}}
<section class="card">
  <h1>[[Privacy]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <h2>[[What you allow us to do with your data]]</h2>
  {{#SERVICE}}
  <div class="purpose" id="purpose-{{CODE}}">
    <h3>{{TITLE}}</h3>
    <p>{{TEXT}}</p>
  </div>
  {{/SERVICE}}
  <form method="post" action="/account/privacy">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    {{#PURPOSE}}
    <div class="purpose" id="purpose-{{CODE}}">
      <label><input type="checkbox" name="consent" value="{{CODE}}"{{#CHECKED}} checked{{/CHECKED}}> <strong>{{TITLE}}</strong></label>
      <p class="help">{{TEXT}}</p>
      <p class="muted">[[Now: {{STATE}}]] · [[text version {{VERSION}}]]</p>
    </div>
    {{/PURPOSE}}
    <button type="submit">[[Save my choices]]</button>
  </form>

  <h2>[[History of your choices]]</h2>
  {{#NO_EVENTS}}<p class="muted">[[No changes recorded yet.]]</p>{{/NO_EVENTS}}
  <table class="history">
    <thead><tr><th scope="col">[[When]]</th><th scope="col">[[Purpose]]</th><th scope="col">[[Change]]</th><th scope="col">[[Where]]</th></tr></thead>
    <tbody>
    {{#EVENT}}<tr><td>{{AT}}</td><td>{{TITLE}} (v{{VERSION}})</td><td>{{CHANGE}}</td><td>{{CHANNEL}}</td></tr>{{/EVENT}}
    </tbody>
  </table>

  <p><a href="/account/details">[[My private details (phone, birthday, address)]]</a></p>

  <h2>[[Download my data]]</h2>
  <p>[[Everything we store about you, as a JSON file.]]</p>
  <form method="post" action="/account/privacy/export">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit">[[Download my data]]</button>
  </form>

  <h2>[[Delete my account]]</h2>
  <p>[[Your account and your personal data will be erased. This cannot be undone. A record that you gave or withdrew consent is kept, but it can no longer be linked to you.]]</p>
  <form method="post" action="/account/privacy/delete">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label><input type="checkbox" name="confirm" value="yes"> [[Yes, delete my account]]</label>
    <label for="del-password">[[Your password]]</label>
    <input id="del-password" name="password" type="password" required maxlength="512" autocomplete="current-password">
    <button type="submit" class="danger">[[Delete my account]]</button>
  </form>
</section>
