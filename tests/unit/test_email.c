/* test_email.c: received mail as CXMS reads it (the corpus of client shapes under tests/mail/), the
 * text of HTML mail, and the marks that thread answers: reply addresses, Message-IDs, subject tags */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "channels/email_parse.h"
#include "channels/email_thread.h"
#include "core/arena.h"
#include "core/crypto.h"
#include "core/multipart.h"
#include "core/text.h"

static arena *A;

static char *slurp(const char *name, size_t *len)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/mail/%s", SOURCE_ROOT, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	char *data = arena_alloc(A, 1 << 20);
	*len = fread(data, 1, (1 << 20) - 1, f);
	data[*len] = '\0';
	fclose(f);
	return data;
}

static mail_in parse_file(const char *name)
{
	size_t len;
	char *data = slurp(name, &len);
	mail_in m;
	const char *why;
	if (!mail_parse(A, data, len, &m, &why))
		fail_msg("%s: %s", name, why);
	const char *strings[] = { m.from_addr, m.from_name, m.subject, m.text };
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		assert_true(utf8_valid(strings[i], strlen(strings[i])));
	return m;
}

static bool has(const char *haystack, const char *needle)
{
	return haystack && strstr(haystack, needle);
}

static void gmail(void **s)
{
	(void)s;
	mail_in m = parse_file("gmail-alternative.eml");
	assert_string_equal(m.from_addr, "karim.rahman@gmail.example");
	assert_string_equal(m.from_name, "Karim Rahman");
	assert_string_equal(m.message_id, "CAJ7z0Q=Xm2@mail.gmail.example");
	assert_string_equal(m.subject, "Re: Where is my parcel? [#CX-41]");
	assert_int_equal(m.nrefs, 1); /* In-Reply-To and References name the same one: once */
	assert_string_equal(m.refs[0], "cx.41.0123456789abcdef0123@nodi.example");
	/* the plain part, not the HTML one; recipients include the delivery header, lower case */
	const char *start = "Thanks \xe2\x80\x94 it arrived this morning!\n\nOn Mon";
	assert_true(strncmp(m.text, start, strlen(start)) == 0);
	assert_non_null(m.html);
	assert_int_equal(m.nrecipients, 2);
	assert_string_equal(m.recipients[0], "support+41.0123456789abcdef0123@nodi.example");
	assert_string_equal(m.recipients[1], "support@nodi.example");
	assert_null(m.automatic);
	assert_int_equal(m.attachments, 0);
}

static void outlook(void **s)
{
	(void)s;
	mail_in m = parse_file("outlook-related.eml");
	assert_string_equal(m.subject, "Invoice 1042 \xe2\x80\x93 charged twice"); /* windows-1252 en dash */
	/* no text part: the HTML's words; the conditional comment, the style and the image are not words */
	assert_string_equal(m.text, "Dear team,\n\nThe invoice for order 1042 shows \xe2\x82\xac 49,90 twice.\n\n"
				    "Kind regards,\nEmma Lind");
	assert_int_equal(m.attachments, 1); /* the inline image */
	assert_int_equal(m.nfiles, 1);
	assert_string_equal(m.files[0].filename, "image001.png");
	assert_true(m.files[0].len > 8 && memcmp(m.files[0].data, "\x89PNG", 4) == 0);
}

static void apple(void **s)
{
	(void)s;
	mail_in m = parse_file("apple-mail-attachment.eml");
	assert_string_equal(m.subject, "Commande n\xc2\xb0 2210 \xe2\x80\x94 facture");
	assert_true(has(m.text, "changer l\xe2\x80\x99" "adresse ?"));
	assert_true(has(m.text, "Merci, Lucas"));
	assert_int_equal(m.attachments, 1);
	assert_null(m.html);
	/* the file, decoded, with its RFC 2231 name */
	assert_int_equal(m.nfiles, 1);
	assert_string_equal(m.files[0].filename, "facture n\xc2\xb0 2210.pdf");
	assert_string_equal(m.files[0].declared, "application/pdf");
	assert_true(m.files[0].len > 20 && memcmp(m.files[0].data, "%PDF-1.4", 8) == 0);
}

static void newsletter(void **s)
{
	(void)s;
	mail_in m = parse_file("newsletter-bulk.eml");
	assert_string_equal(m.automatic, "Precedence: bulk");
	assert_false(has(m.text, "tracked"));  /* the script's text */
	assert_false(has(m.text, "open.gif")); /* the style's */
	assert_true(has(m.text, "This week 20% off"));
	assert_true(has(m.text, "Shop now!"));
}

