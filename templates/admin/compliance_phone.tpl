{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>[[Record a consent given by phone]]</h1>
  {{#ERROR}}<p class="error" role="alert">{{ERROR_TEXT}}</p>{{/ERROR}}
  <p class="help">[[Only record what the customer told you themselves. Your name and reason are kept in the consent ledger.]]</p>
  <form method="post" action="/admin/consent">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="email">[[Customer's email]]</label>
    <input id="email" name="email" type="email" value="{{EMAIL}}" required maxlength="254">
    <label for="purpose">[[Purpose]]</label>
    <select id="purpose" name="purpose">
      {{#PURPOSE_OPT}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TITLE}}</option>{{/PURPOSE_OPT}}
    </select>
    <fieldset>
      <legend>[[The customer]]</legend>
      <label><input type="radio" name="state" value="granted" required> [[allows it]]</label>
      <label><input type="radio" name="state" value="withdrawn"> [[does not allow it]]</label>
    </fieldset>
    <label for="reason">[[How did the customer tell you?]]</label>
    <input id="reason" name="reason" value="{{REASON}}" required maxlength="500" placeholder="[[Phone call, ticket number…]]">
    <button type="submit">[[Record]]</button>
  </form>
</section>
