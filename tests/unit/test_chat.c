/* test_chat.c: live channel ids, the inbox channel, message checks, publishing without a publisher */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <sodium.h>
#include "core/arena.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/live.h"
#include "portal/chat.h"

static arena *A;

static void channel_ids(void **s)
{
	(void)s;
	char *a = live_channel_new(A), *b = live_channel_new(A);
	assert_int_equal(strlen(a), LIVE_CHANNEL_LEN);
	assert_true(live_channel_valid(a));
	assert_string_not_equal(a, b);
	assert_false(live_channel_valid(NULL));
	assert_false(live_channel_valid(""));
	assert_false(live_channel_valid("0123456789abcdef0123456789abcdeF"));
	assert_false(live_channel_valid("0123456789abcdef0123456789abcde"));
	assert_false(live_channel_valid("0123456789abcdef0123456789abcdef0"));
	assert_false(live_channel_valid("0123456789abcdef-123456789abcdef"));
}

static void inbox_channel(void **s)
{
	(void)s;
	const char *c = live_inbox_channel(A);
	assert_true(live_channel_valid(c));
	assert_string_equal(c, live_inbox_channel(A));   /* stable */
	/* all of it comes from the secret: not padded with a run of zeros */
	assert_null(strstr(c, "00000000"));
}

static void body_checks(void **s)
{
	(void)s;
	char big[3 * 2001 + 1];
	assert_non_null(chat_body_problem(""));
	assert_null(chat_body_problem("hello"));
	memset(big, 'x', 2000);
	big[2000] = '\0';
	assert_null(chat_body_problem(big));
	big[2000] = 'x';
	big[2001] = '\0';
	assert_non_null(chat_body_problem(big));
	/* 2000 Bengali letters (3 bytes each) are 2000 characters */
	for (int i = 0; i < 2000; i++)
		memcpy(big + 3 * i, "\xe0\xa6\x95", 3);
	big[6000] = '\0';
	assert_null(chat_body_problem(big));
	assert_non_null(chat_body_problem("bad \xc3\x28 utf8"));
}

static void publish_without_publisher(void **s)
{
	(void)s;
	cfg.nchan_pub = NULL;
	assert_true(live_publish(live_channel_new(A), "{}"));
	assert_true(live_close(live_channel_new(A)));
}

static int setup(void **s)
{
	(void)s;
	if (sodium_init() < 0)
		return -1;
	unsigned char secret[32] = { 1, 2, 3 };
	crypto_init_with_secret(secret, sizeof secret);
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
		cmocka_unit_test(channel_ids),
		cmocka_unit_test(inbox_channel),
		cmocka_unit_test(body_checks),
		cmocka_unit_test(publish_without_publisher),
	};
	return cmocka_run_group_tests_name("chat", tests, setup, teardown);
}
