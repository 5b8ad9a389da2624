# tests/http/test_attachments.py — files on messages: stored once per content, given out only to who may
# see the conversation, never run as a page, refused when too large or a program, erased with the customer.
import hashlib
import os
import re
import time
import uuid

from common import sign_in, sign_up
from test_chat import start_chat, visitor

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def multipart(fields, files):
    """A multipart/form-data body: fields {name: value}, files [(field, filename, type, bytes)]."""
    b = "----cxmsTest" + uuid.uuid4().hex
    out = b""
    for k, v in fields.items():
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (b, k, v)).encode()
    for field, name, ctype, data in files:
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: %s\r\n\r\n'
                % (b, field, name, ctype)).encode() + data + b"\r\n"
    out += ("--%s--\r\n" % b).encode()
    return out, "multipart/form-data; boundary=" + b


def post_files(h, client, path, page, fields, files):
    body, ctype = multipart(dict(fields, csrf=h.csrf(page)), files)
    return client.post(path, body, content_type=ctype)


def files_dir(h):
    return h.env.get("CXMS_FILES_DIR") or os.path.join(h.var, "files")


def stored(h, data):
    sha = hashlib.sha256(data).hexdigest()
    return os.path.exists(os.path.join(files_dir(h), sha[:2], sha[2:4], sha))


def links(page, conv_path):
    return re.findall(r'href="(%s/attachments/\d+)"' % re.escape(conv_path), page.text)


def test_customer_and_agent_attach_files_served_safely(h):
    c, conv = visitor(h, message="I will send a photo")
    page = c.get("/chat/%d" % conv)
    r = post_files(h, c, "/chat/%d/messages" % conv, page, {"body": "here they are"},
                   [("file", "photo.png", "image/png", PNG), ("file", "page.html", "text/html", HTML),
                    ("file", "drawing.svg", "image/svg+xml", SVG)])
    assert r.status == 303, (r.status, r.text[:300])
    assert stored(h, PNG) and stored(h, HTML) and stored(h, SVG)
    page = c.get("/chat/%d" % conv)
    got = links(page, "/chat/%d" % conv)
    assert len(set(got)) == 3, got
    by_name = {}
    for href in dict.fromkeys(got):
        r = c.get(href)
        assert r.status == 200, (href, r.status)
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "sandbox" in r.headers["content-security-policy"]
        assert "no-store" in r.headers["cache-control"]
        by_name[re.search(r'filename="([^"]+)"', r.headers["content-disposition"]).group(1)] = r
    # a picture of an allowed type is shown in the page; HTML and SVG are only ever downloads, as bytes
    assert by_name["photo.png"].headers["content-type"] == "image/png"
    assert by_name["photo.png"].headers["content-disposition"].startswith("inline")
    assert by_name["photo.png"].body == PNG
    for name, data in (("page.html", HTML), ("drawing.svg", SVG)):
        r = by_name[name]
        assert r.headers["content-disposition"].startswith("attachment"), name
        assert r.headers["content-type"] == "application/octet-stream", (name, r.headers["content-type"])
        assert r.body == data
    assert '<img src="/chat/%d/attachments/' % conv in page.text  # the picture, in the page
    # the agent sees them too, and attaches one of their own to a note and to a reply
    agent = sign_in(h, "agent")
    apage = agent.get("/admin/inbox/%d" % conv)
    assert len(set(links(apage, "/admin/inbox/%d" % conv))) == 3
    r = post_files(h, agent, "/admin/inbox/%d/messages" % conv, apage, {"kind": "reply", "body": "thanks, and the form"},
                   [("file", "form.pdf", "application/pdf", b"%PDF-1.4 a form")])
    assert r.status == 303, (r.status, r.text[:300])
    # one file per content: the same bytes again store nothing new
    files_before = sum(len(f) for _, _, f in os.walk(files_dir(h)))
    r = post_files(h, agent, "/admin/inbox/%d/messages" % conv, apage, {"kind": "note", "body": "the photo again"},
                   [("file", "again.png", "image/png", PNG)])
    assert r.status == 303
    assert sum(len(f) for _, _, f in os.walk(files_dir(h))) == files_before
    assert h.sql_value("SELECT count(*) FROM attachments WHERE conversation_id = $1::bigint", str(conv)) == "5"
    # the note's file is staff's: the customer's page and JSON do not offer it
    cpage = c.get("/chat/%d" % conv)
    assert "again.png" not in cpage.text and "form.pdf" in cpage.text
    data = c.get("/chat/%d/messages?after=0" % conv).json()
    names = [f["name"] for m in data["messages"] for f in m.get("files", [])]
    assert "again.png" not in names and "form.pdf" in names
    # and its id does not open it for the customer either
    note_file = h.sql_value("SELECT a.id FROM attachments a JOIN messages m ON m.id = a.message_id"
                            " WHERE a.filename = 'again.png' AND m.internal")
    assert c.get("/chat/%d/attachments/%s" % (conv, note_file)).status == 404
    assert agent.get("/admin/inbox/%d/attachments/%s" % (conv, note_file)).status == 200
    # only a file, no text: fine
    r = post_files(h, c, "/chat/%d/messages" % conv, c.get("/chat/%d" % conv), {"body": ""},
                   [("file", "receipt.png", "image/png", PNG)])
    assert r.status == 303


