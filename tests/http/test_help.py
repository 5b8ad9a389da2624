# tests/http/test_help.py — the help center: browsing, articles, search (typos, Bengali, hostile
# queries), language fallback, votes, staff editing with revisions, hostile Markdown, gaps, deflection.
import re
import time
import uuid
from urllib.parse import quote

from common import sign_in

EXCLUDE = ("sessions", "jobs", "request_log", "help_events")


def slug(prefix="t"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10])


def article_links(text):
    return re.findall(r'href="/help/articles/([a-z0-9-]+)', text)


def search(c, q):
    r = c.get("/help/search?q=" + quote(q))
    assert r.status == 200, (q, r.status, r.text[:500])
    return r


def create_article(h, staff, category="orders", lang="en", title=None, body="Some text.", status="published",
                   s=None):
    """Creates (and by default publishes) an article through the admin; returns (id, slug)."""
    s = s or slug()
    cat = h.sql_value("SELECT id FROM help_categories WHERE slug = $1", category)
    page = staff.get("/admin/help/new")
    assert page.status == 200
    r = staff.post("/admin/help", {"csrf": h.csrf(page), "category": cat, "slug": s, "lang": lang,
                                   "title": title or "Title " + s, "body": body, "action": "save"})
    assert r.status == 303, (r.status, r.text[:1000])
    aid = h.sql_value("SELECT id FROM help_articles WHERE slug = $1", s)
    assert r.location.startswith("/admin/help/%s" % aid), r.location
    if status != "draft":
        edit = staff.get("/admin/help/%s" % aid)
        r = staff.post("/admin/help/%s/status" % aid, {"csrf": h.csrf(edit), "status": status})
        assert r.status == 303, r.status
    return aid, s


def test_help_home_categories_and_nav(h):
    c = h.client()
    home = c.get("/help")
    assert home.status == 200
    assert 'href="/help"' in home.text  # the portal nav link
    assert 'action="/help/search"' in home.text
    n_cat = int(h.sql_value("SELECT count(*) FROM help_categories"))
    assert n_cat >= 5
    assert int(h.sql_value("SELECT count(*) FROM help_articles WHERE status = 'published'")) >= 30
    assert int(h.sql_value("SELECT count(*) FROM help_translations WHERE lang = 'bn'")) >= 30
    for cat in ("orders", "delivery", "returns-refunds", "payments", "account", "privacy"):
        assert 'href="/help/categories/%s"' % cat in home.text, cat
    assert re.search(r"\d+ articles", home.text)
    # most read first
    top = h.sql_value("SELECT slug FROM help_articles WHERE status = 'published' ORDER BY views DESC, id LIMIT 1")
    assert article_links(home.text)[0] == top
    assert 'hreflang="bn"' in home.text and 'hreflang="en"' in home.text
    cat = c.get("/help/categories/delivery")
    assert cat.status == 200
    assert 'aria-label="Breadcrumbs"' in cat.text and 'href="/help"' in cat.text
    assert "track-your-order" in article_links(cat.text)
    assert c.get("/help/categories/nope-nope").status == 404
    assert c.get("/help/categories/BAD..slug").status == 404


def test_help_article_page(h):
    c = sign_in(h, "customer")  # Ayesha, Asia/Dhaka
    before = int(h.sql_value("SELECT views FROM help_articles WHERE slug = 'track-your-order'"))
    page = c.get("/help/articles/track-your-order")
    assert page.status == 200
    assert "<h1>Track your order</h1>" in page.text
    assert "<strong>tracking link</strong>" in page.text  # Markdown rendered
    assert 'href="/help/categories/delivery"' in page.text  # breadcrumbs
    assert "(Asia/Dhaka)" in page.text  # last updated in the viewer's zone
    assert re.search(r'hreflang="bn" href="https?://[^"/]+/help/articles/track-your-order\?lang=bn"', page.text)
    assert "Related articles" in page.text and len(article_links(page.text)) >= 3
    assert int(h.sql_value("SELECT views FROM help_articles WHERE slug = 'track-your-order'")) == before + 1
    # the anonymous visitor cookie is HttpOnly, and only its keyed hash is stored
    anon = h.client()
    r = anon.get("/help/articles/track-your-order")
    sc = [v for v in r.headers.get_all("set-cookie") if v.startswith("cxms_visitor=")]
    assert sc and "HttpOnly" in sc[0], r.headers.get_all("set-cookie")
    token = anon.cookie("cxms_visitor")
    assert h.sql_value("SELECT count(*) FROM help_events WHERE visitor_hash = $1", token) == "0"
    assert c.get("/help/articles/does-not-exist").status == 404
    assert c.get("/help/articles/%3Cscript%3E").status == 404
    # drafts are not public
    staff = sign_in(h, "supervisor")
    _, s = create_article(h, staff, status="draft")
    assert h.client().get("/help/articles/" + s).status == 404


