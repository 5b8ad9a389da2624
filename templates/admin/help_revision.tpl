{{%AUTOESCAPE context="HTML"}}
<section>
  <p><a href="/admin/help/{{ID}}?lang={{REV_LANG}}">[[Back to the article]]</a></p>
  <h1>[[Revision of {{WHEN}}]]</h1>
  <p>[[Language: {{REV_LANG}}]] · [[By: {{AUTHOR}}]] · [[Status then: {{STATUS}}]]</p>
  <form method="post" action="/admin/help/{{ID}}/revisions/{{REV}}/restore">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit">[[Restore this revision]]</button>
  </form>
  <h2>{{TITLE}}</h2>
  <div class="help-body">{{! cmark output without CMARK_OPT_UNSAFE (help_render.c) }}{{PREVIEW_HTML:none}}</div>
  <h2>[[Markdown]]</h2>
  <pre class="source">{{BODY}}</pre>
</section>
