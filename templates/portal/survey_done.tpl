{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>{{TITLE}}</h1>
  <p role="status">{{MESSAGE}}</p>
  <p><a href="/">[[Go to the home page]]</a></p>
</section>
