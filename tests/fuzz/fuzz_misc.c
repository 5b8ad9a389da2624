/* fuzz_misc.c: the small checks of untrusted text, each on the whole input (cut at a NUL where it takes
 * a C string): datetime_local_valid (core/text.c), sniff_type (core/multipart.c), i18n_negotiate's
 * Accept-Language reading (core/i18n.c), local_path_ok (core/http.c, where a redirect may go) and the
 * router's path matching (core/router.c). Each is checked against an independent reading. */
#include "fuzz.h"
#include "core/http.h"
#include "core/i18n.h"
#include "core/multipart.h"
#include "core/router.h"
#include "core/text.h"
#include <ctype.h>
#include <stdbool.h>
#include <time.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* "YYYY-MM-DDTHH:MM[:SS]" naming a real moment of the years 2000 to 2999: the fields survive a round
 * trip through timegm/gmtime_r unchanged. */
static bool ref_datetime(const char *s)
{
	size_t n = strlen(s);
	const char *shape = n == 16 ? "dddd-dd-ddTdd:dd" : n == 19 ? "dddd-dd-ddTdd:dd:dd" : NULL;
	if (!shape)
		return false;
	for (size_t i = 0; i < n; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return false;
	int y, mo, d, h, mi, sec = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5 || (n == 19 && sscanf(s + 17, "%2d", &sec) != 1))
		return false;
	if (y < 2000 || y > 2999)
		return false;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = sec };
	time_t t = timegm(&tm);
	struct tm back;
	if (!gmtime_r(&t, &back))
		return false;
	return back.tm_year == y - 1900 && back.tm_mon == mo - 1 && back.tm_mday == d && back.tm_hour == h &&
	       back.tm_min == mi && back.tm_sec == sec;
}

/* A Location a browser takes as a path on this site: it drops tabs and line breaks anywhere and reads
 * '\' as '/' (WHATWG URL), and "//..." would be another host. */
static bool stays_on_site(const char *p)
{
	char first[2];
	size_t n = 0;
	for (; *p && n < 2; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			continue;
		first[n++] = *p == '\\' ? '/' : *p;
	}
	return n >= 1 && first[0] == '/' && !(n == 2 && first[1] == '/');
}

/* pattern segments ("/"-separated) against path segments: literal ones equal, {name} any non-empty one */
static bool ref_route(const char *pat, const char *path)
{
	for (;;) {
		const char *pe = strchrnul(pat, '/'), *se = strchrnul(path, '/');
		size_t pn = (size_t)(pe - pat), sn = (size_t)(se - path);
		if (pn && pat[0] == '{') {
			if (sn == 0)
				return false;
		} else if (pn != sn || memcmp(pat, path, pn) != 0) {
			return false;
		}
		if (!*pe || !*se)
			return !*pe && !*se;
		pat = pe + 1;
		path = se + 1;
	}
}

static const char *const patterns[] = { "/", "/admin/staff/{id}", "/help/articles/{slug}/vote",
					"/admin/conversations/{id}/messages/{mid}", NULL };

static const char *const sniffed[] = { "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
				       "application/x-msdownload", "application/x-executable", NULL };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);

	bool dt = datetime_local_valid(s);
	FUZZ_CHECK(dt == ref_datetime(s), "datetime_local_valid(\"%s\") = %d", s, dt);

	/* the server sniffs the first 16 bytes of a file (multipart.c digest_file) */
	const char *t = sniff_type(data, size);
	FUZZ_CHECK(t == sniff_type(data, size < 16 ? size : 16), "sniff_type needs more than 16 bytes");
	if (t) {
		bool known = false;
		for (int i = 0; sniffed[i]; i++)
			known = known || strcmp(t, sniffed[i]) == 0;
		FUZZ_CHECK(known, "sniff_type returned %s", t);
	}

	const char *lang = i18n_negotiate(NULL, NULL, s);
	FUZZ_CHECK(i18n_supported(lang), "i18n_negotiate picked %s", lang);
	lang = i18n_negotiate(s, NULL, NULL);
	FUZZ_CHECK(i18n_supported(s) ? strcmp(lang, s) == 0 : strcmp(lang, I18N_DEFAULT_LANG) == 0,
		   "i18n_negotiate(account_lang) picked %s", lang);

	if (local_path_ok(s))
		FUZZ_CHECK(stays_on_site(s), "local_path_ok lets a redirect leave the site: \"%s\"", s);
	/* a path with a leading '/' and nothing a browser would strip or rewrite is fine */
	bool plain = s[0] == '/' && s[1] != '/';
	for (const char *p = s; *p; p++)
		plain = plain && (unsigned char)*p > 0x20 && *p != 0x7f && *p != '\\';
	if (plain)
		FUZZ_CHECK(local_path_ok(s), "local_path_ok refuses \"%s\"", s);

	for (int i = 0; patterns[i]; i++)
		FUZZ_CHECK(route_pattern_matches(patterns[i], s) == ref_route(patterns[i], s),
			   "route_pattern_matches(\"%s\", \"%s\")", patterns[i], s);

	free(s);
	return 0;
}
