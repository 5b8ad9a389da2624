/* html_text.c: the visible text of an HTML mail, parsed as a browser would (gumbo), for mail that has
 * no text part. The tree is walked without recursion (by parent and sibling), so a hostile nesting
 * depth cannot exhaust the stack. */
#include "email_parse.h"
#include "../core/buf.h"
#include "../core/text.h"
#include <glib.h>
#include <gumbo.h>
#include <string.h>

typedef struct out_text {
	buf b;
	size_t max;
	int newlines;  /* line breaks owed before the next text (at most 2: one empty line) */
	bool space;    /* a space owed before the next text */
	bool started;
	bool full;     /* max reached: nothing more is written */
} out_text;

static void put_break(out_text *o, int n)
{
	if (o->started && o->newlines < n)
		o->newlines = n;
}

static void put_text(out_text *o, const char *s)
{
	for (; *s && !o->full; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c & 0xc0) != 0x80) { /* a character starts: it fits whole, or the text ends before it */
			size_t bytes = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
			if (o->b.len + bytes + (o->newlines ? (size_t)o->newlines : o->space) > o->max) {
				o->full = true;
				break;
			}
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			if (o->started)
				o->space = true;
			continue;
		}
		if (o->newlines) {
			for (int i = 0; i < o->newlines; i++)
				buf_append(&o->b, "\n", 1);
			o->newlines = 0;
			o->space = false;
		} else if (o->space) {
			buf_append(&o->b, " ", 1);
			o->space = false;
		}
		buf_append(&o->b, s, 1);
		o->started = true;
	}
}

static bool skipped(GumboTag t)
{
	return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_HEAD || t == GUMBO_TAG_TITLE ||
	       t == GUMBO_TAG_TEMPLATE || t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH;
}

/* line breaks around an element: 2 for paragraphs and headings, 1 for other blocks, 0 inline */
static int breaks(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE:
	case GUMBO_TAG_UL: case GUMBO_TAG_OL:
		return 2;
	case GUMBO_TAG_BR: case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_TR: case GUMBO_TAG_HR:
	case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_CENTER: case GUMBO_TAG_ADDRESS:
		return 1;
	default:
		return 0;
	}
}

static GumboVector *children(GumboNode *n)
{
	if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
		return &n->v.element.children;
	if (n->type == GUMBO_NODE_DOCUMENT)
		return &n->v.document.children;
	return NULL;
}

char *html_to_text(arena *a, const char *html, size_t len, size_t max)
{
	GumboOptions opts = kGumboDefaultOptions;
	opts.max_errors = 0; /* the parse errors of hostile markup would only take memory */
	GumboOutput *g = gumbo_parse_with_options(&opts, html, len);
	out_text o = { .max = max };
	GumboNode *root = g->document, *n = root;
	bool down = true; /* entering n (else leaving it) */
	while (n && !o.full) {
		GumboVector *kids = children(n);
		bool element = n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
		if (down) {
			if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE)
				put_text(&o, n->v.text.text);
			else if (element) {
				if (skipped(n->v.element.tag))
					kids = NULL;
				else if (n->v.element.tag == GUMBO_TAG_TD || n->v.element.tag == GUMBO_TAG_TH)
					o.space = o.started;
				put_break(&o, breaks(n->v.element.tag));
			}
			if (kids && kids->length) {
				n = kids->data[0];
				continue;
			}
		}
		/* leaving n: its block ends; then its next sibling, or up to its parent */
		if (element && !skipped(n->v.element.tag))
			put_break(&o, breaks(n->v.element.tag));
		if (n == root)
			break;
		GumboNode *parent = n->parent;
		GumboVector *siblings = parent ? children(parent) : NULL;
		size_t next = n->index_within_parent + 1;
		if (siblings && next < siblings->length) {
			n = siblings->data[next];
			down = true;
		} else {
			n = parent;
			down = false;
		}
	}
	/* gumbo 0.10 writes a character reference past U+10FFFF as bytes that are not UTF-8 (found by
	 * fuzz_html): what it gives is made valid, each bad byte a U+FFFD, and cut to max again */
	const char *raw = o.b.data ? o.b.data : "";
	char *text;
	if (g_utf8_validate(raw, (gssize)o.b.len, NULL))
		text = arena_strndup(a, raw, o.b.len);
	else {
		gchar *valid = g_utf8_make_valid(raw, (gssize)o.b.len);
		text = arena_strndup(a, valid, utf8_cut(valid, strlen(valid), max));
		g_free(valid);
	}
	buf_free(&o.b);
	gumbo_destroy_output(&opts, g);
	return text;
}
