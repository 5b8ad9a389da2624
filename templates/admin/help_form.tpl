{{%AUTOESCAPE context="HTML"}}
<section>
  <p><a href="/admin/help">[[Help center]]</a></p>
  {{#NEW}}<h1>[[New article]]</h1>{{/NEW}}
  {{#EXISTING}}<h1>[[Edit article]]</h1>
  <p>[[Status: {{STATUS}}]] · [[Views: {{VIEWS}}]] · [[Helpful: {{HELPFUL}}]] · [[Not helpful: {{NOT_HELPFUL}}]] · [[Comments: {{COMMENTS}}]] ·
    <a href="/help/articles/{{PUBLIC_SLUG}}">[[View in the help center]]</a></p>
  <p>[[Edit the translation:]] {{#EDIT_LANG}}<a href="/admin/help/{{ID}}?lang={{CODE}}">{{LABEL}}</a> {{/EDIT_LANG}}</p>
  {{#MISSING_TRANSLATION}}<p class="note">[[This language has no text yet: saving creates it.]]</p>{{/MISSING_TRANSLATION}}
  {{/EXISTING}}
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <form method="post" action="{{ACTION}}">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="h-lang">[[Language of this text]]</label>
    <select id="h-lang" name="lang">{{#LANG_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/LANG_OPT}}</select>
    <label for="h-category">[[Category]]</label>
    <select id="h-category" name="category">{{#CATEGORY}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{TITLE}}</option>{{/CATEGORY}}</select>
    <label for="h-slug">[[Address (lowercase words joined by hyphens)]]</label>
    <input id="h-slug" name="slug" value="{{SLUG}}" maxlength="120" required pattern="[a-z0-9]+(-[a-z0-9]+)*">
    <label for="h-title">[[Title]]</label>
    <input id="h-title" name="title" value="{{TITLE}}" maxlength="200" required>
    <label for="h-body">[[Text (Markdown)]]</label>
    <textarea id="h-body" name="body" rows="20" required>{{BODY}}</textarea>
    <p><button type="submit" name="action" value="preview">[[Preview]]</button>
       <button type="submit" name="action" value="save">[[Save]]</button></p>
  </form>
  {{#PREVIEW}}<section class="preview" aria-label="[[Preview]]"><h2>[[Preview]]</h2>
    <div class="help-body">{{! cmark output without CMARK_OPT_UNSAFE: raw HTML and unsafe links are removed }}{{PREVIEW_HTML:none}}</div></section>{{/PREVIEW}}
  {{#EXISTING}}
  <form method="post" action="/admin/help/{{ID}}/status" class="inline">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="h-status">[[Status]]</label>
    <select id="h-status" name="status">{{#STATUS_OPT}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select>
    <button type="submit">[[Change status]]</button>
  </form>
  <h2>[[Revisions]]</h2>
  <ul class="revisions">
  {{#REVISION}}<li><a href="/admin/help/{{ID}}/revisions/{{REV}}">{{WHEN}}</a> · {{REV_LANG}} · {{REV_TITLE}} · {{AUTHOR}}</li>{{/REVISION}}
  </ul>
  <h2>[[Comments from readers]]</h2>
  <ul>
  {{#COMMENT}}<li>{{WHEN}} · {{#YES}}[[Helpful]]{{/YES}}{{#NO}}[[Not helpful]]{{/NO}}: {{TEXT}}</li>{{/COMMENT}}
  </ul>
  {{/EXISTING}}
</section>
