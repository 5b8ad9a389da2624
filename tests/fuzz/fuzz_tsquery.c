/* fuzz_tsquery.c: search_tsquery (data/inbox.c), which turns the desk's search text into the tsquery
 * that inbox_list hands to to_tsquery('simple', $11). Only the " & " joins and ":*" suffixes it writes
 * itself may reach PostgreSQL as operators, so the output must read
 *     word & word & ... & word:*  (at most 8 words; "" when the text has none)
 * where a word is ASCII letters and digits and well-formed non-ASCII UTF-8 characters other than the
 * Unicode spaces below (bytes that are not well-formed UTF-8 separate words); and for a search text that
 * is valid UTF-8 (url_decode lets nothing else through):
 *   - the output is valid UTF-8, or PostgreSQL refuses the whole query (invalid byte sequence);
 *   - no word holds a character to_tsquery takes for a space between two words (syntax error in
 *     tsquery): with the database's LC_CTYPE C.UTF-8 (scripts/stack.sh) these are the code points
 *     above U+007F for which iswspace() is true, listed in pg_space below (checked one by one against
 *     PostgreSQL 15: "SELECT to_tsquery('simple', 'a' || chr(cp) || 'b:*')" fails for exactly these);
 *   - each word is a whole word of the text, in order: never cut short inside a word.
 * data/inbox.c also holds the SQL around it: build/fuzz links it with --gc-sections, which drops the
 * functions that need the database (see the Makefile). */
#include "fuzz.h"
#include "core/text.h"
#include "data/conversations_sql.h"
#include <stdbool.h>

static arena *A;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	A = arena_new();
	return 0;
}

static bool word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool ascii_alnum(unsigned char c)
{
	return c < 0x80 && word_byte(c);
}

static bool pg_space(unsigned cp)
{
	return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2006) || (cp >= 0x2008 && cp <= 0x200A) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x205F || cp == 0x3000;
}

/* the code point at s (valid UTF-8), its length in *len */
static unsigned decode(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80)
		return *len = 1, s[0];
	if (s[0] < 0xE0)
		return *len = 2, ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
	if (s[0] < 0xF0)
		return *len = 3, ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
	return *len = 4, ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
}

/* the next occurrence of w (n bytes) in s from *from that is not inside a longer ASCII word */
static const char *whole_word(const char *s, const char *from, const char *w, size_t n)
{
	for (const char *p = from; (p = memmem(p, strlen(p), w, n)); p++)
		if ((p == s || !ascii_alnum((unsigned char)p[-1])) && !ascii_alnum((unsigned char)p[n]))
			return p;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *q = fuzz_cstr(data, size);
	bool text_utf8 = utf8_valid(q, strlen(q));
	const char *out = search_tsquery(A, q);
	FUZZ_CHECK(out != NULL, "search_tsquery returned NULL");
	size_t n = strlen(out);

	bool has_word = false;
	for (const unsigned char *p = (const unsigned char *)q; *p && !has_word;) {
		size_t len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
		if (len > 1 && utf8_valid((const char *)p, len)) {
			size_t got;
			has_word = !pg_space(decode(p, &got));
			p += len;
		} else {
			has_word = len == 1 && ascii_alnum(*p);
			p++;
		}
	}
	FUZZ_CHECK(has_word == (n > 0), "search_tsquery gave \"%s\" for a text %s words", out,
		   has_word ? "with" : "without");
	if (text_utf8)
		FUZZ_CHECK(utf8_valid(out, n), "search_tsquery gave invalid UTF-8 for a valid UTF-8 text: \"%s\"", out);

	const char *from = q;
	int words = 0;
	for (size_t i = 0; i < n;) {
		size_t start = i;
		while (i < n && word_byte((unsigned char)out[i]))
			i++;
		FUZZ_CHECK(i > start, "search_tsquery output has a tsquery operator or separator at byte %zu: \"%s\"", i, out);
		/* the last word is a prefix (it may be half typed), the others whole words */
		bool last = i + 2 == n;
		if (last)
			FUZZ_CHECK(strncmp(out + i, ":*", 2) == 0, "the last word not followed by \":*\": \"%s\"", out);
		words++;
		if (text_utf8) {
			for (size_t k = start, len; k < i; k += len)
				FUZZ_CHECK(!pg_space(decode((const unsigned char *)out + k, &len)),
					   "word %d holds U+%04X, which to_tsquery reads as a space: \"%s\" is a syntax error "
					   "in tsquery", words, decode((const unsigned char *)out + k, &len), out);
			const char *at = whole_word(q, from, out + start, i - start);
			FUZZ_CHECK(at != NULL, "word %d \"%.*s\" is not a whole word of the search text (in order): \"%s\"",
				   words, (int)(i - start), out + start, out);
			from = at + (i - start);
		}
		if (last)
			i += 2;
		if (i < n) {
			FUZZ_CHECK(strncmp(out + i, " & ", 3) == 0, "words not joined by \" & \" at byte %zu: \"%s\"", i, out);
			i += 3;
			FUZZ_CHECK(i < n, "search_tsquery output ends with \" & \": \"%s\"", out);
		}
	}
	FUZZ_CHECK(words <= 8, "%d words, at most 8", words);

	free(q);
	arena_reset(A);
	return 0;
}
