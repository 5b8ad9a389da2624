/* test_consent.c: the ledger's canonical form and hash, CSV cells, date checks */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <sodium.h>
#include "core/arena.h"
#include "core/buf.h"
#include "data/consent.h"

static ledger_row sample(void)
{
	ledger_row r = { .id = 7, .at = "2026-11-23T12:00:00.123456Z", .subject_ref = "s_abc",
			 .purpose = "analytics", .purpose_version = 2, .granted = true,
			 .channel = "portal", .request_id = "00ff", .ip_hash = "iph",
			 .user_agent = "UA\nwith newline", .prev_hash = LEDGER_GENESIS };
	return r;
}

static void canonical_form(void **s)
{
	(void)s;
	ledger_row r = sample();
	buf b = { 0 };
	ledger_canonical(&b, &r);
	assert_string_equal(buf_cstr(&b),
		"cxms-consent-v1\n"
		"id=1:7\n"
		"at=27:2026-11-23T12:00:00.123456Z\n"
		"subject=5:s_abc\n"
		"purpose=9:analytics\n"
		"version=1:2\n"
		"granted=1:1\n"
		"channel=6:portal\n"
		"staff_id=-\n"
		"staff_reason=-\n"
		"request_id=4:00ff\n"
		"ip_hash=3:iph\n"
		"user_agent=15:UA\nwith newline\n"
		"prev_hash=64:" LEDGER_GENESIS "\n");
	buf_free(&b);
}

static void hash_is_blake2b_of_canonical(void **s)
{
	(void)s;
	ledger_row r = sample();
	buf b = { 0 };
	ledger_canonical(&b, &r);
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)b.data, b.len, NULL, 0);
	char hex[65];
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	char got[65];
	ledger_hash(got, &r);
	assert_string_equal(got, hex);
	buf_free(&b);
}

static void hash_changes_with_any_field(void **s)
{
	(void)s;
	ledger_row r = sample();
	char base[65], h[65];
	ledger_hash(base, &r);
	r.granted = false;
	ledger_hash(h, &r);
	assert_string_not_equal(base, h);
	r = sample();
	r.staff_id = 3;
	r.staff_reason = "";
	ledger_hash(h, &r);
	assert_string_not_equal(base, h);
	/* an empty value and an absent one differ */
	r = sample();
	r.ip_hash = NULL;
	ledger_hash(h, &r);
	char h2[65];
	r.ip_hash = "";
	ledger_hash(h2, &r);
	assert_string_not_equal(h, h2);
	/* moving bytes between fields changes the hash (length prefixes) */
	r = sample();
	r.subject_ref = "s_ab";
	r.purpose = "canalytics";
	ledger_hash(h, &r);
	assert_string_not_equal(base, h);
	r = sample();
	r.prev_hash = "1111111111111111111111111111111111111111111111111111111111111111";
	ledger_hash(h, &r);
	assert_string_not_equal(base, h);
}

static buf cellbuf;

static const char *cell(const char *in)
{
	buf_clear(&cellbuf);
	csv_cell(&cellbuf, in);
	return buf_cstr(&cellbuf);
}

static void csv_cells(void **s)
{
	(void)s;
	assert_string_equal(cell("plain"), "plain");
	assert_string_equal(cell(""), "");
	assert_string_equal(cell("a,b"), "\"a,b\"");
	assert_string_equal(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(cell("two\r\nlines"), "\"two\r\nlines\"");
	assert_string_equal(cell("=1+2"), "\"'=1+2\"");
	assert_string_equal(cell("+SUM(A1)"), "\"'+SUM(A1)\"");
	assert_string_equal(cell("-2"), "\"'-2\"");
	assert_string_equal(cell("@cmd"), "\"'@cmd\"");
	assert_string_equal(cell("\tx"), "\"'\tx\"");
	assert_string_equal(cell("=\"x\""), "\"'=\"\"x\"\"\"");
	assert_string_equal(cell("a=b"), "a=b");
	assert_string_equal(cell("বাংলা"), "বাংলা");
	buf_free(&cellbuf);
}

static void dates(void **s)
{
	(void)s;
	assert_true(iso_date_valid("2026-01-31"));
	assert_true(iso_date_valid("2024-02-29"));
	assert_false(iso_date_valid("2026-02-29"));
	assert_false(iso_date_valid("1900-02-29"));
	assert_true(iso_date_valid("2000-02-29"));
	assert_false(iso_date_valid("2026-13-01"));
	assert_false(iso_date_valid("2026-04-31"));
	assert_false(iso_date_valid("2026-1-01"));
	assert_false(iso_date_valid("2026-01-01x"));
	assert_false(iso_date_valid("x026-01-01"));
	assert_false(iso_date_valid(""));
	assert_false(iso_date_valid("0000-00-00"));
}

static void channels(void **s)
{
	(void)s;
	assert_true(consent_channel_valid("staff_phone"));
	assert_false(consent_channel_valid("fax"));
	assert_string_equal(consent_channel_name(CH_EMAIL_LINK), "email_link");
	assert_true(purpose_code_valid("analytics"));
	assert_false(purpose_code_valid("service")); /* not optional: no box, cannot be set */
	assert_false(purpose_code_valid("analytics "));
}

static void sealing(void **s)
{
	(void)s;
	arena *a = arena_new();
	unsigned char key[32], other[32];
	randombytes_buf(key, sizeof key);
	randombytes_buf(other, sizeof other);
	char *sealed = seal_text(a, key, "+880 1711 000000", "phone:7");
	assert_null(strstr(sealed, "1711"));
	assert_string_equal(open_text(a, key, sealed, "phone:7"), "+880 1711 000000");
	/* two seals of the same text differ (random nonce) */
	assert_string_not_equal(seal_text(a, key, "+880 1711 000000", "phone:7"), sealed);
	/* another key, another field or customer, or a flipped byte: refused */
	assert_null(open_text(a, other, sealed, "phone:7"));
	assert_null(open_text(a, key, sealed, "phone:8"));
	assert_null(open_text(a, key, sealed, "address:7"));
	char *bad = arena_strdup(a, sealed);
	bad[30] = bad[30] == 'A' ? 'B' : 'A';
	assert_null(open_text(a, key, bad, "phone:7"));
	assert_null(open_text(a, key, "not base64!", "phone:7"));
	assert_null(open_text(a, key, "", "phone:7"));
	assert_string_equal(open_text(a, key, seal_text(a, key, "", "x"), "x"), "");
	arena_free(a);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(canonical_form),
		cmocka_unit_test(hash_is_blake2b_of_canonical),
		cmocka_unit_test(hash_changes_with_any_field),
		cmocka_unit_test(csv_cells),
		cmocka_unit_test(dates),
		cmocka_unit_test(channels),
		cmocka_unit_test(sealing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
