# tests/http/test_channels.py — channel accounts (admins): every configured way in, with its secrets
# sealed by the master key and never shown back whole.
import re
import uuid

from common import sign_in


def test_channel_accounts_admin_and_sealed_secrets(h):
    for who in ("agent", "supervisor", "compliance"):
        assert sign_in(h, who).get("/admin/channels").status == 403, who
    admin = sign_in(h, "admin")
    page = admin.get("/admin/channels")
    assert page.status == 200
    for name in ("Web chat", "Support mailbox", "WhatsApp"):
        assert name in page.text, name
    assert "no connector" in page.text  # the channels whose replies cannot go out yet say so
    form = admin.get("/admin/channels/new?kind=sms")
    assert form.status == 200 and 'name="auth_token"' in form.text
    assert admin.get("/admin/channels/new?kind=web").status == 400  # the portal has its one web chat
    assert admin.get("/admin/channels/new?kind=fax").status == 400
    name = "SMS line " + uuid.uuid4().hex[:6]
    token = "twilio-auth-token-" + uuid.uuid4().hex
    before = h.db_snapshot()
    for bad in ({"name": ""}, {"name": "n" * 101}, {"team": "999999"}, {"skill": "nope"}, {"kind": "fax"},
                {"kind": "web"}, {"address": "a" * 255}, {"auth_token": "x" * 4097}):
        fields = {"kind": "sms", "name": name, "address": "+8801700000099", "team": "", "skill": "", "active": "1",
                  "auth_token": token}
        fields.update(bad)
        r = admin.post("/admin/channels", dict(fields, csrf=h.csrf(form)))
        assert r.status == 400, (bad, r.status)
    assert h.db_snapshot() == before
    r = admin.post("/admin/channels", {"kind": "sms", "name": name, "address": "+8801700000099", "team": "",
                                       "skill": "orders", "active": "1", "auth_token": token, "csrf": h.csrf(form)})
    assert r.status == 303 and r.location == "/admin/channels"
    acc = h.sql_value("SELECT id FROM channel_accounts WHERE name = $1", name)
    sealed = h.sql_value("SELECT secrets FROM channel_accounts WHERE id = $1::bigint", acc)
    assert sealed and token not in sealed and "auth_token" not in sealed  # sealed, not stored as text
    # a second account of the same name is refused
    r = admin.post("/admin/channels", {"kind": "sms", "name": name, "csrf": h.csrf(form)})
    assert r.status == 400
    # the form shows that it is set and its last four characters, never the value
    edit = admin.get("/admin/channels/%s" % acc)
    assert token not in edit.text and ("ends in " + token[-4:]) in edit.text
    # an empty field keeps it; a new value replaces it; "remove" clears it
    r = admin.post("/admin/channels/%s" % acc, {"name": name, "address": "+8801700000099", "team": "", "skill": "orders",
                                              "active": "1", "auth_token": "", "csrf": h.csrf(edit)})
    assert r.status == 303
    assert h.sql_value("SELECT secrets FROM channel_accounts WHERE id = $1::bigint", acc) is not None
    assert ("ends in " + token[-4:]) in admin.get("/admin/channels/%s" % acc).text
    r = admin.post("/admin/channels/%s" % acc, {"name": name + " b", "active": "", "auth_token": "new-secret-value-9876",
                                              "csrf": h.csrf(edit)})
    assert r.status == 303
    edit = admin.get("/admin/channels/%s" % acc)
    assert "ends in 9876" in edit.text and h.sql_value(
        "SELECT active FROM channel_accounts WHERE id = $1::bigint", acc) == "f"
    r = admin.post("/admin/channels/%s" % acc, {"name": name + " b", "clear_auth_token": "1", "csrf": h.csrf(edit)})
    assert r.status == 303
    assert h.sql_value("SELECT secrets FROM channel_accounts WHERE id = $1::bigint", acc) is None
    # the kind never changes; the web chat cannot be switched off; unknown ids are 404
    r = admin.post("/admin/channels/%s" % acc, {"name": name + " b", "kind": "email", "csrf": h.csrf(edit)})
    assert r.status == 303 and h.sql_value("SELECT kind FROM channel_accounts WHERE id = $1::bigint", acc) == "sms"
    web = h.sql_value("SELECT id FROM channel_accounts WHERE kind = 'web'")
    r = admin.post("/admin/channels/%s" % web, {"name": "Web chat", "active": "", "csrf": h.csrf(edit)})
    assert r.status == 400
    assert admin.get("/admin/channels/999999").status == 404
    assert admin.post("/admin/channels/999999", {"name": "x", "csrf": h.csrf(edit)}).status == 404
    # an inactive account takes no new conversation (a connector's or an agent's)
    mailbox = h.sql_value("SELECT id FROM channel_accounts WHERE name = 'Support mailbox'")
    page = sign_in(h, "agent").get("/admin/inbox/new")
    assert re.search(r'value="%s"' % mailbox, page.text)
