/* help_render.c: help articles' Markdown to HTML (cmark, safe mode) and text helpers; no SQL */
#include "help.h"
#include "../core/buf.h"
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

/* CMARK_OPT_DEFAULT, never CMARK_OPT_UNSAFE: raw HTML blocks and inline HTML are replaced by
 * "<!-- raw HTML omitted -->" and links/images to javascript:, vbscript:, file: and data:
 * (except data:image/png|gif|jpeg|webp) get an empty href. tests/unit/test_help.c checks
 * this against the installed library. */
#define HELP_CMARK_OPTS (CMARK_OPT_DEFAULT | CMARK_OPT_SMART)

static void plain_text(cmark_node *root, buf *out)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER) {
			if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK) {
				const char *lit = cmark_node_get_literal(n);
				if (lit)
					buf_puts(out, lit);
			} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
				buf_puts(out, " ");
			}
		}
		if ((ev == CMARK_EVENT_EXIT || t == CMARK_NODE_CODE_BLOCK) &&
		    (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_ITEM ||
		     t == CMARK_NODE_CODE_BLOCK))
			buf_puts(out, "\n");
	}
	cmark_iter_free(it);
}

char *help_render_markdown(arena *a, const char *md, char **text)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), HELP_CMARK_OPTS);
	if (!doc)
		return NULL;
	char *html = cmark_render_html(doc, HELP_CMARK_OPTS);
	char *out = NULL;
	if (html) {
		out = arena_strdup(a, html);
		cmark_get_default_mem_allocator()->free(html);
	}
	if (text) {
		buf b = { 0 };
		plain_text(doc, &b);
		*text = arena_strdup(a, b.len ? buf_cstr(&b) : "");
		buf_free(&b);
	}
	cmark_node_free(doc);
	return out;
}

bool help_slug_valid(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '-') {
			if (s[i + 1] == '-')
				return false;
		} else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			return false;
		}
	}
	return true;
}

char *help_query_clean(arena *a, const char *q)
{
	size_t n = strlen(q);
	if (!utf8_valid(q, n))
		return NULL;
	char *out = arena_alloc(a, n + 1);
	size_t o = 0, chars = 0;
	for (size_t i = 0; i < n && chars < HELP_QUERY_MAX;) {
		unsigned char c = (unsigned char)q[i];
		size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (c < 0x20 || c == 0x7f) {  /* control characters become spaces */
			out[o++] = ' ';
		} else if (len == 3 && (strncmp(q + i, HELP_HL_ON, 3) == 0 ||
					strncmp(q + i, HELP_HL_OFF, 3) == 0)) {
			out[o++] = ' ';
		} else {
			memcpy(out + o, q + i, len);
			o += len;
		}
		i += len;
		chars++;
	}
	out[o] = 0;
	return str_trim(a, out);
}

void help_snippet_split(arena *a, const char *s, void (*fn)(void *, const char *, bool),
			void *ctx)
{
	bool hl = false;
	while (s && *s) {
		const char *marker = strstr(s, hl ? HELP_HL_OFF : HELP_HL_ON);
		const char *other = strstr(s, hl ? HELP_HL_ON : HELP_HL_OFF);
		/* a stray marker of the other kind ends the piece as well */
		if (other && (!marker || other < marker))
			marker = other;
		size_t len = marker ? (size_t)(marker - s) : strlen(s);
		if (len)
			fn(ctx, arena_strndup(a, s, len), hl);
		if (!marker)
			break;
		hl = strncmp(marker, HELP_HL_ON, 3) == 0;
		s = marker + 3;
	}
}
