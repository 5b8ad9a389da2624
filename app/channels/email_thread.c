/* email_thread.c: reply addresses, Message-IDs and subject tags (see email_thread.h) */
#include "email_thread.h"
#include "../core/crypto.h"
#include <sodium.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAC_BYTES 10 /* 80 bits, 20 hex digits: short enough for a 64-byte local part */

static const char *mac_of(arena *a, const char *purpose, int64_t id)
{
	char n[24];
	snprintf(n, sizeof n, "%" PRId64, id);
	return keyed_hash_hex(a, purpose, n, MAC_BYTES);
}

/* "<digits>.<20 hex>" at s (ending at end), with its MAC for purpose: the id, else 0 */
static int64_t id_mac(arena *a, const char *purpose, const char *s, const char *end)
{
	const char *dot = memchr(s, '.', (size_t)(end - s));
	if (!dot || dot == s || dot - s > 18 || end - dot - 1 != 2 * MAC_BYTES)
		return 0;
	for (const char *p = s; p < dot; p++)
		if (*p < '0' || *p > '9')
			return 0;
	int64_t id = strtoll(s, NULL, 10);
	if (id <= 0)
		return 0;
	char mac[2 * MAC_BYTES + 1];
	memcpy(mac, dot + 1, 2 * MAC_BYTES);
	mac[2 * MAC_BYTES] = '\0';
	for (char *p = mac; *p; p++)
		if (*p >= 'A' && *p <= 'F')
			*p = (char)(*p - 'A' + 'a');
	return secure_streq(mac, mac_of(a, purpose, id)) ? id : 0;
}

const char *mail_reply_address(arena *a, int64_t conv, const char *mailbox)
{
	const char *at = mailbox ? strchr(mailbox, '@') : NULL;
	if (!at || at == mailbox)
		return NULL;
	const char *plus = memchr(mailbox, '+', (size_t)(at - mailbox));
	int local = (int)((plus ? plus : at) - mailbox);
	return arena_printf(a, "%.*s+%" PRId64 ".%s%s", local, mailbox, conv, mac_of(a, "mail-reply", conv), at);
}

int64_t mail_reply_address_conv(arena *a, const char *address)
{
	const char *at = address ? strrchr(address, '@') : NULL;
	if (!at)
		return 0;
	const char *plus = memchr(address, '+', (size_t)(at - address));
	return plus ? id_mac(a, "mail-reply", plus + 1, at) : 0;
}

const char *mail_message_id(arena *a, int64_t message, const char *mailbox)
{
	const char *at = mailbox ? strchr(mailbox, '@') : NULL;
	const char *domain = at && at[1] ? at + 1 : "cxms.invalid";
	for (const char *p = domain; *p; p++) /* a Message-ID is ASCII without spaces (an IDN mailbox: none of it) */
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || *p == '<' || *p == '>' || *p == '@') {
			domain = "cxms.invalid";
			break;
		}
	return arena_printf(a, "cx.%" PRId64 ".%s@%s", message, mac_of(a, "mail-message-id", message), domain);
}

int64_t mail_message_id_message(arena *a, const char *id)
{
	if (!id || strncmp(id, "cx.", 3) != 0)
		return 0;
	const char *at = strchr(id, '@');
	return at ? id_mac(a, "mail-message-id", id + 3, at) : 0;
}

const char *mail_external_id(arena *a, const char *message_id)
{
	size_t n = strlen(message_id);
	if (n <= 255)
		return message_id;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)message_id, n);
	char hex[2 * sizeof h + 1];
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	return arena_printf(a, "mid-sha256:%s", hex);
}

int64_t mail_subject_tag(const char *subject)
{
	for (const char *p = subject; p && (p = strstr(p, "[#CX-")); p++) {
		const char *d = p + 5, *e = d;
		while (*e >= '0' && *e <= '9')
			e++;
		if (e > d && e - d <= 18 && *e == ']')
			return strtoll(d, NULL, 10);
	}
	return 0;
}

const char *mail_subject_tagged(arena *a, const char *subject, int64_t conv, bool reply)
{
	const char *s = subject && *subject ? subject : "";
	const char *re = reply && strncasecmp(s, "re:", 3) != 0 ? "Re: " : "";
	/* without any tag it had (another conversation's, or one it came with): ours at the end */
	char *clean = arena_strdup(a, s), *o = clean;
	for (const char *p = s; *p;) {
		const char *d = strncmp(p, "[#CX-", 5) == 0 ? p + 5 : NULL, *e = d;
		while (e && *e >= '0' && *e <= '9')
			e++;
		if (d && e > d && *e == ']') {
			p = e + 1;
			while (o > clean && o[-1] == ' ' && (*p == ' ' || !*p))
				o--;
			if (o == clean)
				while (*p == ' ')
					p++;
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	return arena_printf(a, "%s%s%s[#CX-%" PRId64 "]", re, clean, *clean ? " " : "", conv);
}
