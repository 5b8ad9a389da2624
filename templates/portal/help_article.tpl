{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumbs" aria-label="[[Breadcrumbs]]"><ol>
  <li><a href="/help">[[Help center]]</a></li>
  <li><a href="/help/categories/{{CAT_SLUG}}">{{CAT_TITLE}}</a></li>
  <li aria-current="page">{{TITLE}}</li>
</ol></nav>
<article class="help-article" lang="{{ART_LANG}}">
  <h1>{{TITLE}}</h1>
  {{#FALLBACK_EN}}<p class="note" role="note">[[This article is not available in your language yet, so it is shown in English.]]</p>{{/FALLBACK_EN}}
  {{#FALLBACK_BN}}<p class="note" role="note">[[This article is not available in your language yet, so it is shown in Bengali.]]</p>{{/FALLBACK_BN}}
  <p class="muted">[[Last updated {{UPDATED}} ({{TZ}})]]</p>
  <div class="help-body">
  {{! BODY_HTML is safe to show unescaped: it is produced by cmark without CMARK_OPT_UNSAFE when
      the article is saved (app/data/help_render.c), so raw HTML is dropped and unsafe links
      (javascript:, vbscript:, file:, data:) lose their href; tests/unit/test_help.c checks it. }}
  {{BODY_HTML:none}}
  </div>
</article>
<section id="vote" class="help-vote">
  <form method="post" action="/help/articles/{{SLUG}}/vote">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <fieldset>
      <legend>[[Was this helpful?]]</legend>
      {{#VOTED_YES}}<p class="muted">[[You found this article helpful. You can change your answer.]]</p>{{/VOTED_YES}}
      {{#VOTED_NO}}<p class="muted">[[You found this article not helpful. You can change your answer.]]</p>{{/VOTED_NO}}
      <label for="vote-comment">[[Comment (optional)]]</label>
      <textarea id="vote-comment" name="comment" rows="3" maxlength="2000"></textarea>
      <p><button type="submit" name="helpful" value="yes">[[Yes]]</button>
      <button type="submit" name="helpful" value="no">[[No]]</button></p>
    </fieldset>
  </form>
</section>
{{#HAS_RELATED}}<section class="help-related">
  <h2>[[Related articles]]</h2>
  <ul>{{/HAS_RELATED}}
  {{#RELATED}}<li><a href="/help/articles/{{SLUG}}" lang="{{ART_LANG}}">{{TITLE}}</a></li>{{/RELATED}}
{{#HAS_RELATED}}</ul>
</section>{{/HAS_RELATED}}
