{{%AUTOESCAPE context="HTML"}}
<section>
  <h1>[[Channels]]</h1>
  <p class="muted">[[Every way customers reach you: the web chat, each mailbox, number, page and phone line. Conversations of every channel land in the one inbox.]]</p>
  <div class="table-wrap">
  <table>
    <thead><tr><th scope="col">[[Name]]</th><th scope="col">[[Kind]]</th><th scope="col">[[Address]]</th><th scope="col">[[Team]]</th><th scope="col">[[Open conversations]]</th><th scope="col">[[Replies go out]]</th></tr></thead>
    <tbody>
    {{#ROW}}<tr{{#INACTIVE}} class="inactive"{{/INACTIVE}}>
      <td><span class="ch ch-{{KIND}}" aria-hidden="true"></span> <a href="/admin/channels/{{ID}}">{{NAME}}</a>{{#INACTIVE}} ([[off]]){{/INACTIVE}}</td>
      <td>{{KIND_LABEL}}</td><td>{{ADDRESS}}</td><td>{{TEAM}}</td><td>{{OPEN}}</td><td>{{REPLIES}}</td>
    </tr>{{/ROW}}
    </tbody>
  </table>
  </div>
  <form method="get" action="/admin/channels/new" class="inline-form">
    <label for="new-kind">[[Add a channel]]</label>
    <select id="new-kind" name="kind">{{#KIND_OPT}}<option value="{{CODE}}">{{LABEL}}</option>{{/KIND_OPT}}</select>
    <button type="submit">[[Continue]]</button>
  </form>
</section>
