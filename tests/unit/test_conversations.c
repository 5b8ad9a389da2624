/* test_conversations.c: the conversation model's pieces without a database: live channel ids, the kinds
 * of channel and where replies go, message checks and ids, datetime-local input, search words, phone
 * keys, file sniffing and multipart/form-data parsing */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "channels/kinds.h"
#include "conv/compose.h"
#include "conv/notify.h"
#include "conv/outbound.h"
#include "core/arena.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/live.h"
#include "core/multipart.h"
#include "data/consent.h"
#include "data/conversations_sql.h"

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

static void staff_channels(void **s)
{
	(void)s;
	const char *inbox = inbox_live_channel(A);
	assert_true(live_channel_valid(inbox));
	assert_string_equal(inbox, inbox_live_channel(A)); /* stable */
	assert_null(strstr(inbox, "00000000"));             /* all of it from the secret */
	const char *one = staff_live_channel(A, 1), *two = staff_live_channel(A, 2);
	assert_true(live_channel_valid(one) && live_channel_valid(two));
	assert_string_equal(one, staff_live_channel(A, 1));
	assert_string_not_equal(one, two);
	assert_string_not_equal(one, inbox);
}

static void kinds_and_limits(void **s)
{
	(void)s;
	const channel_kind *web = channel_kind_get("web"), *email = channel_kind_get("email");
	assert_non_null(web);
	assert_true(web->live && !email->live);
	assert_int_equal(web->reply, REPLY_LIVE);
	assert_int_equal(email->reply, REPLY_MAIL);
	assert_int_equal(channel_kind_get("sms")->max_text, 1600);
	assert_int_equal(channel_kind_get("phone")->reply, REPLY_NOTES_ONLY);
	assert_int_equal(channel_kind_get("phone")->max_upload, 0);
	assert_null(channel_kind_get("fax"));
	assert_null(channel_kind_get(NULL));
	for (int i = 0; channel_kinds[i].code; i++) {
		assert_true(channel_kinds[i].max_text <= MESSAGE_MAX_CHARS);
		assert_non_null(channel_kinds[i].secret_fields);
	}
}

static void reply_ways(void **s)
{
	(void)s;
	conversation c = { .kind = "web", .email = "" };
	reply_way w = conv_reply_way(&c);
	assert_null(w.blocked);
	assert_int_equal(w.route, REPLY_LIVE);
	assert_true(w.max_upload > 0);
	/* a web chat left while nobody was there goes on by email, where no file can go yet */
	c.offline = true;
	c.email = "a@example.test";
	w = conv_reply_way(&c);
	assert_int_equal(w.route, REPLY_MAIL);
	assert_null(w.blocked);
	assert_int_equal(w.max_upload, 0);
	c.email = "";
	assert_non_null(conv_reply_way(&c).blocked);
	conversation e = { .kind = "email", .email = "b@example.test" };
	assert_null(conv_reply_way(&e).blocked);
	/* no connector: the composer says so */
	conversation sms = { .kind = "sms", .email = "c@example.test" };
	w = conv_reply_way(&sms);
	assert_int_equal(w.route, REPLY_NONE);
	assert_non_null(w.blocked);
	conversation call = { .kind = "phone", .email = "" };
	assert_int_equal(conv_reply_way(&call).route, REPLY_NOTES_ONLY);
	assert_non_null(conv_reply_way(&call).blocked);
	conversation odd = { .kind = "pigeon", .email = "" };
	assert_non_null(conv_reply_way(&odd).blocked);
}

static void message_checks(void **s)
{
	(void)s;
	req r = { .a = A, .lang = "en" };
	int st;
	assert_non_null(body_problem(&r, "", 10, &st));
	assert_int_equal(st, 400);
	assert_null(body_problem(&r, "hello", 10, &st));
	assert_non_null(body_problem(&r, "bad \xc3\x28 utf8", 100, &st));
	assert_int_equal(st, 400);
	const char *p = body_problem(&r, "elevenchars", 10, &st);
	assert_int_equal(st, 413);
	assert_non_null(strstr(p, "10"));
	/* 10 Bengali letters (3 bytes each) are 10 characters */
	char bn[31];
	for (int i = 0; i < 10; i++)
		memcpy(bn + 3 * i, "\xe0\xa6\x95", 3);
	bn[30] = '\0';
	assert_null(body_problem(&r, bn, 10, &st));
}

