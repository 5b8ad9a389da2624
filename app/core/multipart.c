/* multipart.c: multipart/form-data bodies through GMime (see multipart.h) */
#include "multipart.h"
#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

void multipart_init(void)
{
	g_mime_init();
}

void multipart_shutdown(void)
{
	g_mime_shutdown();
}

const char *sniff_type(const unsigned char *h, size_t n)
{
	if (n >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && h[0] == 0xff && h[1] == 0xd8 && h[2] == 0xff)
		return "image/jpeg";
	if (n >= 6 && (memcmp(h, "GIF87a", 6) == 0 || memcmp(h, "GIF89a", 6) == 0))
		return "image/gif";
	if (n >= 12 && memcmp(h, "RIFF", 4) == 0 && memcmp(h + 8, "WEBP", 4) == 0)
		return "image/webp";
	if (n >= 5 && memcmp(h, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 2 && h[0] == 'M' && h[1] == 'Z')
		return "application/x-msdownload";
	if (n >= 4 && memcmp(h, "\x7f" "ELF", 4) == 0)
		return "application/x-executable";
	return NULL;
}

/* The name without any folder, control characters or invalid UTF-8, cut to 255 bytes. */
const char *upload_filename(arena *a, const char *raw)
{
	const char *base = raw;
	for (const char *p = raw; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	size_t n = strlen(base);
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)base[i] >= 0x20 && base[i] != 0x7f)
			out[o++] = base[i];
	out[o] = '\0';
	if (!utf8_valid(out, o))
		return "file";
	o = utf8_cut(out, o, 255);
	out[o] = '\0';
	if (o == 0 || strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
		return "file";
	return out;
}

/* size, SHA-256 and sniffed type of the file just written */
static bool digest_file(arena *a, upload *u)
{
	int fd = open(u->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	unsigned char buf[65536], head[16];
	size_t nhead = 0;
	long long size = 0;
	ssize_t got;
	while ((got = read(fd, buf, sizeof buf)) > 0) {
		if (nhead < sizeof head) {
			size_t take = (size_t)got < sizeof head - nhead ? (size_t)got : sizeof head - nhead;
			memcpy(head + nhead, buf, take);
			nhead += take;
		}
		crypto_hash_sha256_update(&st, buf, (unsigned long long)got);
		size += got;
	}
	close(fd);
	if (got < 0)
		return false;
	unsigned char sum[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&st, sum);
	sodium_bin2hex(u->sha256, sizeof u->sha256, sum, sizeof sum);
	u->size = size;
	const char *t = sniff_type(head, nhead);
	u->sniffed = t ? arena_strdup(a, t) : NULL;
	return true;
}

static parse_result add_file(arena *a, GMimeObject *part, const char *field, const char *filename,
			     const char *tmpdir, uploads *out)
{
	GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(part));
	/* a file input left empty sends a part with an empty name and no bytes */
	if (!*filename && !w)
		return PARSE_OK;
	if (out->n >= MAX_UPLOADS)
		return PARSE_TOO_MANY;
	char *path = arena_printf(a, "%s/up-XXXXXX", tmpdir);
	int fd = mkstemp(path);
	if (fd < 0)
		return PARSE_TOO_LONG; /* nowhere to put it */
	GMimeStream *fs = g_mime_stream_fs_new(fd); /* owns fd */
	ssize_t wrote = w ? g_mime_data_wrapper_write_to_stream(w, fs) : 0;
	bool ok = wrote >= 0 && g_mime_stream_flush(fs) == 0;
	g_object_unref(fs);
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 4;
		upload *items = arena_calloc(a, cap * sizeof *items);
		if (out->n)
			memcpy(items, out->items, out->n * sizeof *items);
		out->items = items;
		out->cap = cap;
	}
	upload *u = &out->items[out->n++];
	memset(u, 0, sizeof *u);
	u->path = path; /* recorded first: the caller removes it whatever happens next */
	u->field = field;
	u->filename = upload_filename(a, filename);
	GMimeContentType *ct = g_mime_object_get_content_type(part);
	char *mt = ct ? g_mime_content_type_get_mime_type(ct) : NULL;
	u->declared = mt && utf8_valid(mt, strlen(mt)) && strlen(mt) < 128 ? arena_strdup(a, mt) : "";
	g_free(mt);
	if (!ok || !digest_file(a, u))
		return PARSE_TOO_LONG;
	if (u->size == 0 && !*filename) { /* the empty file input again, with a content type */
		unlink(u->path);
		out->n--;
	}
	return PARSE_OK;
}

