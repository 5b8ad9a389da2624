/* test_tmpl.c: the ctemplate bridge escapes by context; every template is autoescaped;
 * translations cannot inject markup; .po parsing and language negotiation */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/buf.h"
#include "core/i18n.h"
#include "core/tmpl.h"

static void every_template_autoescapes(void **s)
{
	(void)s;
	const char *dirs[] = { "layout", "portal", "admin", "errors", "partials", NULL };
	int checked = 0;
	for (int i = 0; dirs[i]; i++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/templates/%s", SOURCE_ROOT, dirs[i]);
		DIR *d = opendir(path);
		if (!d)
			continue;
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (n < 5 || strcmp(e->d_name + n - 4, ".tpl") != 0)
				continue;
			char file[2048];
			snprintf(file, sizeof file, "%s/%s", path, e->d_name);
			FILE *f = fopen(file, "r");
			assert_non_null(f);
			char first[128] = "";
			if (!fgets(first, sizeof first, f))
				first[0] = '\0';
			fclose(f);
			if (strncmp(first, TMPL_AUTOESCAPE_LINE, strlen(TMPL_AUTOESCAPE_LINE)) != 0)
				fail_msg("%s does not start with %s", file, TMPL_AUTOESCAPE_LINE);
			checked++;
		}
		closedir(d);
	}
	assert_true(checked >= 10);
}

