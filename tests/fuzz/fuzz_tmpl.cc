/* fuzz_tmpl.cc: tmpl_translate (core/tmpl.cc), the step tmpl_init runs on every template text: "[[msgid]]"
 * markers translated (the real catalogs of locale/, loaded at start), then keep_line_breaks giving each
 * plain {{VARIABLE}} between tags the pre_escape modifier. For the input as a template body (after the
 * AUTOESCAPE line every template starts with; run.sh adds templates/ to the seeds), in "en" and "bn":
 *   - no crash, no sanitizer report;
 *   - the rewrite only adds ":pre_escape": without "[[" in the text, taking it out of the output gives
 *     the text back (no "{{" marker lost, added or moved);
 *   - the rewrite changes nothing but line breaks: when the translated text (the output without
 *     ":pre_escape") compiles with ctemplate, so does the output, and both expand to the same page when
 *     every variable holds a hostile value without line breaks. pre_escape is html_escape keeping \n,
 *     \r and \t, so the pages differ exactly where keep_line_breaks took for text between tags what
 *     ctemplate's auto-escaping reads as a tag, a script, a style, a URL or an attribute.
 * Texts with a second AUTOESCAPE pragma, new delimiters ({{=...=}}) or markup that is not well-formed
 * are not compared (see well_formed and the note in LLVMFuzzerTestOneInput). */
#include "fuzz.h"
#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <set>
#include <string>
extern "C" {
#include "core/i18n.h"
}
#include "core/tmpl.h"

#ifndef SOURCE_ROOT
#error "SOURCE_ROOT: the repository, for locale/"
#endif

static const char *const hostile = "x\"'<b>&amp; y=1 onmouseover=alert(1)//javascript:z \xe0\xa6\xac";

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* a catalog that fails to load (being edited) leaves what loaded: still worth fuzzing */
	if (!i18n_init(SOURCE_ROOT "/locale"))
		fprintf(stderr, "fuzz_tmpl: the catalogs of %s/locale did not all load\n", SOURCE_ROOT);
	return 0;
}

static std::string without_pre_escape(std::string s)
{
	const std::string m = ":pre_escape}}";
	for (size_t i = 0; (i = s.find(m, i)) != std::string::npos; i += 2)
		s.replace(i, m.size(), "}}");
	return s;
}

/* the plain {{VARIABLE}} names in t, as keep_line_breaks recognises them */
static std::set<std::string> variables(const std::string &t)
{
	std::set<std::string> names;
	for (size_t i = 0; (i = t.find("{{", i)) != std::string::npos;) {
		size_t end = t.find("}}", i + 2);
		if (end == std::string::npos)
			break;
		std::string inner = t.substr(i + 2, end - i - 2);
		bool plain = !inner.empty() && inner.compare(0, 3, "BI_") != 0;
		for (char c : inner)
			plain = plain && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
		if (plain)
			names.insert(inner);
		i = end + 2;
	}
	return names;
}

/* compiles t and expands it with every name set to the hostile value; false when it does not compile */
static bool expand(const std::string &t, const std::set<std::string> &names, std::string *out)
{
	ctemplate::TemplateCache cache;
	if (!cache.StringToTemplateCache("fuzz", t, ctemplate::STRIP_BLANK_LINES))
		return false;
	ctemplate::TemplateDictionary dict("fuzz");
	for (const std::string &n : names)
		dict.SetValue(n, hostile);
	cache.ExpandWithData("fuzz", ctemplate::STRIP_BLANK_LINES, &dict, nullptr, out);
	return true;
}

/* Well-formed markup, the only kind where two readings of it can be compared: every '<' opens a tag
 * (<name attr attr=value attr="value" attr='value'>, </name>, <!-- ... -->, <!...>), a <script> or
 * <style> runs to its end tag, and {{...}} markers stand anywhere a word may. ctemplate's HTML parser
 * reads broken markup ("<<", a quote inside an attribute name) its own way, keep_line_breaks another;
 * templates hold none, and pages with it are not compared. */
static bool skip_marker(const std::string &t, size_t *i)
{
	if (t.compare(*i, 2, "{{") != 0)
		return false;
	size_t end = t.find("}}", *i + 2);
	*i = end == std::string::npos ? t.size() + 1 : end + 2;
	return true;
}

static bool ci_prefix(const std::string &t, size_t i, const char *p)
{
	for (; *p; p++, i++)
		if (i >= t.size() || tolower((unsigned char)t[i]) != *p)
			return false;
	return true;
}