def test_help_search_words_typos_and_bengali(h):
    c = h.client()
    r = search(c, "delivery")
    links = article_links(r.text)
    assert "delivery-times" in links[:5], links
    assert "<mark>" in r.text  # highlighted snippet
    # misspellings still find the article
    for q, want in (("delivry times", "delivery-times"), ("refnd", "refund-timing"),
                    ("pasword", "reset-your-password"), ("trak my order", "track-your-order")):
        links = article_links(search(c, q).text)
        assert want in links, (q, links)
    # Bengali, by words (no stemmer) and with an English viewer
    links = article_links(search(c, "ডেলিভারি").text)
    assert "delivery-times" in links, links
    links = article_links(search(c, "রিফান্ড কবে পাব").text)
    assert "refund-timing" in links, links
    # websearch syntax
    links = article_links(search(c, '"cash on delivery"').text)
    assert links and links[0] == "cash-on-delivery", links
    # nothing found: a clear message
    r = search(c, "qzxv wkpj")
    assert "We found no article" in r.text


def test_help_search_hostile_queries(h):
    c = h.client()
    # nginx refuses request lines over its limit itself (414); below it, the app answers
    assert c.get("/help/search?q=" + "a" * 9000).status == 414
    queries = ['"((( !!! & | <-> :* \'\'\\', "a" * 1500, "refund " * 200, "-", "or", '"', "\u202e\u200b\ufeff", "🙂🙂🙂",
               "\ue000refund\ue001", "<script>alert(1)</script>", "'; DROP TABLE help_articles; --",
               "ক" * 300, "%", "\u0000"]
    for q in queries:
        r = c.get("/help/search?q=" + quote(q))
        assert r.status in (200, 400), (q[:20], r.status)
        assert "<script>alert(1)" not in r.text
    r = search(c, "<script>alert(1)</script>")
    assert "&lt;script&gt;" in r.text
    # malformed encodings get a page, never a server error
    for raw in ("%ff%fe", "%", "%e0%a6"):
        r = c.get("/help/search?q=" + raw)
        assert r.status in (200, 400), (raw, r.status)
    assert h.sql_value("SELECT count(*) FROM help_articles") != "0"


def test_help_language_fallback(h):
    en = h.client()
    bn = h.client()
    bn.set_cookie("cxms_lang", "bn")
    # English-only demo article seen in Bengali: shown in English with a note
    r = bn.get("/help/articles/gift-wrapping")
    assert r.status == 200
    assert 'lang="en"' in r.text and "Gift wrapping" in r.text
    assert 'hreflang="bn"' not in r.text and 'hreflang="en"' in r.text
    note = r.text.count('class="note"')
    assert note == 1
    # bilingual article in Bengali, and ?lang= switches
    r = bn.get("/help/articles/track-your-order")
    assert "আপনার অর্ডার ট্র্যাক করুন" in r.text and 'class="note"' not in r.text
    r = en.get("/help/articles/track-your-order?lang=bn")
    assert "আপনার অর্ডার ট্র্যাক করুন" in r.text
    # Bengali-only article seen in English
    staff = sign_in(h, "supervisor")
    _, s = create_article(h, staff, lang="bn", title="শুধু বাংলায় লেখা", body="এই লেখাটি কেবল বাংলায়।")
    r = en.get("/help/articles/" + s)
    assert r.status == 200 and "শুধু বাংলায় লেখা" in r.text
    assert "shown in Bengali" in r.text


