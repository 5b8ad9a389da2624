{{%AUTOESCAPE context="HTML"}}
<section>
  <h1>[[Hello, {{NAME}}]]</h1>
  <p class="muted">[[Your roles: {{ROLES}}]]</p>
  <div class="cards">
    <article class="card"><h2>{{CUSTOMERS}}</h2><p>[[customers]]</p></article>
    <article class="card"><h2>{{STAFF}}</h2><p>[[active staff]]</p></article>
    <article class="card"><h2>{{MAILS}}</h2><p>[[mails in the last 7 days]]</p></article>
  </div>
</section>