def test_attachments_of_another_conversation_are_not_found(h):
    a, conv_a = visitor(h, name="Alice Files", message="mine")
    r = post_files(h, a, "/chat/%d/messages" % conv_a, a.get("/chat/%d" % conv_a), {"body": "secret scan"},
                   [("file", "passport.png", "image/png", PNG + b"alice")])
    assert r.status == 303
    att = h.sql_value("SELECT id FROM attachments WHERE conversation_id = $1::bigint", str(conv_a))
    b, conv_b = visitor(h, name="Bob Files", message="mine too")
    # Bob, through his own conversation or Alice's; a stranger; a signed-in customer
    for client, path in ((b, "/chat/%d/attachments/%s" % (conv_b, att)), (b, "/chat/%d/attachments/%s" % (conv_a, att)),
                         (h.client(), "/chat/%d/attachments/%s" % (conv_a, att)),
                         (sign_up(h)[0], "/chat/%d/attachments/%s" % (conv_a, att))):
        r = client.get(path)
        assert r.status == 404, (path, r.status)
        assert b"alice" not in r.body
    for path in ("/chat/%d/attachments/999999999" % conv_a, "/chat/%d/attachments/x" % conv_a):
        assert a.get(path).status == 404
    # the files are never reachable directly
    sha = h.sql_value("SELECT sha256 FROM attachments WHERE id = $1::bigint", att)
    assert h.client().get("/_files/%s/%s/%s" % (sha[:2], sha[2:4], sha)).status == 404
    # staff: the attachment belongs to its conversation only
    agent = sign_in(h, "agent")
    assert agent.get("/admin/inbox/%d/attachments/%s" % (conv_b, att)).status == 404
    assert agent.get("/admin/inbox/%d/attachments/%s" % (conv_a, att)).status == 200


def test_too_large_programs_and_broken_forms_store_nothing(h):
    c, conv = visitor(h, message="big files ahead")
    agent = sign_in(h, "agent")
    page = c.get("/chat/%d" % conv)
    apage = agent.get("/admin/inbox/%d" % conv)  # (opening it marks it read: before the snapshot)
    files_before = sorted(os.path.join(d, f) for d, _, fs in os.walk(files_dir(h)) for f in fs if "/tmp" not in d)
    before = h.db_snapshot()
    big = b"\0" * (20 * 1024 * 1024 + 1)
    r = post_files(h, c, "/chat/%d/messages" % conv, page, {"body": "too big"}, [("file", "big.bin", "application/zip", big)])
    assert r.status == 413 and "20 MB" in r.text, r.status
    for name, data in (("setup.exe", b"MZ\x90\0program"), ("invoice.pdf.js", b"alert(1)"), ("tool.bin", b"\x7fELF\x02\x01")):
        r = post_files(h, c, "/chat/%d/messages" % conv, page, {"body": "a program"}, [("file", name, "application/pdf", data)])
        assert r.status == 415, (name, r.status)
        assert "cannot be attached" in r.text
    # no files on routes that take none
    body, ctype = multipart({"add": "files", "csrf": h.csrf(apage)}, [("file", "x.png", "image/png", PNG)])
    assert agent.post("/admin/inbox/%d/tags" % conv, body, content_type=ctype).status == 400
    # hostile or broken multipart
    bad = [
        (b"--X\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--X--\r\n", "multipart/form-data; boundary=X"),
        (b"--X\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n\xff\xfe\r\n--X--\r\n", "multipart/form-data; boundary=X"),
        (b"--X\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Type: multipart/mixed; boundary=Y\r\n\r\n"
         b"--Y\r\n\r\ninner\r\n--Y--\r\n--X--\r\n", "multipart/form-data; boundary=X"),
        (b"garbage", "multipart/form-data"),
    ]
    for data, ct in bad:
        r = c.post("/chat/%d/messages" % conv, data, content_type=ct)
        assert r.status in (400, 403), (data[:40], r.status)
    # over nginx's limit for the route
    r = c.post("/chat/%d/messages" % conv, b"x" * (27 * 1024 * 1024), content_type="multipart/form-data; boundary=X")
    assert r.status == 413
    now = h.db_snapshot()
    assert now == before, [k for k in now if now[k] != before.get(k)]
    after = sorted(os.path.join(d, f) for d, _, fs in os.walk(files_dir(h)) for f in fs if "/tmp" not in d)
    assert after == files_before
    # and the temporary files of those requests are gone
    assert os.listdir(os.path.join(files_dir(h), "tmp")) == []


def test_erasure_removes_the_customers_files_and_the_export_carries_them(h):
    c, _ = sign_up(h)
    conv = start_chat(h, c, message="my documents")
    doc = b"%PDF-1.4 private document " + uuid.uuid4().bytes
    r = post_files(h, c, "/chat/%d/messages" % conv, c.get("/chat/%d" % conv), {"body": "attached"},
                   [("file", "contract.pdf", "application/pdf", doc)])
    assert r.status == 303
    assert stored(h, doc)
    # the customer's own download has the file, in base64
    page = c.get("/account/privacy")
    r = c.post("/account/privacy/export", {"csrf": h.csrf(page)})
    assert r.status == 200
    data = r.json()
    files = data["attachments"]
    assert len(files) == 1 and files[0]["name"] == "contract.pdf"
    import base64
    assert base64.b64decode(files[0]["content_base64"]) == doc
    assert any(m["text"] == "attached" for m in data["messages"])
    # erasure: the rows go in the erasure's transaction, the bytes right after
    r = c.post("/account/privacy/delete", {"csrf": h.csrf(page), "password": "a long enough passphrase",
                                           "confirm": "yes"})
    assert r.status == 303, r.status
    deadline = time.time() + 20
    while stored(h, doc):
        assert time.time() < deadline, "the erased customer's file is still stored"
        time.sleep(0.2)
    assert h.sql_value("SELECT count(*) FROM attachments WHERE conversation_id = $1::bigint", str(conv)) == "0"
    assert h.sql_value("SELECT count(*) FROM file_gc") == "0"