static void broken_charset(void **s)
{
	(void)s;
	mail_in m = parse_file("broken-charset-8bit-header.eml");
	/* an unknown charset and 8-bit headers: readable (GMime's fallback to Latin-1), never invalid */
	assert_string_equal(m.from_addr, "joerg@example.de");
	assert_string_equal(m.subject, "Gr\xc3\xbc\xc3\x9f" "e und eine Frage");
	assert_true(has(m.text, "Bestellung 77"));
}

static void automatic(void **s)
{
	(void)s;
	mail_in m = parse_file("out-of-office.eml");
	assert_string_equal(m.automatic, "Auto-Submitted: auto-replied");
	m = parse_file("bounce-dsn.eml");
	assert_true(m.bounce);
	assert_int_equal(m.nfiles, 0); /* a report's parts are not files */
	assert_string_equal(m.automatic, "delivery status notification");
	assert_true(has(m.text, "could not be delivered"));
	assert_string_equal(m.bounced_id, "cx.55.aabbccddeeff00112233@nodi.example");
	assert_string_equal(m.bounce_reason, "5.1.1: smtp; 550 5.1.1 User unknown");
	m = parse_file("bounce-returned-message.eml"); /* the whole mail returned (message/rfc822) */
	assert_true(m.bounce);
	assert_string_equal(m.bounced_id, "cx.77.99887766554433221100@nodi.example");
	assert_string_equal(m.bounce_reason, "5.1.1: smtp; 550-5.1.1 The email account that you tried to reach does not exist.");
	m = parse_file("gmail-alternative.eml");
	assert_false(m.bounce);
	assert_null(m.bounced_id);
}

static void bengali(void **s)
{
	(void)s;
	mail_in m = parse_file("bengali-base64.eml");
	assert_string_equal(m.from_name, "\xe0\xa6\xb0\xe0\xa6\xb9\xe0\xa6\xbf\xe0\xa6\xae \xe0\xa6\x89\xe0\xa6\xa6"
					 "\xe0\xa7\x8d\xe0\xa6\xa6\xe0\xa6\xbf\xe0\xa6\xa8");
	assert_true(has(m.subject, "\xe0\xa6\xa1\xe0\xa7\x87\xe0\xa6\xb2\xe0\xa6\xbf")); /* ডেলি */
	assert_true(has(m.text, "\xe0\xa7\xa7\xe0\xa7\xa6\xe0\xa7\xaa\xe0\xa7\xa8")); /* ১০৪২ */
}

static void not_mail(void **s)
{
	(void)s;
	mail_in m;
	const char *why;
	assert_false(mail_parse(A, "", 0, &m, &why));
	assert_non_null(why);
	const char *no_from = "Subject: hi\nTo: a@b.example\n\nbody\n";
	assert_false(mail_parse(A, no_from, strlen(no_from), &m, &why));
	assert_true(has(why, "sender"));
	/* a sender only in Sender: is enough */
	const char *sender = "Sender: list@b.example\nSubject: hi\n\nbody\n";
	assert_true(mail_parse(A, sender, strlen(sender), &m, &why));
	assert_string_equal(m.from_addr, "list@b.example");
}

static void html_text(void **s)
{
	(void)s;
	const char *h = "<p>a  b</p><ul><li>one<li>two</ul><table><tr><td>x<td>y</table>"
			"<script>no</script><div>c<br>d</div>";
	assert_string_equal(html_to_text(A, h, strlen(h), 1000), "a b\n\none\ntwo\n\nx y\n\nc\nd");
	/* cut at max bytes, never inside a character */
	const char *bn = "<p>\xe0\xa6\x95\xe0\xa6\x96\xe0\xa6\x97</p>";
	assert_string_equal(html_to_text(A, bn, strlen(bn), 4), "\xe0\xa6\x95");
	/* deep nesting is walked without recursion (gumbo itself is slow past this: see the budget below) */
	size_t depth = 5000, n = 0;
	char *deep = arena_alloc(A, depth * 5 + 16);
	for (size_t i = 0; i < depth; i++, n += 5)
		memcpy(deep + n, "<div>", 5);
	memcpy(deep + n, "deep", 5);
	assert_string_equal(html_to_text(A, deep, strlen(deep), 1000), "deep");
}

