/* multipart.h: multipart/form-data request bodies (RFC 7578), parsed by GMime: text fields into the
 * form, files into temporary files of their own */
#ifndef CXMS_MULTIPART_H
#define CXMS_MULTIPART_H
#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "text.h"

/* One file a form sent. */
typedef struct upload {
	const char *field;      /* the form field's name */
	const char *filename;   /* as sent, without any path, valid UTF-8, at most 255 bytes; "file" if none */
	const char *declared;   /* the type the browser named ("" when none) */
	const char *sniffed;    /* the type its first bytes show (image/png, ..., NULL when unknown) */
	const char *path;       /* the temporary file holding its bytes */
	long long size;
	char sha256[65];        /* hex */
} upload;

typedef struct uploads {
	upload *items;
	size_t n, cap;
} uploads;

#define MAX_UPLOADS 10

/* Calls once before threads start (GMime's type system). */
void multipart_init(void);
void multipart_shutdown(void);

/* Parses the body (len bytes at data, or when data is NULL the file at body_path) sent with the
 * Content-Type header value content_type. Text fields go to form (at most max_fields, each at most
 * max_value bytes, valid UTF-8); files to out, each written into a new file in tmpdir (the caller
 * removes out->items[i].path). PARSE_OK, PARSE_BAD_ENCODING (not a well-formed form), PARSE_TOO_MANY,
 * PARSE_TOO_LONG. */
parse_result multipart_parse(arena *a, const char *content_type, const char *data, size_t len,
			     const char *body_path, const char *tmpdir, kvlist *form, uploads *out,
			     size_t max_fields, size_t max_value);

/* the type the first bytes of a file show, for the few types that matter; NULL otherwise */
const char *sniff_type(const unsigned char *head, size_t n);
/* A file's name as sent, without any folder, control characters or invalid UTF-8, cut to 255 bytes;
 * "file" when nothing is left. */
const char *upload_filename(arena *a, const char *raw);

#endif