static bool well_formed(const std::string &t)
{
	auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
	auto name_char = [](char c) { return isalnum((unsigned char)c) || c == '-' || c == '_' || c == ':' || c == '.'; };
	size_t i = 0, n = t.size();
	while (i < n) {
		if (skip_marker(t, &i))
			continue;
		if (t[i] != '<') {
			i++;
			continue;
		}
		if (t.compare(i, 4, "<!--") == 0) {
			size_t end = t.find("-->", i + 4);
			if (end == std::string::npos)
				return false;
			i = end + 3;
			continue;
		}
		bool closing = i + 1 < n && t[i + 1] == '/';
		size_t j = i + 1 + closing, name = j;
		if (!closing && j < n && t[j] == '!') {
			size_t end = t.find('>', j);
			if (end == std::string::npos)
				return false;
			i = end + 1;
			continue;
		}
		while (j < n && isalnum((unsigned char)t[j]))
			j++;
		if (j == name || !isalpha((unsigned char)t[name]))
			return false;
		bool script = j - name == 6 && ci_prefix(t, name, "script"), style = j - name == 5 && ci_prefix(t, name, "style");
		bool raw = !closing && (script || style);
		const char *raw_end = script ? "</script" : "</style";
		for (;;) { /* attributes */
			while (j < n && space(t[j]))
				j++;
			if (j >= n)
				return false;
			if (t[j] == '>' || t.compare(j, 2, "/>") == 0) {
				j += t[j] == '>' ? 1 : 2;
				break;
			}
			if (skip_marker(t, &j))
				continue;
			size_t start = j;
			while (j < n && name_char(t[j]))
				j++;
			if (j == start || closing)
				return false;
			while (j < n && space(t[j]))
				j++;
			if (j >= n || t[j] != '=')
				continue;
			j++;
			while (j < n && space(t[j]))
				j++;
			if (j < n && (t[j] == '"' || t[j] == '\'')) {
				char q = t[j++];
				while (j < n && t[j] != q)
					if (!skip_marker(t, &j))
						j++;
				if (j >= n)
					return false;
				j++;
			} else {
				start = j;
				while (j < n && !space(t[j]) && !strchr("\"'<>=`", t[j]))
					if (!skip_marker(t, &j))
						j++;
				if (j == start || j > n)
					return false;
			}
		}
		i = j;
		if (raw) { /* up to its end tag, whatever the case */
			size_t k = i;
			while (k < n && !ci_prefix(t, k, raw_end))
				k++;
			if (k >= n)
				return false;
			i = k;
		}
	}
	return i <= n;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = fuzz_cstr(data, size);
	std::string text = body;
	free(body);
	if (text.compare(0, strlen(TMPL_AUTOESCAPE_LINE), TMPL_AUTOESCAPE_LINE) != 0)
		text = TMPL_AUTOESCAPE_LINE + text;
	bool translates = text.find("[[") != std::string::npos;
	/* ":pre_escape" in the input would be taken out too */
	bool rewrites_only = text.find(":pre_escape") == std::string::npos;

	for (const char *lang : { "en", "bn" }) {
		char *got = tmpl_translate(lang, text.c_str());
		FUZZ_CHECK(got != NULL, "tmpl_translate returned NULL");
		std::string out = got;
		free(got);
		if (!rewrites_only)
			continue;
		/* the translated text before keep_line_breaks: a translation is HTML-escaped, so it holds no
		 * ":pre_escape}}" of its own */
		std::string translated = without_pre_escape(out);
		if (!translates)
			FUZZ_CHECK(translated == text, "[%s] the rewrite did more than add :pre_escape:\n%s", lang,
				   out.c_str());
		/* ctemplate leaks the HTML parser of a template with a second AUTOESCAPE pragma
		 * (Template::MaybeInitHtmlParser): only the first line's is compiled. keep_line_breaks knows
		 * no {{=<% %>=}} (new delimiters, after which "{{X}}" is text), and no template uses them. */
		if (translated.find("{{%", strlen(TMPL_AUTOESCAPE_LINE)) != std::string::npos ||
		    translated.find("{{=") != std::string::npos || !well_formed(translated))
			continue;
		std::set<std::string> names = variables(translated);
		std::string before, after;
		if (!expand(translated, names, &before))
			continue;
		FUZZ_CHECK(expand(out, names, &after), "[%s] the text compiles, its rewrite does not:\n%s", lang, out.c_str());
		FUZZ_CHECK(before == after,
			   "[%s] :pre_escape changed the page for a value without line breaks\n--- template:\n%s\n"
			   "--- rewritten:\n%s\n--- page before:\n%s\n--- page after:\n%s",
			   lang, translated.c_str(), out.c_str(), before.c_str(), after.c_str());
	}
	return 0;
}
