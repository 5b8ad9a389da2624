# Makefile: build, run, test and benchmark CXMS
PORT ?= 8080
CC ?= gcc
CXX ?= g++
PKGS = libpq libsodium libcurl jansson libcmark gmime-3.0 gumbo
WARN = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
CPPFLAGS = -D_GNU_SOURCE $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -I/usr/include/postgresql
CFLAGS_COMMON = -std=c11 -g $(WARN) -pthread
CXXFLAGS_COMMON = -std=c++17 -g -Wall -Wextra -Werror -pthread
LIBS = -lfcgi -lctemplate -lpq -lsodium -lcurl -ljansson -lcmark $(shell pkg-config --libs gmime-3.0 gumbo 2>/dev/null) -lpthread

SRC_C := $(shell find app -name '*.c' | sort)
SRC_CXX := $(shell find app -name '*.cc' | sort)
LIB_C := $(filter-out app/main.c,$(SRC_C))

release_FLAGS = -O2 -D_FORTIFY_SOURCE=2 -fstack-protector-strong
asan_FLAGS = -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

.PHONY: all build asan run test unit http browser bench clean deps check-sql check-templates

all: build
build: build/release/cxms
asan: build/asan/cxms

# Compiling waits for the packages (`make -j test` on a fresh machine would race them otherwise).
DEPS_STAMP = build/.deps-installed
$(DEPS_STAMP): scripts/deps.sh
	@scripts/deps.sh
	@mkdir -p build && touch $@

define variant
build/$(1)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $$(dir $$@)
	@echo "  CC $(1) $$<"
	@$$(CC) $$(CPPFLAGS) $$(CFLAGS_COMMON) $$($(1)_FLAGS) -MMD -MP -c $$< -o $$@
build/$(1)/%.o: %.cc | $(DEPS_STAMP)
	@mkdir -p $$(dir $$@)
	@echo "  CXX $(1) $$<"
	@$$(CXX) $$(CPPFLAGS) $$(CXXFLAGS_COMMON) $$($(1)_FLAGS) -MMD -MP -c $$< -o $$@
build/$(1)/cxms: $$(patsubst %.c,build/$(1)/%.o,$$(SRC_C)) $$(patsubst %.cc,build/$(1)/%.o,$$(SRC_CXX))
	@echo "  LINK $$@"
	@$$(CXX) $$($(1)_FLAGS) -pthread -o $$@ $$^ $$(LIBS)
build/$(1)/libcxms.a: $$(patsubst %.c,build/$(1)/%.o,$$(LIB_C)) $$(patsubst %.cc,build/$(1)/%.o,$$(SRC_CXX))
	@ar rcs $$@ $$^
endef
$(eval $(call variant,release))
$(eval $(call variant,asan))

-include $(shell find build -name '*.d' 2>/dev/null)

# after the stamp's run, so that two installs never run at once; a quick check when nothing is missing
deps: $(DEPS_STAMP)
	@scripts/deps.sh

# Builds, starts PostgreSQL, the app, the worker and nginx under var/, and waits for Ctrl-C.
run: deps check-sql build/release/cxms
	@PORT=$(PORT) scripts/run.sh

# SQL lives only in app/data/, and is never built with printf.
check-sql:
	@scripts/check-sql.sh

UNIT_TESTS := $(patsubst tests/unit/%.c,build/asan/tests/%,$(wildcard tests/unit/test_*.c))
build/asan/tests/%: tests/unit/%.c build/asan/libcxms.a
	@mkdir -p $(dir $@)
	@echo "  TEST $<"
	@$(CC) $(CPPFLAGS) $(CFLAGS_COMMON) $(asan_FLAGS) -Iapp -DSOURCE_ROOT=\"$(CURDIR)\" -o $@ $< build/asan/libcxms.a -lstdc++ $(LIBS) -lcmocka

unit: $(UNIT_TESTS)
	@scripts/run-unit.sh $(UNIT_TESTS)

test: deps check-sql build/asan/cxms $(UNIT_TESTS)
	@scripts/test-all.sh

bench: deps build/release/cxms
	@tests/bench/run.sh

# Fuzzing (tests/fuzz/README.md): libFuzzer targets for the parsers of untrusted input, built with clang
# under ASan/UBSan into build/fuzz/ (gcc-built objects cannot carry libFuzzer's instrumentation).
# fuzz-smoke: replays each committed corpus, then a short seeded run (part of `make test`);
# fuzz: each target for FUZZ_SECONDS, its corpus merged into build/fuzz/corpus/<target>.
FUZZ_CC ?= clang
FUZZ_CXX ?= clang++
FUZZ_SECONDS ?= 300
FUZZ_ALL := text multipart misc tsquery tmpl mail html
FUZZ_TARGETS ?= $(FUZZ_ALL)
fuzz_FLAGS = -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
	-ffunction-sections -fdata-sections
