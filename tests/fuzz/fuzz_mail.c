/* fuzz_mail.c: mail_parse (channels/email_parse.c, GMime), what the worker runs on every received mail,
 * on any bytes. When it says "a mail", every field it gives is valid UTF-8 within its bounds: the
 * sender a lower-case address, at most MAIL_MAX_REFS ids and MAIL_MAX_RECIPIENTS recipients. The seed
 * corpus is tests/mail/ (real clients' shapes). */
#include "fuzz.h"
#include "channels/email_parse.h"
#include "core/multipart.h"
#include "core/text.h"
#include <stdbool.h>

static arena *A;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	A = arena_new();
	multipart_init();
	return 0;
}

static void check_text(const char *what, const char *s, size_t max)
{
	FUZZ_CHECK(s != NULL, "%s is NULL", what);
	size_t n = strlen(s);
	FUZZ_CHECK(utf8_valid(s, n), "%s is not valid UTF-8", what);
	FUZZ_CHECK(n <= max, "%s is %zu bytes", what, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* GMime reads the buffer as given: a copy of exactly its size, so ASan sees a read past it */
	char *copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	mail_in m;
	const char *why;
	if (mail_parse(A, copy, size, &m, &why)) {
		check_text("from", m.from_addr, 254);
		for (const char *p = m.from_addr; *p; p++)
			FUZZ_CHECK(!(*p >= 'A' && *p <= 'Z'), "the sender is not lower case: %s", m.from_addr);
		check_text("from name", m.from_name, 200);
		check_text("subject", m.subject, size * 4 + 16);
		check_text("text", m.text, size * 4 + 400016);
		if (m.message_id)
			check_text("message id", m.message_id, 998);
		FUZZ_CHECK(m.nrefs >= 0 && m.nrefs <= MAIL_MAX_REFS, "%d refs", m.nrefs);
		for (int i = 0; i < m.nrefs; i++)
			check_text("a ref", m.refs[i], 998);
		FUZZ_CHECK(m.nrecipients >= 0 && m.nrecipients <= MAIL_MAX_RECIPIENTS, "%d recipients", m.nrecipients);
		for (int i = 0; i < m.nrecipients; i++)
			check_text("a recipient", m.recipients[i], 254);
		FUZZ_CHECK(!m.bounce || m.automatic, "a bounce that is not automatic");
	} else
		FUZZ_CHECK(why && *why, "no reason given");
	free(copy);
	arena_reset(A);
	return 0;
}
