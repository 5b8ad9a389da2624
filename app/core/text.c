/* text.c: decoding and validating untrusted text */
#include "text.h"
#include <ctype.h>
#include <string.h>

void kv_add(arena *a, kvlist *l, const char *key, const char *val)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		kv *items = arena_alloc(a, cap * sizeof *items);
		if (l->n)
			memcpy(items, l->items, l->n * sizeof *items);
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n].key = key;
	l->items[l->n].val = val;
	l->n++;
}

const char *kv_get(const kvlist *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].val;
	return NULL;
}

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		unsigned cp;
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (i + len > n)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += len;
	}
	return true;
}

size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

size_t utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) /* s[n] continues a character: back before it */
		n--;
	return n;
}

size_t utf8_chars_len(const char *s, size_t max)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > max)
			break;
	return i;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *url_decode(arena *a, const char *s, size_t n, bool plus_is_space)
{
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return NULL;
			int hi = hexval((unsigned char)s[i + 1]);
			int lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			out[o++] = ' ';
		} else {
			out[o++] = c;
		}
	}
	out[o] = '\0';
	if (!utf8_valid(out, o))
		return NULL;
	return out;
}

size_t crlf_to_lf(char *s)
{
	size_t o = 0;
	for (size_t i = 0; s[i]; i++)
		if (!(s[i] == '\r' && s[i + 1] == '\n'))
			s[o++] = s[i];
	s[o] = '\0';
	return o;
}

parse_result parse_urlencoded(arena *a, const char *s, size_t n, kvlist *l,
			      size_t max_fields, size_t max_value)
{
	size_t i = 0, fields = 0;
	while (i < n) {
		size_t start = i;
		while (i < n && s[i] != '&')
			i++;
		size_t len = i - start;
		if (len > 0) {
			const char *pair = s + start;
			const char *eq = memchr(pair, '=', len);
			size_t klen = eq ? (size_t)(eq - pair) : len;
			size_t vlen = eq ? len - klen - 1 : 0;
			if (++fields > max_fields)
				return PARSE_TOO_MANY;
			/* an encoded value is at most 3x its decoded length */
			if (vlen > max_value * 3)
				return PARSE_TOO_LONG;
			char *k = url_decode(a, pair, klen, true);
			char *v = eq ? url_decode(a, eq + 1, vlen, true) : arena_strdup(a, "");
			if (!k || !v)
				return PARSE_BAD_ENCODING;
			if (crlf_to_lf(v) > max_value || strlen(k) > 256)
				return PARSE_TOO_LONG;
			kv_add(a, l, k, v);
		}
		i++;
	}
	return PARSE_OK;
}

void parse_cookies(arena *a, const char *h, kvlist *l)
{
	if (!h)
		return;
	while (*h) {
		while (*h == ' ' || *h == ';')
			h++;
		const char *start = h;
		while (*h && *h != ';')
			h++;
		const char *eq = memchr(start, '=', (size_t)(h - start));
		if (!eq || eq == start)
			continue;
		const char *kend = eq;
		while (kend > start && kend[-1] == ' ')
			kend--;
		const char *vstart = eq + 1;
		while (vstart < h && *vstart == ' ')
			vstart++;
		const char *vend = h;
		while (vend > vstart && vend[-1] == ' ')
			vend--;
		char *k = arena_strndup(a, start, (size_t)(kend - start));
		char *v = arena_strndup(a, vstart, (size_t)(vend - vstart));
		if (utf8_valid(k, strlen(k)) && utf8_valid(v, strlen(v)))
			kv_add(a, l, k, v);
	}
}

char *str_trim(arena *a, const char *s)
{
	if (!s)
		return arena_strdup(a, "");
	while (*s && isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

bool str_is_digits(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

char *url_encode(arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *out = arena_alloc(a, n * 3 + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
			out[o++] = (char)c;
		} else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = '\0';
	return out;
}

static int digits_at(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool datetime_local_valid(const char *s)
{
	size_t n = strlen(s);
	if ((n != 16 && n != 19) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    (n == 19 && s[16] != ':'))
		return false;
	int y = digits_at(s, 4), mo = digits_at(s + 5, 2), d = digits_at(s + 8, 2);
	int h = digits_at(s + 11, 2), mi = digits_at(s + 14, 2), sec = n == 19 ? digits_at(s + 17, 2) : 0;
	if (y < 2000 || y > 2999 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    sec < 0 || sec > 59)
		return false;
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[mo - 1] + (mo == 2 && leap);
}
