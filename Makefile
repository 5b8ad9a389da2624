# Makefile: build, run, test and benchmark CXMS
PORT ?= 8080
CC ?= gcc
CXX ?= g++
PKGS = libpq libsodium libcurl jansson libcmark gmime-3.0
WARN = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
CPPFLAGS = -D_GNU_SOURCE $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -I/usr/include/postgresql
CFLAGS_COMMON = -std=c11 -g $(WARN) -pthread
CXXFLAGS_COMMON = -std=c++17 -g -Wall -Wextra -Werror -pthread
LIBS = -lfcgi -lctemplate -lpq -lsodium -lcurl -ljansson -lcmark $(shell pkg-config --libs gmime-3.0 2>/dev/null) -lpthread

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

clean:
	rm -rf build
