{{%AUTOESCAPE context="HTML"}}
<section class="card error-page">
  <h1>{{TITLE}}</h1>
  <p>{{MESSAGE}}</p>
  <p class="muted">[[Error]] {{STATUS}} · [[Reference]] <code>{{REQUEST_ID}}</code></p>
  <p><a href="/">[[Go to the home page]]</a></p>
</section>
