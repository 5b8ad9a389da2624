/* test_text.c: percent-decoding, UTF-8 validation, form and cookie parsing, arena */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/arena.h"
#include "core/text.h"

static arena *A;

static void decode_valid(void **s)
{
	(void)s;
	assert_string_equal(url_decode(A, "a%20b+c", 7, true), "a b c");
	assert_string_equal(url_decode(A, "a+b", 3, false), "a+b");
	assert_string_equal(url_decode(A, "%E0%A6%AC", 9, true), "ব");
	assert_string_equal(url_decode(A, "", 0, true), "");
}

static void decode_malformed(void **s)
{
	(void)s;
	assert_null(url_decode(A, "%", 1, true));
	assert_null(url_decode(A, "%4", 2, true));
	assert_null(url_decode(A, "%zz", 3, true));
	assert_null(url_decode(A, "a%00b", 5, true));      /* encoded NUL */
	assert_null(url_decode(A, "%C0%AF", 6, true));     /* overlong */
	assert_null(url_decode(A, "%ED%A0%80", 9, true));  /* surrogate */
	assert_null(url_decode(A, "%FF", 3, true));
	assert_null(url_decode(A, "%E0%A6", 6, true));     /* truncated */
}

static void utf8(void **s)
{
	(void)s;
	assert_true(utf8_valid("hello", 5));
	/* cutting between characters: by bytes, by characters */
	const char *bn = "\xe0\xa6\x95\xe0\xa6\x96"; /* two 3-byte letters */
	assert_int_equal(utf8_cut(bn, 6, 6), 6);
	assert_int_equal(utf8_cut(bn, 6, 5), 3);
	assert_int_equal(utf8_cut(bn, 6, 2), 0);
	assert_int_equal(utf8_cut("abc", 3, 2), 2);
	assert_int_equal(utf8_chars_len(bn, 1), 3);
	assert_int_equal(utf8_chars_len(bn, 5), 6);
	assert_int_equal(utf8_chars_len("abc", 0), 0);
	assert_true(utf8_valid("বাংলা", strlen("বাংলা")));
	assert_true(utf8_valid("\xF0\x9F\x98\x80", 4));
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
	assert_false(utf8_valid("\x80", 1));
	assert_int_equal(utf8_length("বাংলা"), 5);
}

static void form_parsing(void **s)
{
	(void)s;
	kvlist l = { 0 };
	const char *body = "a=1&b=x+y&empty=&flag&c=%C3%A9";
	assert_int_equal(parse_urlencoded(A, body, strlen(body), &l, 10, 100), PARSE_OK);
	assert_int_equal(l.n, 5);
	assert_string_equal(kv_get(&l, "b"), "x y");
	assert_string_equal(kv_get(&l, "empty"), "");
	assert_string_equal(kv_get(&l, "flag"), "");
	assert_string_equal(kv_get(&l, "c"), "é");
	assert_null(kv_get(&l, "missing"));
	kvlist m = { 0 };
	assert_int_equal(parse_urlencoded(A, "a=%zz", 5, &m, 10, 100), PARSE_BAD_ENCODING);
	kvlist n = { 0 };
	assert_int_equal(parse_urlencoded(A, "a=1&b=2&c=3", 11, &n, 2, 100), PARSE_TOO_MANY);
	kvlist o = { 0 };
	assert_int_equal(parse_urlencoded(A, "a=123456", 8, &o, 2, 3), PARSE_TOO_LONG);
	/* a textarea's CR LF line breaks arrive as LF; a lone CR stays */
	kvlist p = { 0 };
	const char *lines = "t=one%0D%0Atwo%0D%0A%0D%0Athree%0Dfour";
	assert_int_equal(parse_urlencoded(A, lines, strlen(lines), &p, 10, 100), PARSE_OK);
	assert_string_equal(kv_get(&p, "t"), "one\ntwo\n\nthree\rfour");
	/* the limit is on the text as kept: 3 lines of 1 character with CR LF are 5 characters */
	kvlist q = { 0 };
	const char *three = "t=a%0D%0Ab%0D%0Ac";
	assert_int_equal(parse_urlencoded(A, three, strlen(three), &q, 10, 5), PARSE_OK);
}

static void cookies(void **s)
{
	(void)s;
	kvlist l = { 0 };
	parse_cookies(A, "a=1; b = two ;junk; =nokey; c=", &l);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_string_equal(kv_get(&l, "b"), "two");
	assert_string_equal(kv_get(&l, "c"), "");
	assert_null(kv_get(&l, "junk"));
}

static void helpers(void **s)
{
	(void)s;
	assert_string_equal(str_trim(A, "  x y \n"), "x y");
	assert_true(str_is_digits("123"));
	assert_false(str_is_digits("12a"));
	assert_false(str_is_digits(""));
	assert_string_equal(url_encode(A, "a b/é"), "a%20b%2F%C3%A9");
}

static void arena_grows_and_resets(void **s)
{
	(void)s;
	arena *a = arena_new();
	char *big = arena_alloc(a, 1 << 20); /* larger than a chunk */
	memset(big, 'x', 1 << 20);
	for (int i = 0; i < 10000; i++)
		assert_non_null(arena_printf(a, "item %d", i));
	assert_true(arena_used(a) > (1 << 20));
	arena_reset(a);
	assert_int_equal(arena_used(a), 0);
	char *p = arena_strdup(a, "after reset");
	assert_string_equal(p, "after reset");
	assert_int_equal((uintptr_t)p % 16, 0);
	arena_free(a);
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
		cmocka_unit_test(decode_valid),
		cmocka_unit_test(decode_malformed),
		cmocka_unit_test(utf8),
		cmocka_unit_test(form_parsing),
		cmocka_unit_test(cookies),
		cmocka_unit_test(helpers),
		cmocka_unit_test(arena_grows_and_resets),
	};
	return cmocka_run_group_tests_name("text", tests, setup, teardown);
}
