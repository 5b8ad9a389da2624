/* fuzz_text.c: the decoders of core/text.c on the same input: utf8_valid and utf8_length, url_decode
 * (both '+' modes, and back through url_encode), parse_urlencoded (a form body or query string, with the
 * server's limits and with small ones; its values' CR LF become LF), crlf_to_lf and parse_cookies (a
 * Cookie header). Each result is checked against an independent reading of the input. */
#include "fuzz.h"
#include "core/config.h"
#include "core/text.h"
#include <stdbool.h>

static arena *A;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	A = arena_new();
	return 0;
}

/* Well-formed UTF-8 as Unicode's table 3-7 lists it, without NUL; the number of code points in *cps. */
static bool ref_utf8(const unsigned char *s, size_t n, size_t *cps)
{
	size_t count = 0;
	for (size_t i = 0; i < n; count++) {
		unsigned c = s[i];
		size_t len;
		unsigned lo = 0x80, hi = 0xBF; /* the range of the second byte */
		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2;
		else if (c == 0xE0)
			len = 3, lo = 0xA0;
		else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
			len = 3;
		else if (c == 0xED)
			len = 3, hi = 0x9F;
		else if (c == 0xF0)
			len = 4, lo = 0x90;
		else if (c >= 0xF1 && c <= 0xF3)
			len = 4;
		else if (c == 0xF4)
			len = 4, hi = 0x8F;
		else
			return false;
		if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
			return false;
		for (size_t k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return false;
		i += len;
	}
	if (cps)
		*cps = count;
	return true;
}

static int hex(unsigned char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Percent-decoding as RFC 3986 and the WHATWG form encoding define it, then the UTF-8 rule: NULL where
 * url_decode must refuse. malloc'd; *len is the decoded length. */
static char *ref_decode(const char *s, size_t n, bool plus, size_t *len)
{
	char *out = malloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (n - i < 3 || hex((unsigned char)s[i + 1]) < 0 || hex((unsigned char)s[i + 2]) < 0) {
				free(out);
				return NULL;
			}
			out[o++] = (char)(hex((unsigned char)s[i + 1]) * 16 + hex((unsigned char)s[i + 2]));
			i += 2;
		} else {
			out[o++] = plus && s[i] == '+' ? ' ' : s[i];
		}
	}
	out[o] = '\0';
	if (!ref_utf8((const unsigned char *)out, o, NULL)) {
		free(out);
		return NULL;
	}
	*len = o;
	return out;
}

static void check_decode(const char *s, size_t n, bool plus)
{
	size_t rlen = 0;
	char *want = ref_decode(s, n, plus, &rlen);
	char *got = url_decode(A, s, n, plus);
	FUZZ_CHECK(!want == !got, "url_decode(plus=%d) %s a %zu-byte input that should be %s", plus,
		   got ? "accepted" : "refused", n, want ? "accepted" : "refused");
	if (got) {
		FUZZ_CHECK(strlen(got) == rlen && memcmp(got, want, rlen) == 0, "url_decode(plus=%d) decoded it wrong",
			   plus);
		/* back and forth: url_encode's output decodes to what it was given */
		const char *enc = url_encode(A, got);
		char *again = url_decode(A, enc, strlen(enc), plus);
		FUZZ_CHECK(again && strcmp(again, got) == 0, "url_decode(url_encode(s)) != s");
	}
	free(want);
}

/* a form value's CR LF pairs as LF (text.h: browsers send a textarea's line breaks as CR LF) */
static void ref_lf(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			*o++ = *p;
	*o = '\0';
}

