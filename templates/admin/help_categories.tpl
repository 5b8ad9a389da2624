{{%AUTOESCAPE context="HTML"}}
<section>
  <p><a href="/admin/help">[[Help center]]</a></p>
  <h1>[[Help center categories]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <p>[[Categories are shown in the order of their position, smallest first.]]</p>
  {{#ROW}}<form method="post" action="/admin/help/categories/{{ID}}" class="category-row">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <h2>{{SLUG}} <span class="muted">([[{{COUNT}} articles]])</span></h2>
    <label for="c{{ID}}-pos">[[Position]]</label><input id="c{{ID}}-pos" name="position" value="{{POSITION}}" inputmode="numeric">
    <label for="c{{ID}}-en">[[Title in English]]</label><input id="c{{ID}}-en" name="title_en" value="{{TITLE_EN}}" maxlength="200">
    <label for="c{{ID}}-bn">[[Title in Bengali]]</label><input id="c{{ID}}-bn" name="title_bn" value="{{TITLE_BN}}" maxlength="200">
    <button type="submit">[[Save]]</button>
  </form>{{/ROW}}
  <h2>[[New category]]</h2>
  <form method="post" action="/admin/help/categories">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="n-slug">[[Address (lowercase words joined by hyphens)]]</label><input id="n-slug" name="slug" value="{{NEW_SLUG}}" maxlength="80">
    <label for="n-pos">[[Position]]</label><input id="n-pos" name="position" value="{{NEW_POSITION}}" inputmode="numeric">
    <label for="n-en">[[Title in English]]</label><input id="n-en" name="title_en" value="{{NEW_TITLE_EN}}" maxlength="200">
    <label for="n-bn">[[Title in Bengali]]</label><input id="n-bn" name="title_bn" value="{{NEW_TITLE_BN}}" maxlength="200">
    <button type="submit">[[Add the category]]</button>
  </form>
</section>