def test_help_votes_one_per_visitor(h):
    c = h.client()
    page = c.get("/help/articles/refund-timing")
    aid = h.sql_value("SELECT id FROM help_articles WHERE slug = 'refund-timing'")
    votes = lambda: h.sql("SELECT helpful, comment FROM help_votes WHERE article_id = $1::bigint "
                          "ORDER BY created_at", aid)
    n0 = len(votes())
    r = c.post("/help/articles/refund-timing/vote", {"csrf": h.csrf(page), "helpful": "yes"})
    assert r.status == 303 and r.location.startswith("/help/articles/refund-timing"), (r.status, r.location)
    assert len(votes()) == n0 + 1
    page = c.get("/help/articles/refund-timing")
    assert "You found this article helpful" in page.text
    r = c.post("/help/articles/refund-timing/vote", {"csrf": h.csrf(page), "helpful": "no",
                                                      "comment": "<b>Too slow</b> for me"})
    assert r.status == 303
    rows = votes()
    assert len(rows) == n0 + 1 and ["f", "<b>Too slow</b> for me"] in rows, rows
    # another visitor votes separately
    other = h.client()
    p2 = other.get("/help/articles/refund-timing")
    assert other.post("/help/articles/refund-timing/vote", {"csrf": h.csrf(p2), "helpful": "yes"}).status == 303
    assert len(votes()) == n0 + 2
    # bad input and missing CSRF change nothing
    before = h.db_snapshot(exclude=EXCLUDE)
    assert c.post("/help/articles/refund-timing/vote", {"helpful": "yes"}).status == 403
    assert c.post("/help/articles/refund-timing/vote", {"csrf": h.csrf(page), "helpful": "maybe"}).status == 400
    assert c.post("/help/articles/refund-timing/vote", {"csrf": h.csrf(page), "helpful": "yes",
                                                         "comment": "x" * 2001}).status == 400
    assert c.post("/help/articles/nope-nope/vote", {"csrf": h.csrf(page), "helpful": "yes"}).status == 404
    assert h.db_snapshot(exclude=EXCLUDE) == before
    # the comment is shown escaped to staff
    staff = sign_in(h, "supervisor")
    r = staff.get("/admin/help/%s" % aid)
    assert "&lt;b&gt;Too slow&lt;/b&gt;" in r.text


def test_help_admin_access(h):
    assert h.client().get("/admin/help").status == 303
    for who in ("agent", "compliance"):
        c = sign_in(h, who)
        home = c.get("/admin")
        assert 'href="/admin/help"' not in home.text
        for path in ("/admin/help", "/admin/help/new", "/admin/help/categories", "/admin/help/gaps",
                     "/admin/help/deflection", "/admin/help/1"):
            assert c.get(path).status == 403, (who, path)
        assert c.post("/admin/help", {"csrf": h.csrf(home), "slug": "x"}).status == 403
    for who in ("supervisor", "admin"):
        c = sign_in(h, who)
        assert 'href="/admin/help"' in c.get("/admin").text
        for path in ("/admin/help", "/admin/help/new", "/admin/help/categories", "/admin/help/gaps",
                     "/admin/help/deflection"):
            assert c.get(path).status == 200, (who, path)
    c = sign_in(h, "admin")
    for path in ("/admin/help/999999999", "/admin/help/abc", "/admin/help/1/revisions/999999999"):
        assert c.get(path).status == 404, path


