{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumbs" aria-label="[[Breadcrumbs]]"><ol>
  <li><a href="/help">[[Help center]]</a></li>
  <li aria-current="page">{{TITLE}}</li>
</ol></nav>
<section>
  <h1>{{TITLE}}</h1>
  {{#DESC}}<p>{{DESCRIPTION}}</p>{{/DESC}}
  <ul class="help-list">
  {{#ARTICLE}}<li><a href="/help/articles/{{SLUG}}" lang="{{ART_LANG}}">{{TITLE}}</a></li>{{/ARTICLE}}
  </ul>
  {{#EMPTY}}<p>[[There are no articles in this topic yet.]]</p>{{/EMPTY}}
</section>