/* a form with the server's limits and with small ones, so TOO_MANY and TOO_LONG are reached */
static void check_form(const char *s, size_t n, size_t max_fields, size_t max_value)
{
	kvlist l = { 0 };
	parse_result rc = parse_urlencoded(A, s, n, &l, max_fields, max_value);
	FUZZ_CHECK(rc == PARSE_OK || rc == PARSE_BAD_ENCODING || rc == PARSE_TOO_MANY || rc == PARSE_TOO_LONG,
		   "parse_urlencoded returned %d", (int)rc);
	for (size_t i = 0; i < l.n; i++) {
		const char *k = l.items[i].key, *v = l.items[i].val;
		FUZZ_CHECK(k && v, "a form pair without key or value");
		FUZZ_CHECK(utf8_valid(k, strlen(k)) && utf8_valid(v, strlen(v)), "a form field that is not UTF-8");
		FUZZ_CHECK(strlen(k) <= 256 && strlen(v) <= max_value, "a form field over the limits");
	}
	FUZZ_CHECK(l.n <= max_fields, "%zu form fields, at most %zu allowed", l.n, max_fields);
	if (rc != PARSE_OK)
		return;
	/* every non-empty '&'-separated piece is one pair, split at its first '=' and decoded */
	size_t pairs = 0;
	for (size_t i = 0; i <= n;) {
		size_t start = i;
		while (i < n && s[i] != '&')
			i++;
		if (i > start) {
			FUZZ_CHECK(pairs < l.n, "parse_urlencoded returned fewer pairs than the input has");
			const char *eq = memchr(s + start, '=', i - start);
			size_t klen = eq ? (size_t)(eq - (s + start)) : i - start, dk = 0, dv = 0;
			char *k = ref_decode(s + start, klen, true, &dk);
			char *v = eq ? ref_decode(eq + 1, i - start - klen - 1, true, &dv) : strdup("");
			if (v)
				ref_lf(v);
			FUZZ_CHECK(k && v && strcmp(l.items[pairs].key, k) == 0 && strcmp(l.items[pairs].val, v) == 0,
				   "form pair %zu decoded wrong", pairs);
			free(k);
			free(v);
			pairs++;
		}
		i++;
	}
	FUZZ_CHECK(pairs == l.n, "parse_urlencoded returned %zu pairs, the input has %zu", l.n, pairs);
}

static void check_cookies(const char *h)
{
	kvlist l = { 0 };
	parse_cookies(A, h, &l);
	for (size_t i = 0; i < l.n; i++) {
		const char *k = l.items[i].key, *v = l.items[i].val;
		size_t kn = strlen(k), vn = strlen(v);
		FUZZ_CHECK(kn > 0, "a cookie with an empty name");
		FUZZ_CHECK(!strpbrk(k, ";=") && !strchr(v, ';'), "a cookie name or value holds ; or =");
		FUZZ_CHECK(k[0] != ' ' && k[kn - 1] != ' ' && (vn == 0 || (v[0] != ' ' && v[vn - 1] != ' ')),
			   "a cookie name or value not trimmed");
		FUZZ_CHECK(utf8_valid(k, kn) && utf8_valid(v, vn), "a cookie that is not UTF-8");
		FUZZ_CHECK(strstr(h, k) != NULL, "a cookie name that is not in the header");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t cps = 0;
	bool valid = utf8_valid(s, size);
	FUZZ_CHECK(valid == ref_utf8(data, size, &cps), "utf8_valid says %d for a %zu-byte input", valid, size);
	if (valid) {
		char *z = fuzz_cstr(data, size); /* valid means no NUL: the whole input */
		FUZZ_CHECK(utf8_length(z) == cps, "utf8_length %zu, the input has %zu code points", utf8_length(z), cps);
		free(z);
	}

	check_decode(s, size, true);
	check_decode(s, size, false);

	check_form(s, size, MAX_FIELDS, MAX_FIELD_BYTES);
	check_form(s, size, 3, 8);

	char *h = fuzz_cstr(data, size);
	check_cookies(h);
	char *lf = strdup(h);
	size_t lflen = crlf_to_lf(h);
	ref_lf(lf);
	FUZZ_CHECK(lflen == strlen(h) && strcmp(h, lf) == 0, "crlf_to_lf made a %zu-byte string of it", lflen);
	free(lf);
	free(h);

	arena_reset(A);
	return 0;
}
