{{%AUTOESCAPE context="HTML"}}
<section class="hero help-hero">
  <h1>[[Help center]]</h1>
  <form method="get" action="/help/search" role="search" class="help-search">
    <label for="help-q">[[Search for an answer]]</label>
    <input id="help-q" type="search" name="q" maxlength="200" placeholder="[[e.g. where is my order]]">
    <button type="submit">[[Search]]</button>
  </form>
</section>
<section class="help-categories">
  <h2>[[Browse by topic]]</h2>
  <ul class="cards">
  {{#CATEGORY}}<li class="card"><h3><a href="/help/categories/{{SLUG}}">{{TITLE}}</a></h3>
    {{#DESC}}<p>{{DESCRIPTION}}</p>{{/DESC}}<p class="muted">[[{{COUNT}} articles]]</p></li>{{/CATEGORY}}
  </ul>
</section>
<section class="help-popular">
  <h2>[[Most read]]</h2>
  <ul>
  {{#POPULAR}}<li><a href="/help/articles/{{SLUG}}" lang="{{ART_LANG}}">{{TITLE}}</a></li>{{/POPULAR}}
  </ul>
</section>