static void client_ids_and_message_keys(void **s)
{
	(void)s;
	assert_true(client_id_valid("abcdefgh"));
	assert_true(client_id_valid("0f3a9c2e-77_AB"));
	assert_false(client_id_valid("short"));
	assert_false(client_id_valid("with space in it"));
	assert_false(client_id_valid("quote'quote'quote"));
	char long_id[70];
	memset(long_id, 'a', 65);
	long_id[65] = '\0';
	assert_false(client_id_valid(long_id));
	req r = { .a = A };
	const char *k1 = message_key(&r, "web", "abcdefgh", "hello");
	assert_string_equal(k1, message_key(&r, "web", "abcdefgh", "hello")); /* a retry: the same key */
	assert_string_not_equal(k1, message_key(&r, "web", "abcdefgh", "hello!")); /* another text */
	assert_string_not_equal(k1, message_key(&r, "desk", "abcdefgh", "hello"));
	upload u = { .path = "/nonexistent" };
	memcpy(u.sha256, "1111111111111111111111111111111111111111111111111111111111111111", 65);
	r.files.items = &u;
	r.files.n = 1;
	assert_string_not_equal(k1, message_key(&r, "web", "abcdefgh", "hello")); /* the same text, a file */
	assert_true(strlen(k1) <= 255);
}

static void datetime_local(void **s)
{
	(void)s;
	assert_true(datetime_local_valid("2026-12-24T09:30"));
	assert_true(datetime_local_valid("2028-02-29T23:59:59"));
	assert_false(datetime_local_valid("2027-02-29T10:00"));
	assert_false(datetime_local_valid("2026-04-31T10:00"));
	assert_false(datetime_local_valid("2026-12-24 09:30"));
	assert_false(datetime_local_valid("2026-12-24T24:00"));
	assert_false(datetime_local_valid("2026-13-01T10:00"));
	assert_false(datetime_local_valid("1999-12-31T10:00"));
	assert_false(datetime_local_valid("2026-12-24T09:3x"));
	assert_false(datetime_local_valid(""));
	assert_false(datetime_local_valid("tomorrow"));
}

static void search_words(void **s)
{
	(void)s;
	assert_string_equal(search_tsquery(A, "late deliv"), "late & deliv:*");
	assert_string_equal(search_tsquery(A, "  order #1042!  "), "order & 1042:*");
	/* tsquery's own operators are never passed on */
	assert_string_equal(search_tsquery(A, "a & b | !c <-> (d):*"), "a & b & c & d:*");
	assert_string_equal(search_tsquery(A, "'; DROP TABLE x; --"), "DROP & TABLE & x:*");
	assert_string_equal(search_tsquery(A, "&&&"), "");
	/* any script: Bengali words are kept whole */
	assert_string_equal(search_tsquery(A, "ডেলিভারি দেরি"), "ডেলিভারি & দেরি:*");
	/* at most 8 words, each whole (the fuzzer found the 8th cut to its first byte) */
	assert_string_equal(search_tsquery(A, "a b c d e f g h i j"), "a & b & c & d & e & f & g & h:*");
	assert_string_equal(search_tsquery(A, "a b c d e f g delivery"), "a & b & c & d & e & f & g & delivery:*");
	assert_string_equal(search_tsquery(A, "a b c d e f g বাংলা"), "a & b & c & d & e & f & g & বাংলা:*");
	/* Unicode spaces separate words (inside one, PostgreSQL's tsquery parser fails) */
	assert_string_equal(search_tsquery(A, "配達\xe3\x80\x80遅延"), "配達 & 遅延:*");
	assert_string_equal(search_tsquery(A, "late\xe2\x80\x83parcel"), "late & parcel:*");
	/* what is not well-formed UTF-8 never reaches PostgreSQL */
	assert_string_equal(search_tsquery(A, "ab\xe0\xa6 cd\x80"), "ab & cd:*");
}

static void phone_keys(void **s)
{
	(void)s;
	const char *k = phone_index_of(A, "+880 1711-000000");
	assert_non_null(k);
	assert_string_equal(k, phone_index_of(A, "01711000000"));
	assert_string_equal(k, phone_index_of(A, "(0171) 1000 000"));
	assert_string_not_equal(k, phone_index_of(A, "01711000001"));
	assert_null(phone_index_of(A, "12345"));
	assert_null(phone_index_of(A, NULL));
	/* the key is not the number */
	assert_null(strstr(k, "1711000000"));
}

static void sniffing(void **s)
{
	(void)s;
	assert_string_equal(sniff_type((const unsigned char *)"\x89PNG\r\n\x1a\n....", 12), "image/png");
	assert_string_equal(sniff_type((const unsigned char *)"\xff\xd8\xff\xe0", 4), "image/jpeg");
	assert_string_equal(sniff_type((const unsigned char *)"GIF89a", 6), "image/gif");
	assert_string_equal(sniff_type((const unsigned char *)"RIFF\x10\0\0\0WEBPVP8 ", 16), "image/webp");
	assert_string_equal(sniff_type((const unsigned char *)"MZ\x90\0", 4), "application/x-msdownload");
	assert_string_equal(sniff_type((const unsigned char *)"\x7f" "ELF", 4), "application/x-executable");
	assert_null(sniff_type((const unsigned char *)"<svg xmlns=", 11));
	assert_null(sniff_type((const unsigned char *)"<html>", 6));
	assert_null(sniff_type((const unsigned char *)"", 0));
}

static char tmpdir[] = "/tmp/cxms-mpXXXXXX";

