/* text.h: decoding and validating untrusted text (percent-encoding, UTF-8, key/value lists) */
#ifndef CXMS_TEXT_H
#define CXMS_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"

typedef struct kv {
	const char *key;
	const char *val;
} kv;

typedef struct kvlist {
	kv *items;
	size_t n, cap;
} kvlist;

void kv_add(arena *a, kvlist *l, const char *key, const char *val);
const char *kv_get(const kvlist *l, const char *key);

/* true when s[0..n) is well-formed UTF-8 (no overlongs, surrogates or NULs) */
bool utf8_valid(const char *s, size_t n);
/* number of code points in a valid UTF-8 string */
size_t utf8_length(const char *s);
/* The longest prefix of s[0..n) of at most max bytes that ends between characters: its length. */
size_t utf8_cut(const char *s, size_t n, size_t max);
/* The length in bytes of the first max characters of valid UTF-8 s (all of it when it is shorter). */
size_t utf8_chars_len(const char *s, size_t max);

/* Decodes percent-encoding ('+' as space when plus_is_space).
 * Returns NULL on malformed escapes, an encoded NUL, or invalid UTF-8. */
char *url_decode(arena *a, const char *s, size_t n, bool plus_is_space);

typedef enum { PARSE_OK = 0, PARSE_BAD_ENCODING, PARSE_TOO_MANY, PARSE_TOO_LONG } parse_result;

/* Turns every CR LF of s into LF, in place; returns the new length. Browsers send a textarea's line
 * breaks as CR LF (the form encodings say so): a field keeps them as LF, so a line break counts as one
 * character against a limit and text reads the same whichever way it came. */
size_t crlf_to_lf(char *s);
/* Parses application/x-www-form-urlencoded (also query strings) into l; values' CR LF become LF.
 * Limits: at most max_fields pairs, each value at most max_value bytes. */
parse_result parse_urlencoded(arena *a, const char *s, size_t n, kvlist *l,
			      size_t max_fields, size_t max_value);
/* Parses a Cookie header; malformed pairs are skipped (browsers send junk). */
void parse_cookies(arena *a, const char *header, kvlist *l);

/* Trims ASCII whitespace; returns an arena copy. */
char *str_trim(arena *a, const char *s);
bool str_is_digits(const char *s);
/* "YYYY-MM-DDTHH:MM" (or with ":SS"), as an <input type="datetime-local"> sends it, naming a real
 * day and time (years 2000 to 2999). */
bool datetime_local_valid(const char *s);
/* Percent-encodes for a URL query component. */
char *url_encode(arena *a, const char *s);

#endif