/* HTML past the budget (a size, a count of tags) is not parsed: its text says so, at once */
static void html_budget(void **s)
{
	(void)s;
	const char *head = "From: a@b.example\nContent-Type: text/html\n\n";
	size_t tags = 30000, n = strlen(head);
	char *mail = arena_alloc(A, n + tags * 5 + 16);
	memcpy(mail, head, n);
	for (size_t i = 0; i < tags; i++, n += 5)
		memcpy(mail + n, "<div>", 5);
	memcpy(mail + n, "deep\n", 6);
	mail_in m;
	const char *why;
	assert_true(mail_parse(A, mail, strlen(mail), &m, &why));
	assert_string_equal(m.text, MAIL_HTML_TOO_LARGE);
	/* within it: the words */
	const char *small = "From: a@b.example\nContent-Type: text/html\n\n<div><div>words</div></div>\n";
	assert_true(mail_parse(A, small, strlen(small), &m, &why));
	assert_string_equal(m.text, "words");
	/* a sender must be an address: local@domain */
	const char *bare = "From: ab\nSubject: x\n\nbody\n";
	assert_false(mail_parse(A, bare, strlen(bare), &m, &why));
}

static void reply_addresses(void **s)
{
	(void)s;
	const char *addr = mail_reply_address(A, 42, "Support@nodi.example");
	assert_true(strncmp(addr, "Support+42.", 11) == 0 && has(addr, "@nodi.example"));
	assert_int_equal(mail_reply_address_conv(A, addr), 42);
	/* a mail server that lower-cases the address keeps it working */
	char *low = arena_strdup(A, addr);
	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	assert_int_equal(mail_reply_address_conv(A, low), 42);
	/* another conversation's number with this MAC, a changed MAC, or none: no conversation */
	char *other = arena_strdup(A, addr);
	other[8] = '3';
	assert_int_equal(mail_reply_address_conv(A, other), 0);
	char *bad = arena_strdup(A, addr);
	char *at = strchr(bad, '@');
	at[-1] = at[-1] == '0' ? '1' : '0';
	assert_int_equal(mail_reply_address_conv(A, bad), 0);
	assert_int_equal(mail_reply_address_conv(A, "support@nodi.example"), 0);
	assert_int_equal(mail_reply_address_conv(A, "support+42@nodi.example"), 0);
	assert_null(mail_reply_address(A, 42, "no-at-sign"));
	/* a mailbox with its own +tag answers on its base address */
	assert_true(strncmp(mail_reply_address(A, 7, "help+desk@x.example"), "help+7.", 7) == 0);

	const char *id = mail_message_id(A, 99, "support@nodi.example");
	assert_true(strncmp(id, "cx.99.", 6) == 0 && has(id, "@nodi.example"));
	assert_int_equal(mail_message_id_message(A, id), 99);
	assert_int_equal(mail_message_id_message(A, "cx.99.00000000000000000000@nodi.example"), 0);
	assert_int_equal(mail_message_id_message(A, "CAJ7z0Q=Xm2@mail.gmail.example"), 0);
	assert_true(has(mail_message_id(A, 5, NULL), "@cxms.invalid"));
}

static void subject_tags(void **s)
{
	(void)s;
	assert_int_equal(mail_subject_tag("Re: Where is it? [#CX-41]"), 41);
	assert_int_equal(mail_subject_tag("[#CX-] [#CX-x] [#CX-7]"), 7);
	assert_int_equal(mail_subject_tag("#CX-41"), 0);
	assert_int_equal(mail_subject_tag(""), 0);
	assert_string_equal(mail_subject_tagged(A, "Where is it?", 41, true), "Re: Where is it? [#CX-41]");
	assert_string_equal(mail_subject_tagged(A, "Re: Where is it? [#CX-41]", 41, true), "Re: Where is it? [#CX-41]");
	assert_string_equal(mail_subject_tagged(A, "New", 8, false), "New [#CX-8]");
	assert_string_equal(mail_subject_tagged(A, "", 8, false), "[#CX-8]");
	/* another tag goes (it would thread the answer elsewhere), ours stays once */
	assert_string_equal(mail_subject_tagged(A, "Re: Where? [#CX-41]", 6, true), "Re: Where? [#CX-6]");
	assert_string_equal(mail_subject_tagged(A, "[#CX-6] Where? [#CX-6]", 6, false), "Where? [#CX-6]");
}

static int setup(void **s)
{
	(void)s;
	if (sodium_init() < 0)
		return -1;
	unsigned char secret[32] = { 7, 7, 7 };
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
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gmail),        cmocka_unit_test(outlook),    cmocka_unit_test(apple),
		cmocka_unit_test(newsletter),   cmocka_unit_test(broken_charset), cmocka_unit_test(automatic),
		cmocka_unit_test(bengali),      cmocka_unit_test(not_mail),   cmocka_unit_test(html_text), cmocka_unit_test(html_budget),
		cmocka_unit_test(reply_addresses), cmocka_unit_test(subject_tags),
	};
	return cmocka_run_group_tests_name("email", tests, setup, teardown);
}