def test_help_edit_preview_revisions_restore(h):
    staff = sign_in(h, "supervisor")
    s = slug("guide")
    cat = h.sql_value("SELECT id FROM help_categories WHERE slug = 'payments'")
    page = staff.get("/admin/help/new")
    before = h.db_snapshot(exclude=EXCLUDE)
    r = staff.post("/admin/help", {"csrf": h.csrf(page), "category": cat, "slug": s, "lang": "en",
                                   "title": "Wallet top-ups", "body": "Top up with **bKash**.", "action": "preview"})
    assert r.status == 200 and "<strong>bKash</strong>" in r.text and 'value="Wallet top-ups"' in r.text
    # invalid fields: the form again, nothing written
    for bad in ({"slug": "Bad Slug"}, {"title": ""}, {"body": "  "}, {"category": "999999"},
                {"category": "abc"}, {"title": "x" * 201}, {"body": "x" * 100001},
                {"slug": "track-your-order"}):
        f = {"csrf": h.csrf(page), "category": cat, "slug": s, "lang": "en", "title": "T", "body": "B",
             "action": "save"}
        f.update(bad)
        r = staff.post("/admin/help", f)
        assert r.status in (400, 413), (bad.keys(), r.status)
    assert h.db_snapshot(exclude=EXCLUDE) == before
    # searched before it exists: nothing (and that answer is cached by the thread) ...
    word = "walletword" + uuid.uuid4().hex[:6]
    assert article_links(search(h.client(), word).text) == []
    aid, _ = create_article(h, staff, category="payments", title="Wallet top-ups",
                            body="Top up your wallet with bKash. " + word, s=s)
    # ... but any change to the articles empties the caches within a second
    time.sleep(1.1)
    for _ in range(8):  # whichever server thread answers
        assert s in article_links(search(h.client(), word).text)
    edit = staff.get("/admin/help/%s" % aid)
    r = staff.post("/admin/help/%s" % aid, {"csrf": h.csrf(edit), "category": cat, "slug": s, "lang": "en",
                                            "title": "Wallet top-ups", "body": "Top up with Nagad only.",
                                            "action": "save"})
    assert r.status == 303
    edit = staff.get("/admin/help/%s?lang=bn" % aid)
    r = staff.post("/admin/help/%s" % aid, {"csrf": h.csrf(edit), "category": cat, "slug": s, "lang": "bn",
                                            "title": "ওয়ালেট টপ-আপ", "body": "নগদ দিয়ে টপ-আপ করুন।",
                                            "action": "save"})
    assert r.status == 303
    revs = h.sql("SELECT id, lang, body_md FROM help_revisions WHERE article_id = $1::bigint ORDER BY id", aid)
    assert [x[1] for x in revs] == ["en", "en", "bn"], revs
    pub = h.client().get("/help/articles/" + s)
    assert "Nagad only" in pub.text
    # the new text is searchable at once
    assert s in article_links(search(h.client(), "wallet nagad").text)
    # view and restore the first revision
    first = revs[0][0]
    view = staff.get("/admin/help/%s/revisions/%s" % (aid, first))
    assert view.status == 200 and "Top up your wallet with bKash." in view.text
    r = staff.post("/admin/help/%s/revisions/%s/restore" % (aid, first), {"csrf": h.csrf(view)})
    assert r.status == 303
    assert "Top up your wallet with bKash." in h.client().get("/help/articles/" + s).text
    assert h.sql_value("SELECT count(*) FROM help_revisions WHERE article_id = $1::bigint", aid) == "4"
    # a revision of another article is not found under this one
    other = h.sql_value("SELECT min(id) FROM help_revisions WHERE article_id <> $1::bigint", aid)
    assert staff.get("/admin/help/%s/revisions/%s" % (aid, other)).status == 404
    assert staff.post("/admin/help/%s/revisions/%s/restore" % (aid, other), {"csrf": h.csrf(view)}).status == 404
    # archive: gone from the portal and from search
    r = staff.post("/admin/help/%s/status" % aid, {"csrf": h.csrf(view), "status": "archived"})
    assert r.status == 303
    assert h.client().get("/help/articles/" + s).status == 404
    time.sleep(1.1)
    for _ in range(8):
        assert s not in article_links(search(h.client(), "wallet nagad").text)
    assert staff.post("/admin/help/%s/status" % aid, {"csrf": h.csrf(view), "status": "gone"}).status == 400
    # the figures page lists it
    assert "Wallet top-ups" in staff.get("/admin/help").text


def test_help_hostile_markdown_renders_inert(h):
    staff = sign_in(h, "admin")
    body = ("# Hi\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
            "<div onclick=\"alert(2)\">click</div>\n\n[click me](javascript:alert(3))\n\n"
            "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)\n\n"
            "<a href=\"javascript:alert(5)\">raw link</a>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n"
            "[ok](https://example.com/)")
    _, s = create_article(h, staff, title="<script>alert(6)</script> title", body=body)
    r = h.client().get("/help/articles/" + s)
    assert r.status == 200
    main = r.text.split('<main id="main">', 1)[1]
    for bad in ("<script", "onerror=", "onclick=", "<iframe", "<img", 'href="javascript', "href=\"data:"):
        assert bad not in main, bad
    assert "&lt;script&gt;alert(6)&lt;/script&gt; title" in main
    assert '<a href="https://example.com/">ok</a>' in main
    # the admin preview is just as inert
    page = staff.get("/admin/help/new")
    cat = h.sql_value("SELECT id FROM help_categories WHERE slug = 'orders'")
    r = staff.post("/admin/help", {"csrf": h.csrf(page), "category": cat, "slug": slug(), "lang": "en",
                                   "title": "T", "body": body, "action": "preview"})
    assert r.status == 200
    # (the textarea holds the Markdown, escaped; the preview is the rendered part)
    main = r.text.split('class="preview"', 1)[1]
    assert "<h1>Hi</h1>" in main
    for bad in ("<script", "onerror=", "onclick=", "<iframe", "<img", 'href="javascript'):
        assert bad not in main, bad


