/* tmpl.cc: the C API to Google ctemplate, with the translation step run at load time */
#include "tmpl.h"
#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <strings.h>
#include <map>
#include <string>
#include <vector>
#include <fstream>
#include <sstream>
#include <pthread.h>
#include <dirent.h>
#include <sys/stat.h>

extern "C" {
#include "i18n.h"
#include "log.h"
}

/* A tdict* is an opaque handle to a ctemplate::TemplateDictionary. */
static inline ctemplate::TemplateDictionary *D(tdict *d)
{
	return reinterpret_cast<ctemplate::TemplateDictionary *>(d);
}
static inline tdict *T(ctemplate::TemplateDictionary *d)
{
	return reinterpret_cast<tdict *>(d);
}

namespace {

std::string templates_dir;
bool dev_mode;
std::map<std::string, time_t> loaded_mtimes;   /* relative path -> mtime */
pthread_rwlock_t reload_lock = PTHREAD_RWLOCK_INITIALIZER;  /* expansions vs. reloading */
pthread_mutex_t mtimes_lock = PTHREAD_MUTEX_INITIALIZER;      /* loaded_mtimes, in development */

void html_escape_into(std::string &out, const std::string &s)
{
	for (char c : s) {
		switch (c) {
		case '&': out += "&amp;"; break;
		case '<': out += "&lt;"; break;
		case '>': out += "&gt;"; break;
		case '"': out += "&quot;"; break;
		case '\'': out += "&#39;"; break;
		case '{': out += "&#123;"; break; /* never let a translation open a ctemplate marker */
		default: out += c;
		}
	}
}

bool is_placeholder(const std::string &s, size_t i, size_t *end)
{
	if (s.compare(i, 2, "{{") != 0)
		return false;
	size_t j = i + 2;
	while (j < s.size() && (isupper((unsigned char)s[j]) || isdigit((unsigned char)s[j]) ||
				s[j] == '_'))
		j++;
	if (j == i + 2 || s.compare(j, 2, "}}") != 0)
		return false;
	*end = j + 2;
	return true;
}

/* Placeholders a translation may use: exactly those of its msgid. */
bool same_placeholders(const std::string &msgid, const std::string &msgstr)
{
	auto collect = [](const std::string &s) {
		std::multimap<std::string, int> m;
		for (size_t i = 0; i < s.size(); i++) {
			size_t end;
			if (is_placeholder(s, i, &end)) {
				m.insert({ s.substr(i, end - i), 1 });
				i = end - 1;
			}
		}
		return m;
	};
	return collect(msgid) == collect(msgstr);
}

std::string translate(const char *lang, const std::string &text)
{
	std::string out;
	size_t i = 0;
	while (i < text.size()) {
		size_t open = text.find("[[", i);
		if (open == std::string::npos) {
			out.append(text, i, std::string::npos);
			break;
		}
		size_t close = text.find("]]", open + 2);
		if (close == std::string::npos) {
			out.append(text, i, std::string::npos);
			break;
		}
		out.append(text, i, open - i);
		std::string msgid = text.substr(open + 2, close - open - 2);
		std::string msgstr = i18n_lookup(lang, msgid.c_str());
		if (!same_placeholders(msgid, msgstr))
			msgstr = msgid;
		/* escape the words, keep the {{VARIABLE}} placeholders for ctemplate */
		for (size_t k = 0; k < msgstr.size();) {
			size_t end;
			if (is_placeholder(msgstr, k, &end)) {
				out.append(msgstr, k, end - k);
				k = end;
			} else {
				size_t next = msgstr.find("{{", k + 1);
				if (next == std::string::npos)
					next = msgstr.size();
				html_escape_into(out, msgstr.substr(k, next - k));
				k = next;
			}
		}
		i = close + 2;
	}
	return out;
}

bool plain_variable(const std::string &inner)
{
	if (inner.empty() || !isupper((unsigned char)inner[0]) || inner.compare(0, 3, "BI_") == 0)
		return false;
	for (char c : inner)
		if (!isupper((unsigned char)c) && !isdigit((unsigned char)c) && c != '_')
			return false;
	return true;
}

bool starts_with_nocase(const std::string &t, size_t i, const char *prefix)
{
	size_t n = strlen(prefix);
	return t.size() - i >= n && strncasecmp(t.c_str() + i, prefix, n) == 0;
}

/* The attributes whose values are text a person wrote (a hidden field carrying a message on, a canned
 * answer's data-text, a title): not URLs, scripts or styles, where AUTOESCAPE's own choice stands. */
bool text_attribute(const std::string &out)
{
	size_t eq = out.size();
	if (eq < 2 || out[eq - 1] != '"' || out[eq - 2] != '=')
		return false;
	size_t start = eq - 2;
	while (start > 0 && (isalnum((unsigned char)out[start - 1]) || out[start - 1] == '-'))
		start--;
	std::string name = out.substr(start, eq - 2 - start);
	return name == "value" || name == "title" || name == "alt" || name == "placeholder" ||
	       name.compare(0, 5, "data-") == 0 || name.compare(0, 5, "aria-") == 0;
}

/* Text keeps its line breaks. AUTOESCAPE gives every variable ctemplate's html_escape, which turns
 * \n, \r and \t into spaces: a message, a note, an article's Markdown in its editor, a mail in the
 * outbox, a message carried on in a hidden field would all lose their lines. pre_escape escapes
 * exactly the same characters and keeps those, so every variable written as text between tags (not
 * inside a script or a style), or as the whole value of a text attribute, gets it. Elsewhere in tags
 * AUTOESCAPE still picks the modifier the attribute needs (URLs, scripts, styles). */
std::string keep_line_breaks(const std::string &t)
{
	std::string out;
	out.reserve(t.size() + 256);
	bool in_tag = false, raw = false; /* raw: inside <script> or <style> */
	char quote = 0;                   /* inside a tag: the quote of the attribute value we are in */
	for (size_t i = 0; i < t.size();) {
		if (t.compare(i, 2, "{{") == 0) {
			size_t end = t.find("}}", i + 2);
			if (end == std::string::npos) {
				out.append(t, i, std::string::npos);
				break;
			}
			std::string inner = t.substr(i + 2, end - i - 2);
			bool whole_value = in_tag && end + 2 < t.size() && t[end + 2] == '"' && text_attribute(out);
			if (!raw && plain_variable(inner) && (!in_tag || whole_value))
				out += "{{" + inner + ":pre_escape}}";
			else
				out.append(t, i, end + 2 - i);
			i = end + 2;
			continue;
		}
		char c = t[i];
		if (!in_tag && c == '<' && i + 1 < t.size() &&
		    (isalpha((unsigned char)t[i + 1]) || t[i + 1] == '/' || t[i + 1] == '!')) {
			in_tag = true;
			quote = 0;
			if (starts_with_nocase(t, i, "<script") || starts_with_nocase(t, i, "<style"))
				raw = true;
			else if (starts_with_nocase(t, i, "</script") || starts_with_nocase(t, i, "</style"))
				raw = false;
		} else if (in_tag && quote && c == quote) {
			quote = 0;
		} else if (in_tag && !quote && (c == '"' || c == '\'')) {
			quote = c; /* a > inside a quoted value does not end the tag */
		} else if (in_tag && !quote && c == '>') {
			in_tag = false;
		}
		out += c;
		i++;
	}
	return out;
}

bool read_file(const std::string &path, std::string *out)
{
	std::ifstream f(path, std::ios::binary);
	if (!f)
		return false;
	std::stringstream ss;
	ss << f.rdbuf();
	*out = ss.str();
	return true;
}

bool load_one(const std::string &rel)
{
	std::string text;
	std::string path = templates_dir + "/" + rel;
	if (!read_file(path, &text)) {
		log_error("cannot read template %s", path.c_str());
		return false;
	}
	if (text.compare(0, strlen(TMPL_AUTOESCAPE_LINE), TMPL_AUTOESCAPE_LINE) != 0) {
		log_error("template %s does not start with %s", rel.c_str(), TMPL_AUTOESCAPE_LINE);
		return false;
	}
	std::string base = rel.substr(0, rel.size() - 4); /* strip .tpl */
	ctemplate::TemplateCache *cache = ctemplate::mutable_default_template_cache();
	for (int i = 0; i18n_langs[i]; i++) {
		std::string key = std::string(i18n_langs[i]) + "/" + base;
		std::string translated = keep_line_breaks(translate(i18n_langs[i], text));
		cache->Delete(key);
		if (!cache->StringToTemplateCache(key, translated, ctemplate::STRIP_BLANK_LINES)) {
			log_error("template %s does not compile", rel.c_str());
			return false;
		}
	}
	struct stat st;
	if (stat(path.c_str(), &st) == 0)
		loaded_mtimes[rel] = st.st_mtime;
	return true;
}

bool load_dir(const std::string &rel)
{
	std::string path = rel.empty() ? templates_dir : templates_dir + "/" + rel;
	DIR *dir = opendir(path.c_str());
	if (!dir) {
		log_error("cannot open template directory %s", path.c_str());
		return false;
	}
	bool ok = true;
	while (struct dirent *e = readdir(dir)) {
		std::string name = e->d_name;
		if (name[0] == '.')
			continue;
		std::string child = rel.empty() ? name : rel + "/" + name;
		struct stat st;
		if (stat((templates_dir + "/" + child).c_str(), &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			ok = load_dir(child) && ok;
		else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tpl") == 0)
			ok = load_one(child) && ok;
	}
	closedir(dir);
	return ok;
}

} // namespace

extern "C" {

bool tmpl_init(const char *dir, bool dev)
{
	templates_dir = dir;
	dev_mode = dev;
	return load_dir("");
}

void tmpl_shutdown(void)
{
	ctemplate::mutable_default_template_cache()->ClearCache();
	loaded_mtimes.clear();
}

void tmpl_reload_if_changed(void)
{
	if (!dev_mode)
		return;
	pthread_mutex_lock(&mtimes_lock);
	std::vector<std::string> changed;
	for (auto &kv : loaded_mtimes) {
		struct stat st;
		if (stat((templates_dir + "/" + kv.first).c_str(), &st) == 0 &&
		    st.st_mtime != kv.second)
			changed.push_back(kv.first);
	}
	if (!changed.empty()) {
		pthread_rwlock_wrlock(&reload_lock);
		for (auto &rel : changed)
			load_one(rel);
		pthread_rwlock_unlock(&reload_lock);
	}
	pthread_mutex_unlock(&mtimes_lock);
}

char *tmpl_translate(const char *lang, const char *text)
{
	return strdup(keep_line_breaks(translate(lang, text)).c_str());
}

bool tmpl_check(const char *key, const char *text)
{
	ctemplate::TemplateCache cache;
	return cache.StringToTemplateCache(key, text, ctemplate::STRIP_BLANK_LINES);
}

tdict *tmpl_dict_new(void)
{
	return T(new ctemplate::TemplateDictionary("page"));
}

void tmpl_dict_free(tdict *d)
{
	delete D(d);
}

tdict *tmpl_include(tdict *d, const char *name, const char *key)
{
	ctemplate::TemplateDictionary *sub = D(d)->AddIncludeDictionary(name);
	sub->SetFilename(key);
	return T(sub);
}

tdict *tmpl_section(tdict *d, const char *name)
{
	return T(D(d)->AddSectionDictionary(name));
}

void tmpl_show(tdict *d, const char *name)
{
	D(d)->ShowSection(name);
}

void tmpl_set(tdict *d, const char *key, const char *value)
{
	D(d)->SetValue(key, value ? value : "");
}

void tmpl_setf(tdict *d, const char *key, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		D(d)->SetValue(key, small);
		return;
	}
	std::string big((size_t)n + 1, '\0');
	va_start(ap, fmt);
	vsnprintf(&big[0], big.size(), fmt, ap);
	va_end(ap);
	big.resize((size_t)n);
	D(d)->SetValue(key, big);
}

void tmpl_set_int(tdict *d, const char *key, long long v)
{
	D(d)->SetIntValue(key, v);
}

void tmpl_set_global(tdict *d, const char *key, const char *value)
{
	D(d)->SetTemplateGlobalValue(key, value ? value : "");
}

bool tmpl_expand(const char *key, tdict *d, buf *out)
{
	std::string s;
	/* templates change only in development: production expands without the reload lock */
	if (dev_mode)
		pthread_rwlock_rdlock(&reload_lock);
	bool ok = ctemplate::ExpandTemplate(key, ctemplate::STRIP_BLANK_LINES, D(d), &s);
	if (dev_mode)
		pthread_rwlock_unlock(&reload_lock);
	if (ok)
		buf_append(out, s.data(), s.size());
	return ok;
}

} // extern "C"
