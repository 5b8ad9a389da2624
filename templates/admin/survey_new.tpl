{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>[[New survey]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <form method="post" action="/admin/surveys">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="kind">[[Kind]]</label>
    <select id="kind" name="kind">{{#KIND_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/KIND_OPT}}</select>
    <label for="title_en">[[Title (English)]]</label>
    <input id="title_en" name="title_en" value="{{TITLE_EN}}" required maxlength="200">
    <label for="title_bn">[[Title (Bengali)]]</label>
    <input id="title_bn" name="title_bn" value="{{TITLE_BN}}" maxlength="200" lang="bn">
    <label for="intro_en">[[Introduction (English)]]</label>
    <textarea id="intro_en" name="intro_en" rows="3" maxlength="2000">{{INTRO_EN}}</textarea>
    <label for="intro_bn">[[Introduction (Bengali)]]</label>
    <textarea id="intro_bn" name="intro_bn" rows="3" maxlength="2000" lang="bn">{{INTRO_BN}}</textarea>
    <label for="status">[[Status]]</label>
    <select id="status" name="status">{{#STATUS_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPT}}</select>
    <label for="portal">[[Portal]]</label>
    <select id="portal" name="portal">{{#PORTAL_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PORTAL_OPT}}</select>
    <label for="link_days">[[Links stay valid for (days)]]</label>
    <input id="link_days" name="link_days" type="number" min="1" max="90" value="{{LINK_DAYS}}" required>
    <button type="submit">[[Create]]</button>
  </form>
</section>