def test_help_categories_admin(h):
    staff = sign_in(h, "admin")
    page = staff.get("/admin/help/categories")
    s = slug("cat")
    r = staff.post("/admin/help/categories", {"csrf": h.csrf(page), "slug": s, "position": "5",
                                              "title_en": "Warranty", "title_bn": "ওয়ারেন্টি"})
    assert r.status == 303
    cid = h.sql_value("SELECT id FROM help_categories WHERE slug = $1", s)
    before = h.db_snapshot(exclude=EXCLUDE)
    for bad in ({"slug": "Bad slug"}, {"slug": "orders"}, {"position": "-1"}, {"position": "x"}, {"title_en": ""}):
        f = {"csrf": h.csrf(page), "slug": slug("cat"), "position": "1", "title_en": "T", "title_bn": ""}
        f.update(bad)
        assert staff.post("/admin/help/categories", f).status == 400, bad
    assert staff.post("/admin/help/categories/999999999", {"csrf": h.csrf(page), "position": "1",
                                                            "title_en": "x"}).status == 404
    assert h.db_snapshot(exclude=EXCLUDE) == before
    r = staff.post("/admin/help/categories/%s" % cid, {"csrf": h.csrf(page), "position": "1",
                                                       "title_en": "Warranty and repairs", "title_bn": ""})
    assert r.status == 303
    assert h.sql("SELECT position, (SELECT count(*) FROM help_category_texts WHERE category_id = c.id) "
                 "FROM help_categories c WHERE id = $1::bigint", cid) == [["1", "1"]]
    # a category without published articles is not listed on the portal home
    assert 'href="/help/categories/%s"' % s not in h.client().get("/help").text


def test_help_gaps_and_deflection(h):
    c = h.client()
    word = "zq" + uuid.uuid4().hex[:8]
    search(c, word)
    search(c, word)
    r = search(c, "return policy")  # results, then one is opened
    first = re.search(r'href="(/help/articles/[a-z0-9-]+\?s=\d+)"', r.text).group(1)
    assert c.get(first).status == 200
    sid = first.split("s=")[1]
    assert h.sql_value("SELECT count(*) FROM help_events WHERE kind = 'click' AND ref = $1::bigint", sid) == "1"
    # a click claimed for someone else's search is not counted
    assert h.client().get(first).status == 200
    assert h.sql_value("SELECT count(*) FROM help_events WHERE kind = 'click' AND ref = $1::bigint", sid) == "1"
    staff = sign_in(h, "supervisor")
    gaps = staff.get("/admin/help/gaps?days=7")
    assert gaps.status == 200
    m = re.search(r"<td>%s</td><td>(\d+)</td><td>(\d+)</td>" % word, gaps.text)
    assert m and m.groups() == ("2", "2"), gaps.text[-3000:]
    assert staff.get("/admin/help/gaps?days=abc").status == 200
    # deflection: this visitor's visit, followed by a chat opening recorded by the chat
    vh = h.sql_value("SELECT visitor_hash FROM help_events WHERE query = $1 LIMIT 1", word)
    before = staff.get("/admin/help/deflection")
    assert before.status == 200
    h.sql("INSERT INTO help_events (kind, visitor_hash) VALUES ('chat_opened', $1)", vh)
    after = staff.get("/admin/help/deflection")
    rows = lambda t: re.findall(r"<tr><td>[\d-]+</td><td>(\d+)</td><td>(\d+)</td><td>([\d.]+)%</td></tr>", t)
    assert rows(after.text), after.text[-2000:]
    assert int(rows(after.text)[0][1]) == int(rows(before.text)[0][1]) + 1


def test_chat_opened_after_help_visit_counts_against_deflection(h):
    from test_chat import start_chat
    c = h.client()
    assert c.get("/help").status == 200
    cookie = c.cookie("cxms_visitor")
    assert cookie
    before = int(h.sql_value("SELECT count(*) FROM help_events WHERE kind = 'chat_opened'"))
    start_chat(h, c, message="I could not find my answer", name="Help Visitor")
    rows = h.sql("SELECT visitor_hash FROM help_events WHERE kind = 'chat_opened' ORDER BY id DESC LIMIT 1")
    assert int(h.sql_value("SELECT count(*) FROM help_events WHERE kind = 'chat_opened'")) == before + 1
    # the same visitor as the help page view
    page_hash = h.sql_value("SELECT visitor_hash FROM help_events WHERE kind = 'page' ORDER BY id DESC LIMIT 1")
    assert rows[0][0] == page_hash
