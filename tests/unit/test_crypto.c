/* test_crypto.c: tokens, keyed hashes, password hashing and password rules */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/arena.h"
#include "core/auth.h"
#include "core/crypto.h"

static arena *A;

static void tokens(void **s)
{
	(void)s;
	char *t1 = token_new(A), *t2 = token_new(A);
	assert_int_equal(strlen(t1), 43);
	assert_string_not_equal(t1, t2);
	for (const char *p = t1; *p; p++)
		assert_true(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *p));
	char *h = token_hash(A, t1);
	assert_int_equal(strlen(h), 64);
	assert_string_equal(h, token_hash(A, t1));
	assert_string_not_equal(h, token_hash(A, t2));
}

static void keyed(void **s)
{
	(void)s;
	char *a = keyed_hash(A, "csrf", "session-1");
	assert_string_equal(a, keyed_hash(A, "csrf", "session-1"));
	assert_string_not_equal(a, keyed_hash(A, "csrf", "session-2"));
	assert_string_not_equal(a, keyed_hash(A, "ip", "session-1"));
	unsigned char other[32];
	memset(other, 7, sizeof other);
	crypto_init_with_secret(other, sizeof other);
	assert_string_not_equal(a, keyed_hash(A, "csrf", "session-1"));
	assert_true(secure_streq("abc", "abc"));
	assert_false(secure_streq("abc", "abd"));
	assert_false(secure_streq("abc", "abcd"));
}

static void passwords(void **s)
{
	(void)s;
	char *h = password_hash(A, "correct horse battery");
	assert_non_null(h);
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_true(password_verify(h, "correct horse battery"));
	assert_false(password_verify(h, "correct horse batterY"));
}

static void rules(void **s)
{
	(void)s;
	assert_non_null(password_problem("short"));
	assert_non_null(password_problem("পাঁচ")); /* 4 characters, more bytes */
	assert_null(password_problem("পাঁচটি অক্ষরের বেশি"));
	assert_null(password_problem("a sensible passphrase"));
	char longpw[200];
	memset(longpw, 'x', sizeof longpw - 1);
	longpw[sizeof longpw - 1] = '\0';
	assert_non_null(password_problem(longpw));
	longpw[64] = '\0';
	assert_null(password_problem(longpw)); /* 64 characters allowed */
	assert_non_null(password_problem("password"));
	assert_non_null(password_problem("PassWord"));   /* case-insensitive */
	assert_non_null(password_problem("12345678"));
	assert_true(email_plausible("a@b.co"));
	assert_false(email_plausible("a@b"));
	assert_false(email_plausible("a b@c.de"));
	assert_false(email_plausible("<a@b.de>"));
	assert_false(email_plausible("a@b.de\r\nBcc: x@y.z"));
}

static int setup(void **s)
{
	(void)s;
	A = arena_new();
	unsigned char secret[32] = "unit test secret, 32 bytes long";
	crypto_init_with_secret(secret, sizeof secret);
	return passwords_init(SOURCE_ROOT "/data/common-passwords.txt") ? 0 : -1;
}

static int teardown(void **s)
{
	(void)s;
	passwords_free();
	arena_free(A);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tokens),
		cmocka_unit_test(keyed),
		cmocka_unit_test(passwords),
		cmocka_unit_test(rules),
	};
	return cmocka_run_group_tests_name("crypto", tests, setup, teardown);
}