FUZZ_LDFLAGS = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -pthread
FUZZ_GMIME_LIBS = -lsodium $(shell pkg-config --libs gmime-3.0 2>/dev/null)
# objects (without .o) and libraries of each target; tests/fuzz/arena_fuzz replaces app/core/arena
fuzz_text_OBJS = tests/fuzz/fuzz_text tests/fuzz/arena_fuzz app/core/arena_str app/core/text
fuzz_multipart_OBJS = tests/fuzz/fuzz_multipart tests/fuzz/arena_fuzz app/core/arena_str app/core/multipart app/core/text
fuzz_multipart_LIBS = $(FUZZ_GMIME_LIBS)
fuzz_misc_OBJS = tests/fuzz/fuzz_misc tests/fuzz/arena_fuzz app/core/arena_str app/core/text app/core/multipart app/core/i18n \
	app/core/http app/core/router app/core/buf app/core/log
fuzz_misc_LIBS = $(FUZZ_GMIME_LIBS)
# data/inbox.c holds SQL too: --gc-sections (with -z start-stop-gc, or libFuzzer's tables of every
# function keep them all) drops what needs the database, so search_tsquery links alone
fuzz_tsquery_OBJS = tests/fuzz/fuzz_tsquery tests/fuzz/arena_fuzz app/core/arena_str app/data/inbox app/core/buf app/core/text app/core/log
fuzz_tsquery_LINK = -Wl,--gc-sections -Wl,-z,start-stop-gc
fuzz_mail_OBJS = tests/fuzz/fuzz_mail tests/fuzz/arena_fuzz app/core/arena_str app/channels/email_parse \
	app/channels/html_text app/core/text app/core/buf app/core/log app/core/multipart
fuzz_mail_LIBS = $(FUZZ_GMIME_LIBS) $(shell pkg-config --libs gumbo 2>/dev/null)
fuzz_html_OBJS = tests/fuzz/fuzz_html tests/fuzz/arena_fuzz app/core/arena_str app/channels/html_text \
	app/core/text app/core/buf app/core/log
fuzz_html_LIBS = $(shell pkg-config --libs gumbo glib-2.0 2>/dev/null)
fuzz_tmpl_OBJS = tests/fuzz/fuzz_tmpl app/core/tmpl app/core/i18n app/core/buf app/core/log
fuzz_tmpl_LIBS = -lctemplate
FUZZ_BINS = $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_TARGETS))

build/fuzz/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(CPPFLAGS) $(CFLAGS_COMMON) $(fuzz_FLAGS) -MMD -MP -c $< -o $@
build/fuzz/%.o: %.cc | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CXX fuzz $<"
	@$(FUZZ_CXX) $(CPPFLAGS) $(CXXFLAGS_COMMON) $(fuzz_FLAGS) -MMD -MP -c $< -o $@
build/fuzz/tests/fuzz/%.o: tests/fuzz/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(CPPFLAGS) -Iapp $(CFLAGS_COMMON) $(fuzz_FLAGS) -MMD -MP -c $< -o $@
build/fuzz/tests/fuzz/%.o: tests/fuzz/%.cc | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CXX fuzz $<"
	@$(FUZZ_CXX) $(CPPFLAGS) -Iapp -DSOURCE_ROOT=\"$(CURDIR)\" $(CXXFLAGS_COMMON) $(fuzz_FLAGS) -MMD -MP -c $< -o $@
define fuzz_target
build/fuzz/fuzz_$(1): $$(patsubst %,build/fuzz/%.o,$$(fuzz_$(1)_OBJS))
	@echo "  LINK $$@"
	@$$(FUZZ_CXX) $$(FUZZ_LDFLAGS) $$(fuzz_$(1)_LINK) -o $$@ $$^ $$(fuzz_$(1)_LIBS)
endef
$(foreach t,$(FUZZ_ALL),$(eval $(call fuzz_target,$(t))))

# make test runs the smoke run too (scripts/test-all.sh), of every target
test: $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_ALL))

fuzz-smoke: $(FUZZ_BINS)
	@tests/fuzz/run.sh smoke $(FUZZ_TARGETS)

fuzz: $(FUZZ_BINS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh fuzz $(FUZZ_TARGETS)

.PHONY: fuzz fuzz-smoke

clean:
	rm -rf build