static parse_result text_field(arena *a, GMimeObject *part, const char *name, kvlist *form, size_t max_fields,
			       size_t max_value)
{
	if (form->n >= max_fields)
		return PARSE_TOO_MANY;
	GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(part));
	GMimeStream *ms = g_mime_stream_mem_new();
	ssize_t wrote = w ? g_mime_data_wrapper_write_to_stream(w, ms) : 0;
	GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(ms));
	parse_result rc = PARSE_OK;
	char *v = NULL;
	if (wrote < 0)
		rc = PARSE_BAD_ENCODING;
	else if (bytes->len > 2 * max_value) /* longer than the limit even if every line break is CR LF */
		rc = PARSE_TOO_LONG;
	else if (!utf8_valid((const char *)bytes->data, bytes->len)) /* NULs included */
		rc = PARSE_BAD_ENCODING;
	else if (crlf_to_lf(v = arena_strndup(a, bytes->len ? (const char *)bytes->data : "", bytes->len)) > max_value)
		rc = PARSE_TOO_LONG; /* the limit is on the text as kept, as for url-encoded forms */
	else
		kv_add(a, form, name, v);
	g_object_unref(ms);
	return rc;
}

parse_result multipart_parse(arena *a, const char *content_type, const char *data, size_t len,
			     const char *body_path, const char *tmpdir, kvlist *form, uploads *out,
			     size_t max_fields, size_t max_value)
{
	if (!content_type || strncasecmp(content_type, "multipart/form-data", 19) != 0 ||
	    strpbrk(content_type, "\r\n") || strlen(content_type) > 1000)
		return PARSE_BAD_ENCODING;
	/* GMime reads a MIME part: the request's Content-Type as its header, then the body */
	const char *header = arena_printf(a, "Content-Type: %s\r\n\r\n", content_type);
	GMimeStream *body;
	if (data) {
		body = g_mime_stream_mem_new_with_buffer(data, len);
	} else {
		int fd = open(body_path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return PARSE_TOO_LONG;
		body = g_mime_stream_fs_new(fd);
	}
	GMimeStream *head = g_mime_stream_mem_new_with_buffer(header, strlen(header));
	GMimeStream *cat = g_mime_stream_cat_new();
	g_mime_stream_cat_add_source(GMIME_STREAM_CAT(cat), head);
	g_mime_stream_cat_add_source(GMIME_STREAM_CAT(cat), body);
	g_object_unref(head);
	g_object_unref(body);
	GMimeParser *parser = g_mime_parser_new_with_stream(cat);
	g_object_unref(cat);
	GMimeObject *root = g_mime_parser_construct_part(parser, NULL);
	g_object_unref(parser);
	parse_result rc = PARSE_OK;
	if (!root || !GMIME_IS_MULTIPART(root)) {
		rc = PARSE_BAD_ENCODING;
		goto out;
	}
	int count = g_mime_multipart_get_count(GMIME_MULTIPART(root));
	for (int i = 0; i < count && rc == PARSE_OK; i++) {
		GMimeObject *part = g_mime_multipart_get_part(GMIME_MULTIPART(root), i);
		const char *disp = g_mime_object_get_disposition(part);
		const char *name = g_mime_object_get_content_disposition_parameter(part, "name");
		const char *filename = g_mime_object_get_content_disposition_parameter(part, "filename");
		/* each part is one field: no nesting (RFC 7578 retired multipart/mixed in forms) */
		if (!GMIME_IS_PART(part) || !disp || strcasecmp(disp, "form-data") != 0 || !name || !*name ||
		    strlen(name) > 100 || !utf8_valid(name, strlen(name))) {
			rc = PARSE_BAD_ENCODING;
			break;
		}
		const char *field = arena_strdup(a, name);
		if (filename)
			rc = add_file(a, part, field, filename, tmpdir, out);
		else
			rc = text_field(a, part, field, form, max_fields, max_value);
	}
out:
	if (root)
		g_object_unref(root);
	return rc;
}
