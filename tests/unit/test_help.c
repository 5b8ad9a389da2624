/* test_help.c: help-article rendering with the real cmark (hostile Markdown stays inert), slugs,
 * query cleaning and snippet splitting */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <strings.h>
#include "core/arena.h"
#include "data/help.h"

static arena *A;

static const char *render(const char *md)
{
	const char *html = help_render_markdown(A, md, NULL);
	assert_non_null(html);
	return html;
}

/* every href/src value of html is empty or not one of the unsafe schemes */
static void assert_urls_safe(const char *html)
{
	const char *attrs[] = { "href=\"", "src=\"" };
	const char *bad[] = { "javascript:", "vbscript:", "data:", "file:" };
	for (size_t k = 0; k < 2; k++) {
		for (const char *p = strstr(html, attrs[k]); p; p = strstr(p + 1, attrs[k])) {
			const char *v = p + strlen(attrs[k]);
			for (size_t b = 0; b < 4; b++)
				if (strncasecmp(v, bad[b], strlen(bad[b])) == 0)
					fail_msg("unsafe URL in %s", html);
		}
	}
}

static void markdown_basics(void **s)
{
	(void)s;
	assert_string_equal(render("# Title\n\nSome **bold** text."),
			    "<h1>Title</h1>\n<p>Some <strong>bold</strong> text.</p>\n");
	assert_non_null(strstr(render("[ok](https://example.com/a?b=1&c=2)"),
			       "<a href=\"https://example.com/a?b=1&amp;c=2\">ok</a>"));
	char *text = NULL;
	help_render_markdown(A, "# Head\n\nOne *two* `three`\nfour\n\n- item", &text);
	assert_string_equal(text, "Head\nOne two three four\nitem\n\n");
}

static void hostile_markdown_is_inert(void **s)
{
	(void)s;
	const char *cases[] = {
		"<script>alert(1)</script>",
		"Hello <script>alert(1)</script> there",
		"<img src=x onerror=alert(1)>",
		"<div onclick=\"alert(1)\">x</div>",
		"<a href=\"javascript:alert(1)\">x</a>",
		"<iframe src=\"https://evil.example\"></iframe>",
		"<svg onload=alert(1)>",
		"<style>body{display:none}</style>",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *html = render(cases[i]);
		assert_null(strstr(html, "<script"));
		assert_null(strstr(html, "<img"));
		assert_null(strstr(html, "<div"));
		assert_null(strstr(html, "<iframe"));
		assert_null(strstr(html, "<svg"));
		assert_null(strstr(html, "<style"));
		assert_null(strstr(html, "onerror="));
		assert_null(strstr(html, "onclick="));
		assert_null(strstr(html, "href=\"javascript"));
	}
	/* unsafe link schemes lose their target, whatever the case or encoding */
	const char *links[] = {
		"[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](vbscript:msgbox)",
		"[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](file:///etc/passwd)",
		"![x](javascript:alert(1))", "<javascript:alert(1)>",
		"[x]: javascript:alert(1)\n\n[x]",
	};
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
		assert_urls_safe(render(links[i]));
	/* attributes cannot be injected through link titles or text */
	const char *html = render("[x](https://a.example \"t\\\" onmouseover=\\\"alert(1)\")");
	assert_null(strstr(html, "\" onmouseover"));
}

static void slugs(void **s)
{
	(void)s;
	assert_true(help_slug_valid("track-your-order", 120));
	assert_true(help_slug_valid("a1", 120));
	assert_false(help_slug_valid("", 120));
	assert_false(help_slug_valid("-a", 120));
	assert_false(help_slug_valid("a-", 120));
	assert_false(help_slug_valid("a--b", 120));
	assert_false(help_slug_valid("A", 120));
	assert_false(help_slug_valid("a b", 120));
	assert_false(help_slug_valid("../x", 120));
	assert_false(help_slug_valid("abc", 2));
}

static void query_clean(void **s)
{
	(void)s;
	assert_string_equal(help_query_clean(A, "  refund\tpolicy \n"), "refund policy");
	assert_string_equal(help_query_clean(A, "a" HELP_HL_ON "b" HELP_HL_OFF), "a b");
	assert_null(help_query_clean(A, "\xff"));
	char big[1000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	assert_int_equal(strlen(help_query_clean(A, big)), HELP_QUERY_MAX);
	/* cut on code points, never inside one */
	char bn[700] = "";
	for (int i = 0; i < 210; i++)
		strcat(bn, "ক");
	assert_int_equal(strlen(help_query_clean(A, bn)), HELP_QUERY_MAX * 3);
}

struct pieces {
	char out[256];
};

static void piece(void *ctx, const char *text, bool hl)
{
	struct pieces *p = ctx;
	strcat(p->out, hl ? "[" : "");
	strcat(p->out, text);
	strcat(p->out, hl ? "]" : "");
}

static void snippets(void **s)
{
	(void)s;
	struct pieces p = { "" };
	help_snippet_split(A, "get a " HELP_HL_ON "refund" HELP_HL_OFF " fast", piece, &p);
	assert_string_equal(p.out, "get a [refund] fast");
	struct pieces q = { "" };
	help_snippet_split(A, HELP_HL_OFF "x" HELP_HL_ON "y", piece, &q);
	assert_string_equal(q.out, "x[y]");
}

static int setup(void **s)
{
	(void)s;
	A = arena_new();
	return 0;
}

static int teardown(void **s)
{
	(void)s;
	arena_free(A);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(markdown_basics),
		cmocka_unit_test(hostile_markdown_is_inert),
		cmocka_unit_test(slugs),
		cmocka_unit_test(query_clean),
		cmocka_unit_test(snippets),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
