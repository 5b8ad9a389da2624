/* fuzz.h: what the libFuzzer targets share (tests/fuzz/README.md) */
#ifndef CXMS_FUZZ_H
#define CXMS_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#ifdef __cplusplus
}
#endif

/* A property of the code under test that does not hold: print it and abort, so libFuzzer keeps the
 * input as a crash (tests/fuzz/crashes/). */
#define FUZZ_CHECK(cond, ...)                                                                  \
	do {                                                                                   \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "\nFUZZ CHECK FAILED %s:%d: %s\n  ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                          \
			fputc('\n', stderr);                                                   \
			abort();                                                               \
		}                                                                              \
	} while (0)

/* The input as a C string, cut at its first NUL (as a FastCGI parameter or a file read as text would
 * be); malloc'd to its exact size so ASan sees a read past its end. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	const uint8_t *nul = (const uint8_t *)memchr(data, 0, size);
	size_t n = nul ? (size_t)(nul - data) : size;
	char *s = (char *)malloc(n + 1);
	if (!s)
		abort();
	if (n)
		memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

#endif
