{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
  <h1>[[Unsubscribe]]</h1>
  <p>[[Stop receiving marketing emails from us?]]</p>
  <form method="post" action="/unsubscribe">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <input type="hidden" name="token" value="{{TOKEN}}">
    <button type="submit">[[Unsubscribe]]</button>
  </form>
</section>
