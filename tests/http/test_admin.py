# tests/http/test_admin.py — staff sign-in, roles, staff administration, invitations, outbox.
from urllib.parse import quote

from common import DEMO, link_in_mail, sign_in, unique_email


def test_admin_needs_staff_session(h):
    c = h.client()
    r = c.get("/admin")
    assert r.status == 303 and r.location == "/admin/signin"
    # a customer session is not a staff session
    sign_in(h, "customer", c)
    r = c.get("/admin/staff")
    assert r.status == 303 and r.location == "/admin/signin"
    # and staff credentials do not open a portal session
    r = h.form_post(h.client(), "/signin", "/signin", {"email": DEMO["admin"][0], "password": DEMO["admin"][1]})
    assert r.status == 400


def test_roles_gate_pages(h):
    agent = sign_in(h, "agent")
    home = agent.get("/admin")
    assert home.status == 200 and "Nadia Agent" in home.text
    assert 'href="/admin/staff"' not in home.text
    for path in ("/admin/staff", "/admin/staff/new", "/admin/outbox"):
        assert agent.get(path).status == 403, path
    r = agent.post("/admin/staff", {"csrf": h.csrf(home), "name": "X", "email": unique_email(), "role": "admin"})
    assert r.status == 403
    compliance = sign_in(h, "compliance")
    assert compliance.get("/admin/staff").status == 403
    admin = sign_in(h, "admin")
    page = admin.get("/admin/staff")
    assert page.status == 200
    for email, _ in DEMO.values():
        if email != "customer@example.com":
            assert email in page.text, email


def test_admin_invites_staff_who_sets_password(h):
    admin = sign_in(h, "admin")
    email = unique_email("newagent")
    form = admin.get("/admin/staff/new")
    r = admin.post("/admin/staff", {"csrf": h.csrf(form), "name": "Nova Agent", "email": email,
                                    "role": ["agent", "supervisor"]})
    assert r.status == 303 and r.location == "/admin/staff", (r.status, r.text[:1000])
    row = h.sql("SELECT roles::text, password_hash IS NULL, active FROM staff WHERE email = $1", email)[0]
    assert row == ["{agent,supervisor}", "t", "t"], row
    # a duplicate is refused and writes nothing
    before = h.db_snapshot()
    r = admin.post("/admin/staff", {"csrf": h.csrf(form), "name": "Again", "email": email.upper(), "role": "agent"})
    assert r.status == 400 and "already exists" in r.text
    assert h.db_snapshot() == before
    # the invitation link lets them choose a password, then sign in
    link = link_in_mail(h, email, "/admin/reset")
    c = h.client()
    page = c.get(link)
    assert page.status == 200
    r = c.post("/admin/reset", {"csrf": h.csrf(page), "token": link.split("token=")[1], "password": "nova long passphrase"})
    assert r.status == 303 and r.location == "/admin/signin"
    r = h.form_post(c, "/admin/signin", "/admin/signin", {"email": email, "password": "nova long passphrase"})
    assert r.status == 303 and r.location == "/admin"
    assert "Nova Agent" in c.get("/admin").text


def test_invalid_roles_and_fields_are_refused(h):
    admin = sign_in(h, "admin")
    form = admin.get("/admin/staff/new")
    before = h.db_snapshot()
    for fields in ({"name": "A", "email": unique_email(), "role": "superuser"},
                   {"name": "A", "email": unique_email()},
                   {"name": "", "email": unique_email(), "role": "agent"},
                   {"name": "A", "email": "nope", "role": "agent"}):
        r = admin.post("/admin/staff", dict(fields, csrf=h.csrf(form)))
        assert r.status == 400, (fields, r.status)
    assert h.db_snapshot() == before


def test_change_roles_and_deactivate_ends_sessions_at_once(h):
    admin = sign_in(h, "admin")
    email = unique_email("temp")
    form = admin.get("/admin/staff/new")
    admin.post("/admin/staff", {"csrf": h.csrf(form), "name": "Temp Agent", "email": email, "role": "agent"})
    staff_id = h.sql_value("SELECT id FROM staff WHERE email = $1", email)
    link = link_in_mail(h, email, "/admin/reset")
    c = h.client()
    page = c.get(link)
    c.post("/admin/reset", {"csrf": h.csrf(page), "token": link.split("token=")[1], "password": "temp long passphrase"})
    r = h.form_post(c, "/admin/signin", "/admin/signin", {"email": email, "password": "temp long passphrase"})
    assert r.status == 303 and c.get("/admin").status == 200

    edit = admin.get("/admin/staff/%s" % staff_id)
    assert edit.status == 200 and "Temp Agent" in edit.text
    r = admin.post("/admin/staff/%s" % staff_id, {"csrf": h.csrf(edit), "name": "Temp Supervisor",
                                                  "role": ["agent", "supervisor"]})
    assert r.status == 303
    assert h.sql_value("SELECT roles::text FROM staff WHERE id = $1::bigint", staff_id) == "{agent,supervisor}"

    r = admin.post("/admin/staff/%s/deactivate" % staff_id, {"csrf": h.csrf(edit)})
    assert r.status == 303
    assert c.get("/admin").status == 303, "the deactivated person's session ended at once"
    r = h.form_post(h.client(), "/admin/signin", "/admin/signin", {"email": email, "password": "temp long passphrase"})
    assert r.status == 400
    r = admin.post("/admin/staff/%s/reactivate" % staff_id, {"csrf": h.csrf(edit)})
    assert r.status == 303
    r = h.form_post(h.client(), "/admin/signin", "/admin/signin", {"email": email, "password": "temp long passphrase"})
    assert r.status == 303


def test_admin_cannot_deactivate_self_or_remove_last_admin(h):
    admin = sign_in(h, "admin")
    my_id = h.sql_value("SELECT id FROM staff WHERE email = 'admin@example.com'")
    edit = admin.get("/admin/staff/%s" % my_id)
    before = h.db_snapshot()
    r = admin.post("/admin/staff/%s/deactivate" % my_id, {"csrf": h.csrf(edit)})
    assert r.status == 400
    r = admin.post("/admin/staff/%s" % my_id, {"csrf": h.csrf(edit), "name": "Ada Admin", "role": "agent"})
    assert r.status == 400 and "active admin" in r.text
    assert h.db_snapshot() == before


def test_unknown_and_malformed_staff_ids(h):
    admin = sign_in(h, "admin")
    page = admin.get("/admin")
    for sid in ("999999", "0", "abc", "1;DROP TABLE staff", "-1", "99999999999999999999999"):
        assert admin.get("/admin/staff/%s" % quote(sid)).status == 404, sid
        r = admin.post("/admin/staff/%s/deactivate" % quote(sid), {"csrf": h.csrf(page)})
        assert r.status == 404, (sid, r.status)


def test_outbox_lists_stored_mail(h):
    email = unique_email()
    h.form_post(h.client(), "/account/forgot", "/account/forgot", {"email": DEMO["customer"][0]})
    admin = sign_in(h, "admin")
    page = admin.get("/admin/outbox")
    assert page.status == 200
    assert "Reset your password" in page.text
    mail_id = h.sql_value("SELECT id FROM mails ORDER BY id DESC LIMIT 1")
    one = admin.get("/admin/outbox/%s" % mail_id)
    assert one.status == 200
    assert admin.get("/admin/outbox/424242").status == 404
    assert email  # (unused address: nothing is sent to unknown accounts)