static parse_result parse(const char *ctype, const char *body, kvlist *form, uploads *files)
{
	memset(form, 0, sizeof *form);
	memset(files, 0, sizeof *files);
	return multipart_parse(A, ctype, body, strlen(body), NULL, tmpdir, form, files, 10, 100);
}

#define CT "multipart/form-data; boundary=XyZ"

static void multipart_forms(void **s)
{
	(void)s;
	kvlist form;
	uploads files;
	const char *body =
		"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nline one\r\nline two\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\Users\\\\x\\\\..\\\\pic.png\"\r\n"
		"Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\nDATA\r\n"
		"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
		"Content-Type: application/octet-stream\r\n\r\n\r\n"
		"--XyZ--\r\n";
	assert_int_equal(parse(CT, body, &form, &files), PARSE_OK);
	assert_string_equal(kv_get(&form, "csrf"), "tok");
	assert_string_equal(kv_get(&form, "body"), "line one\nline two"); /* a browser's CR LF is a line break */
	assert_int_equal(files.n, 1); /* the empty file input is no file */
	assert_string_equal(files.items[0].filename, "pic.png");
	assert_string_equal(files.items[0].field, "file");
	assert_string_equal(files.items[0].declared, "image/png");
	assert_string_equal(files.items[0].sniffed, "image/png");
	assert_int_equal(files.items[0].size, 12);
	assert_int_equal(strlen(files.items[0].sha256), 64);
	FILE *f = fopen(files.items[0].path, "rb");
	assert_non_null(f);
	char got[32] = "";
	assert_int_equal(fread(got, 1, sizeof got, f), 12);
	fclose(f);
	assert_memory_equal(got, "\x89PNG\r\n\x1a\nDATA", 12);
	unlink(files.items[0].path);

	/* RFC 2231: a name in UTF-8, percent-encoded */
	body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''n%C3%A4me%20%E0%A6%95.txt\r\n\r\n"
	       "hi\r\n--XyZ--\r\n";
	assert_int_equal(parse(CT, body, &form, &files), PARSE_OK);
	assert_int_equal(files.n, 1);
	assert_string_equal(files.items[0].filename, "näme ক.txt");
	assert_null(files.items[0].sniffed);
	unlink(files.items[0].path);

	/* what is not a form */
	assert_int_equal(parse("text/plain", "x", &form, &files), PARSE_BAD_ENCODING);
	assert_int_equal(parse("multipart/form-data; boundary=XyZ\r\nX-Evil: 1", "--XyZ--", &form, &files),
			 PARSE_BAD_ENCODING);
	assert_int_equal(parse(CT, "no parts at all", &form, &files), PARSE_OK); /* an empty form */
	assert_int_equal(form.n + files.n, 0);
	/* a part without a name, or nested parts, or another disposition */
	assert_int_equal(parse(CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--\r\n", &form, &files),
			 PARSE_BAD_ENCODING);
	assert_int_equal(parse(CT, "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--\r\n", &form,
			       &files), PARSE_BAD_ENCODING);
	assert_int_equal(parse(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
			       "Content-Type: multipart/mixed; boundary=In\r\n\r\n--In\r\n\r\nx\r\n--In--\r\n--XyZ--\r\n",
			       &form, &files), PARSE_BAD_ENCODING);
	/* broken UTF-8 in a field; a field over the limit; too many fields */
	assert_int_equal(parse(CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xc3\x28\r\n--XyZ--\r\n",
			       &form, &files), PARSE_BAD_ENCODING);
	char big[400];
	snprintf(big, sizeof big, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n%0150d\r\n--XyZ--\r\n", 7);
	assert_int_equal(parse(CT, big, &form, &files), PARSE_TOO_LONG);
	char many[2000] = "";
	for (int i = 0; i < 11; i++)
		snprintf(many + strlen(many), sizeof many - strlen(many),
			 "--XyZ\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", i);
	strcat(many, "--XyZ--\r\n");
	assert_int_equal(parse(CT, many, &form, &files), PARSE_TOO_MANY);
}

static int setup(void **s)
{
	(void)s;
	if (sodium_init() < 0 || !mkdtemp(tmpdir))
		return -1;
	unsigned char secret[32] = { 1, 2, 3 };
	crypto_init_with_secret(secret, sizeof secret);
	multipart_init();
	A = arena_new();
	return 0;
}

static int teardown(void **s)
{
	(void)s;
	arena_free(A);
	multipart_shutdown();
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.') {
			char p[512];
			snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
			unlink(p);
		}
	if (d)
		closedir(d);
	rmdir(tmpdir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(channel_ids),
		cmocka_unit_test(staff_channels),
		cmocka_unit_test(kinds_and_limits),
		cmocka_unit_test(reply_ways),
		cmocka_unit_test(message_checks),
		cmocka_unit_test(client_ids_and_message_keys),
		cmocka_unit_test(datetime_local),
		cmocka_unit_test(search_words),
		cmocka_unit_test(phone_keys),
		cmocka_unit_test(sniffing),
		cmocka_unit_test(multipart_forms),
	};
	return cmocka_run_group_tests_name("conversations", tests, setup, teardown);
}
