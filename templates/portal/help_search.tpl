{{%AUTOESCAPE context="HTML"}}
<nav class="breadcrumbs" aria-label="[[Breadcrumbs]]"><ol>
  <li><a href="/help">[[Help center]]</a></li>
  <li aria-current="page">[[Search]]</li>
</ol></nav>
<section>
  <h1>[[Search the help center]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <form method="get" action="/help/search" role="search" class="help-search">
    <label for="help-q">[[Search for an answer]]</label>
    <input id="help-q" type="search" name="q" maxlength="200" value="{{Q}}">
    <button type="submit">[[Search]]</button>
  </form>
  {{#PROMPT}}<p>[[Type a few words about your question, for example “return an item”.]]</p>{{/PROMPT}}
  {{#RESULTS}}
  {{#CORRECTED}}<p class="note">[[Showing results for “{{CORRECTED_Q}}”.]]</p>{{/CORRECTED}}
  <p class="muted" role="status">[[{{COUNT}} results]]</p>
  <ol class="help-results">
  {{#HIT}}<li><h2><a href="/help/articles/{{SLUG}}?s={{SID}}" lang="{{ART_LANG}}">{{TITLE}}</a></h2>
    <p class="snippet" lang="{{ART_LANG}}">{{#SEG}}{{#HL}}<mark>{{TEXT}}</mark>{{/HL}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{/SEG}}</p></li>{{/HIT}}
  </ol>
  {{#NONE}}<p>[[We found no article for that. Try other words, or browse the topics of the help center.]]</p>
  <p><a href="/help">[[Browse all topics]]</a></p>{{/NONE}}
  {{/RESULTS}}
</section>