static void bridge_escapes_by_context(void **s)
{
	(void)s;
	/* the whole template set loads (and refuses a template without AUTOESCAPE) */
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/templates", SOURCE_ROOT);
	assert_true(tmpl_init(dir, false));
	tdict *d = tmpl_dict_new();
	tdict *body = tmpl_include(d, "BODY", "en/errors/error");
	tmpl_set(body, "MESSAGE", "<script>alert(1)</script>");
	tmpl_set_int(body, "STATUS", 404);
	tmpl_set_global(d, "TITLE", "\"><img src=x onerror=alert(1)>");
	tmpl_set_global(d, "LANG", "en");
	tmpl_set_global(d, "CSRF", "tok\"en");
	tmpl_set_global(d, "CURRENT_PATH", "/\" onmouseover=\"x");
	tmpl_set_global(d, "REQUEST_ID", "abc");
	tmpl_show(d, "SIGNED_OUT");
	buf out = { 0 };
	assert_true(tmpl_expand("en/layout/portal", d, &out));
	const char *html = buf_cstr(&out);
	assert_null(strstr(html, "<script>alert"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_null(strstr(html, "<img src=x"));
	assert_null(strstr(html, "value=\"tok\"en\""));
	assert_null(strstr(html, "\" onmouseover=\""));
	assert_false(tmpl_expand("en/no/such/template", d, &out));
	buf_free(&out);
	tmpl_dict_free(d);
	tmpl_shutdown();
}

/* Text keeps its line breaks wherever a template shows it (messages, notes, the article editor, mails
 * in the outbox): the bridge gives text pre_escape, which escapes like html_escape without folding
 * \n into a space. Attributes still get what their context needs. */
static void text_keeps_line_breaks(void **s)
{
	(void)s;
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/templates", SOURCE_ROOT);
	assert_true(tmpl_init(dir, false));
	tdict *d = tmpl_dict_new();
	tdict *body = tmpl_include(d, "BODY", "en/errors/error");
	tmpl_set(body, "MESSAGE", "first line\nsecond <b>line</b>\n\n- a list item");
	tmpl_set_int(body, "STATUS", 400);
	tmpl_set_global(d, "TITLE", "t");
	tmpl_set_global(d, "LANG", "en");
	tmpl_set_global(d, "CSRF", "tok\nen");
	tmpl_set_global(d, "CURRENT_PATH", "/");
	tmpl_set_global(d, "REQUEST_ID", "abc");
	tmpl_show(d, "SIGNED_OUT");
	buf out = { 0 };
	assert_true(tmpl_expand("en/layout/portal", d, &out));
	const char *html = buf_cstr(&out);
	assert_non_null(strstr(html, "first line\nsecond &lt;b&gt;line&lt;/b&gt;\n\n- a list item"));
	buf_free(&out);
	tmpl_dict_free(d);
	/* the rewriting itself: text between tags only, never a section, an include or a modifier given */
	char *t = tmpl_translate("en", "<p class=\"x {{A}}\">{{B}} {{#S}}{{C:none}}{{/S}} {{>I}}</p><script>{{D}}</script>{{E}}");
	assert_string_equal(t, "<p class=\"x {{A}}\">{{B:pre_escape}} {{#S}}{{C:none}}{{/S}} {{>I}}</p><script>{{D}}</script>{{E:pre_escape}}");
	free(t);
	/* a text attribute's whole value keeps its lines too (a message carried on in a hidden field, a
	 * canned answer's data-text); URLs and other attributes keep AUTOESCAPE's own choice */
	t = tmpl_translate("en", "<input value=\"{{V}}\" data-text=\"{{T}}\" title=\"{{U}}\"><a href=\"{{H}}\" class=\"{{K}}\">");
	assert_string_equal(t, "<input value=\"{{V:pre_escape}}\" data-text=\"{{T:pre_escape}}\" title=\"{{U:pre_escape}}\">"
			       "<a href=\"{{H}}\" class=\"{{K}}\">");
	free(t);
	tmpl_shutdown();
}

static void template_without_autoescape_is_refused(void **s)
{
	(void)s;
	char dir[] = "/tmp/cxms-tmplXXXXXX";
	assert_non_null(mkdtemp(dir));
	char file[256];
	snprintf(file, sizeof file, "%s/bad.tpl", dir);
	FILE *f = fopen(file, "w");
	fputs("<p>{{X}}</p>\n", f);
	fclose(f);
	assert_false(tmpl_init(dir, false));
	tmpl_shutdown();
	unlink(file);
	rmdir(dir);
}

static void translations_are_escaped(void **s)
{
	(void)s;
	/* unknown msgids fall back to the text itself, escaped; placeholders survive */
	char *t = tmpl_translate("bn", "<p>[[Fish & <chips>]] [[Hello {{NAME}}]]</p>");
	/* and a value written as text keeps its line breaks (pre_escape) */
	assert_string_equal(t, "<p>Fish &amp; &lt;chips&gt; Hello {{NAME:pre_escape}}</p>");
	free(t);
}

static int count;
static void count_entry(void *ctx, const char *id, const char *str, bool fuzzy)
{
	(void)ctx;
	(void)id;
	(void)str;
	(void)fuzzy;
	count++;
}

static void po_files(void **s)
{
	(void)s;
	char path[] = "/tmp/cxms-poXXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	fputs("msgid \"\"\nmsgstr \"Language: bn\\n\"\n\n#, fuzzy\nmsgid \"Fuzzy\"\nmsgstr \"x\"\n\n"
	      "msgid \"Sign in\"\nmsgstr \"সাইন \"\n\"ইন\"\n\nmsgid \"Quote \\\"q\\\"\"\nmsgstr \"উদ্ধৃতি \\\"q\\\"\"\n", f);
	fclose(f);
	count = 0;
	assert_true(po_parse(path, count_entry, NULL));
	assert_int_equal(count, 4);
	unlink(path);
	/* the shipped catalog parses */
	char bn[1024];
	snprintf(bn, sizeof bn, "%s/locale/bn/core.po", SOURCE_ROOT);
	count = 0;
	assert_true(po_parse(bn, count_entry, NULL));
}

static void negotiation(void **s)
{
	(void)s;
	assert_string_equal(i18n_negotiate("bn", "en", "en-US"), "bn");
	assert_string_equal(i18n_negotiate(NULL, "bn", "en-US"), "bn");
	assert_string_equal(i18n_negotiate(NULL, "xx", "bn-BD,en;q=0.8"), "bn");
	assert_string_equal(i18n_negotiate(NULL, NULL, "fr, en;q=0.5, bn;q=0.9"), "bn");
	assert_string_equal(i18n_negotiate(NULL, NULL, "fr"), "en");
	assert_string_equal(i18n_negotiate(NULL, NULL, NULL), "en");
	assert_string_equal(i18n_negotiate(NULL, NULL, "bnx"), "en");
	assert_true(i18n_supported("bn"));
	assert_false(i18n_supported("de"));
	assert_false(i18n_supported(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_template_autoescapes),
		cmocka_unit_test(bridge_escapes_by_context),
		cmocka_unit_test(text_keeps_line_breaks),
		cmocka_unit_test(template_without_autoescape_is_refused),
		cmocka_unit_test(translations_are_escaped),
		cmocka_unit_test(po_files),
		cmocka_unit_test(negotiation),
	};
	return cmocka_run_group_tests_name("templates", tests, NULL, NULL);
}
