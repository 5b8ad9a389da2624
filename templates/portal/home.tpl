{{%AUTOESCAPE context="HTML"}}
<section class="hero">
  <h1>[[How can we help?]]</h1>
  <p>[[Find answers, chat with our team, and manage your account and your data in one place.]]</p>
</section>
<section class="cards">
  <article class="card">
    <h2>[[Your account]]</h2>
    {{#SIGNED_IN_HOME}}<p>[[Signed in as {{NAME}}.]]</p><p><a class="button" href="/account">[[Open my account]]</a></p>{{/SIGNED_IN_HOME}}
    {{#SIGNED_OUT_HOME}}<p>[[Sign in to see your conversations and settings.]]</p>
    <p><a class="button" href="/signin">[[Sign in]]</a> <a href="/signup">[[Create account]]</a></p>{{/SIGNED_OUT_HOME}}
  </article>
  <article class="card">
    <h2>[[Help center]]</h2>
    <p>[[Answers about orders, delivery, returns, payments and privacy.]]</p>
  </article>
  <article class="card">
    <h2>[[Talk to us]]</h2>
    <p>[[Our team answers by chat, email, SMS and phone.]]</p>
  </article>
</section>
