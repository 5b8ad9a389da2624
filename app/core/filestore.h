/* filestore.h: files kept once per content, named by their SHA-256, under the files folder
 * (CXMS_FILES_DIR): <dir>/<aa>/<bb>/<sha256>, with <dir>/tmp for uploads on their way in. nginx serves
 * them from an internal location after the app has checked who may (X-Accel-Redirect). */
#ifndef CXMS_FILESTORE_H
#define CXMS_FILESTORE_H
#include <stdbool.h>
#include "arena.h"

/* Creates the folders; false when the folder cannot be used. */
bool filestore_init(const char *dir);
/* where uploads are written while a request reads them */
const char *filestore_tmpdir(void);
/* true for 64 lowercase hex digits */
bool filestore_hash_valid(const char *sha256);
/* the file of a content */
const char *filestore_path(arena *a, const char *sha256);
/* the internal URI nginx serves it from ("/_files/aa/bb/<sha256>") */
const char *filestore_uri(arena *a, const char *sha256);
/* Puts the temporary file's bytes in the store under sha256, unless that content is there already;
 * on disk for good (fsync of file and folder) before it returns. *created: this call stored it. */
bool filestore_put(arena *a, const char *tmp_path, const char *sha256, bool *created);
/* Removes a content's file (gone already is fine). */
bool filestore_remove(arena *a, const char *sha256);

#endif
