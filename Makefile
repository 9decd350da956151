# duty - build, test and run. See README.md.
#
#   make run      install missing packages, build, show the overview
#   make test     install missing packages, build, run every test twice:
#                 a normal build and an ASan+UBSan build
#   make          build build/duty
#   make fuzz     libFuzzer on the loaders, unit resolution, the source
#                 readers, import and the write path for FUZZ_SECONDS in
#                 all (default 60), with clang
#   make memcheck the unit and CLI tests under valgrind
#   make crash-test  SIGKILL done/report/undo 300 times at random points
#                 and check the plan and its history after each kill
#
# BUILD selects the output directory; SANITIZE=1 builds with
# -fsanitize=address,undefined (used by `make test` for build-asan/).

CC       ?= cc
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
BUILD    ?= build
SANITIZE ?= 0
VERSION  := 0.1.0
PREFIX   ?= /usr/local

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wno-format-nonliteral
CFLAGS   ?= -O2 -g
# libzip, expat and libxlsxwriter are loaded when first needed
# (include/duty/lazylib.h), by the names they were built with; only test
# programs link them.
LAZY_LDLIBS := -lzip -lexpat -lxlsxwriter
soname = $(shell objdump -p "$$($(CC) -print-file-name=$(1))" 2>/dev/null | sed -n 's/^ *SONAME *//p')
LIBZIP_SONAME := $(or $(call soname,libzip.so),libzip.so.4)
LIBXLSXWRITER_SONAME := $(or $(call soname,libxlsxwriter.so),libxlsxwriter.so.4)
LIBEXPAT_SONAME := $(or $(call soname,libexpat.so),libexpat.so.1)
LAZY_SONAMES := -DDUTY_LIBZIP='"$(LIBZIP_SONAME)"' -DDUTY_LIBEXPAT='"$(LIBEXPAT_SONAME)"' \
                -DDUTY_LIBXLSXWRITER='"$(LIBXLSXWRITER_SONAME)"'
ALL_CFLAGS := -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) -Iinclude -Isrc \
              -DDUTY_VERSION='"$(VERSION)"' -DDUTY_DATADIR='"$(PREFIX)/share/duty"' \
              -DDUTY_LOCALEDIR='"$(PREFIX)/share/locale"' \
              $(LAZY_SONAMES)
LDLIBS   := -lcsv -lcjson -ldl

# CSVREAD_VERIFY: csvread checks every field it places in the input
# against libcsv's own copy (tests and fuzzing; too slow for a release).
ifeq ($(SANITIZE),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -DCSVREAD_VERIFY
LDFLAGS    += -fsanitize=address,undefined
endif

# Layers, lowest first (docs/design.md): the library (libduty.a) is base, io,
# model and render; the command-line layer (libdutycli.a) is cli and cmd.
LIB_SOURCES := $(wildcard src/base/*.c src/io/*.c src/model/*.c src/render/*.c)
CLI_SOURCES := $(filter-out src/cli/main.c,$(wildcard src/cli/*.c src/cmd/*.c))
LIB_OBJECTS := $(LIB_SOURCES:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJECTS := $(CLI_SOURCES:src/%.c=$(BUILD)/obj/%.o)
HEADERS     := $(wildcard include/duty/*.h src/model/*.h src/cli/*.h)
# test_cli_*.c test the command-line layer; the others link the library alone.
UNIT_TESTS  := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
CORE_SOURCES := $(LIB_SOURCES)

FUZZERS      := load units source import write
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_DIR     := build-fuzz
REPLAYS      := $(FUZZERS:%=$(BUILD)/tests/replay_%)
# Inputs each harness starts from (and make test replays).
SEEDS_load   := $(wildcard data tests/data tests/fuzz/regressions/load)
SEEDS_units  := $(wildcard tests/fuzz/seeds/units tests/fuzz/regressions/units)
SEEDS_source := $(wildcard tests/fuzz/seeds/source tests/fuzz/regressions/source)
SEEDS_import := $(wildcard tests/data/import tests/fuzz/seeds/import tests/fuzz/regressions/import)
SEEDS_write  := $(wildcard tests/fuzz/seeds/write tests/fuzz/regressions/write)

BENCH_TOOLS := $(BUILD)/bench/gen $(BUILD)/bench/csvfloor $(BUILD)/bench/measure $(BUILD)/bench/scan

MO        := $(BUILD)/locale/zh_CN/LC_MESSAGES/duty.mo
DESTDIR   ?=
BINDIR    := $(PREFIX)/bin
DATADIR   := $(PREFIX)/share/duty
MANDIR    := $(PREFIX)/share/man/man1
LOCALEDIR := $(PREFIX)/share/locale
BASHCOMPDIR := $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  := $(PREFIX)/share/zsh/site-functions

.PHONY: check-layers test-build all run test crash-test install uninstall pot test-browser bench bench-data check-unit check-cli check-fuzz-regressions deps deps-test fuzz memcheck clean

all: $(BUILD)/duty $(MO)

# Translations: po/zh_CN.po compiled beside the binary, where it finds them.
$(MO): po/zh_CN.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Maintainers: refresh the template after changing messages.
pot:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=NC_:1c,2 --add-comments=TRANSLATORS \
		--package-name=duty --package-version=$(VERSION) -o po/duty.pot src/*/*.c
	msgmerge --update --backup=none po/zh_CN.po po/duty.pot

install: all
	install -D -m 755 $(BUILD)/duty $(DESTDIR)$(BINDIR)/duty
	install -D -m 644 data/tasks_2018.csv $(DESTDIR)$(DATADIR)/tasks_2018.csv
	install -D -m 644 data/units.csv $(DESTDIR)$(DATADIR)/units.csv
	install -D -m 644 docs/duty.1 $(DESTDIR)$(MANDIR)/duty.1
	install -D -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/duty.mo
	install -D -m 644 completion/duty.bash $(DESTDIR)$(BASHCOMPDIR)/duty
	install -D -m 644 completion/_duty $(DESTDIR)$(ZSHCOMPDIR)/_duty

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/duty $(DESTDIR)$(DATADIR)/tasks_2018.csv $(DESTDIR)$(DATADIR)/units.csv \
		$(DESTDIR)$(MANDIR)/duty.1 $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/duty.mo \
		$(DESTDIR)$(BASHCOMPDIR)/duty $(DESTDIR)$(ZSHCOMPDIR)/_duty
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

$(BUILD)/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

$(BUILD)/libduty.a: $(LIB_OBJECTS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libdutycli.a: $(CLI_OBJECTS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/duty: $(BUILD)/obj/cli/main.o $(BUILD)/libdutycli.a $(BUILD)/libduty.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

# A library test links libduty.a alone: the library needs nothing above it.
$(BUILD)/tests/%: tests/unit/%.c tests/unit/testing.h $(BUILD)/libduty.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -DSOURCE_DIR='"$(CURDIR)"' $< $(BUILD)/libduty.a $(LDFLAGS) \
		$(LDLIBS) -lcmocka -o $@

$(BUILD)/tests/test_cli_%: tests/unit/test_cli_%.c tests/unit/testing.h $(BUILD)/libdutycli.a \
		$(BUILD)/libduty.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -DSOURCE_DIR='"$(CURDIR)"' $< $(BUILD)/libdutycli.a $(BUILD)/libduty.a \
		$(LDFLAGS) $(LDLIBS) -lcmocka -o $@

$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(BUILD)/libduty.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -DSOURCE_DIR='"$(CURDIR)"' $< tests/fuzz/replay.c $(BUILD)/libduty.a $(LDFLAGS) \
		$(LDLIBS) $(LAZY_LDLIBS) -o $@

# The library is compiled for fuzzing once and linked into every harness.
# Every plan file is mapped there (DUTY_INPUT_MAP_FROM), as big ones are.
FUZZ_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -g -O1 -Iinclude -DSOURCE_DIR='"$(CURDIR)"' -DCSVREAD_VERIFY \
               -DDUTY_INPUT_MAP_FROM=1 $(LAZY_SONAMES) -fno-sanitize-recover=undefined
FUZZ_OBJECTS := $(CORE_SOURCES:src/%.c=$(FUZZ_DIR)/obj/%.o)

$(FUZZ_DIR)/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@

$(FUZZ_DIR)/libduty.a: $(FUZZ_OBJECTS)
	rm -f $@
	ar rcs $@ $^

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DIR)/libduty.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined \
		$< $(FUZZ_DIR)/libduty.a $(LDLIBS) $(LAZY_LDLIBS) -o $@

deps:
	@sh scripts/install-deps.sh build

deps-test:
	@sh scripts/install-deps.sh test

deps-fuzz:
	@sh scripts/install-deps.sh fuzz

deps-memcheck:
	@sh scripts/install-deps.sh memcheck

run: deps
	@$(MAKE) --no-print-directory all
	./$(BUILD)/duty

check-unit: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do echo "== $$t"; ./$$t || exit 1; done

# An LD_PRELOAD shim that makes a step of a safe write fail (tests/shim/).
$(BUILD)/tests/libfailio.so: tests/shim/failio.c | $(BUILD)/tests
	$(CC) -std=c11 -Wall -Wextra -Werror -O1 -g -shared -fPIC $< -ldl -o $@

check-cli: $(BUILD)/duty $(MO) $(BUILD)/tests/libfailio.so
	@bash tests/cli/run.sh $(BUILD)/duty

# Every seed and every input that once crashed a harness, run again.
check-fuzz-regressions: $(REPLAYS)
	@$(foreach f,$(FUZZERS),printf '%s: ' $(f); \
		./$(BUILD)/tests/replay_$(f) $$(find $(SEEDS_$(f)) -type f ! -name '.*') || exit 1;)

# Includes point down the layers, never up (scripts/check-layers.sh).
check-layers:
	@sh scripts/check-layers.sh

# Everything the checks run, built in parallel before they start.
test-build: all $(UNIT_TESTS) $(BUILD)/tests/libfailio.so $(REPLAYS)

test: deps-test
	@$(MAKE) --no-print-directory check-layers
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build test-build
	@$(MAKE) --no-print-directory BUILD=build check-unit check-cli check-fuzz-regressions
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build-asan SANITIZE=1 CFLAGS='-O1 -g' test-build
	@$(MAKE) --no-print-directory BUILD=build-asan SANITIZE=1 CFLAGS='-O1 -g' \
		check-unit check-cli check-fuzz-regressions
	@echo "all tests passed (normal and ASan+UBSan builds)"

# The write protocol under SIGKILL (tests/crash/run.sh): CRASH_KILLS kills
# of done, report and undo at random points, checked after each.
CRASH_KILLS ?= 300
crash-test: deps-test
	@$(MAKE) --no-print-directory BUILD=build all build/tests/libfailio.so
	@bash tests/crash/run.sh build/duty $(CRASH_KILLS)

# The duty sheet printed to PDF by headless Chromium (tests/browser/run.sh).
test-browser: deps-browser
	@$(MAKE) --no-print-directory BUILD=build all
	@bash tests/browser/run.sh build/duty

deps-browser:
	@sh scripts/install-deps.sh browser

# libFuzzer: FUZZ_SECONDS shared between the harnesses. New inputs go to
# build-fuzz/corpus-NAME; a crash stops the run and leaves its input in
# build-fuzz/artifacts-NAME/ (keep it in tests/fuzz/regressions/NAME/).
FUZZ_EACH = $(shell s=$$(( $(FUZZ_SECONDS) / $(words $(FUZZERS)) )); [ $$s -gt 0 ] || s=1; echo $$s)

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory -j$(JOBS) $(FUZZERS:%=$(FUZZ_DIR)/fuzz_%)
	@$(foreach f,$(FUZZERS),mkdir -p $(FUZZ_DIR)/corpus-$(f) $(FUZZ_DIR)/artifacts-$(f); \
		echo "fuzzing $(f) for $(FUZZ_EACH) s"; \
		./$(FUZZ_DIR)/fuzz_$(f) -max_total_time=$(FUZZ_EACH) -timeout=10 -rss_limit_mb=2048 \
			$(if $(wildcard tests/fuzz/$(f).dict),-dict=tests/fuzz/$(f).dict) \
			-print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/artifacts-$(f)/ \
			$(FUZZ_DIR)/corpus-$(f) $(SEEDS_$(f)) 2>$(FUZZ_DIR)/$(f).log \
			|| { tail -40 $(FUZZ_DIR)/$(f).log; exit 1; }; \
		grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done' $(FUZZ_DIR)/$(f).log;)

# The unit and CLI tests under valgrind; any error or leak fails.
VALGRIND := valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
            --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99
memcheck: deps-memcheck
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build all $(UNIT_TESTS) build/tests/libfailio.so
	@printf '%s\n' $(UNIT_TESTS) | xargs -P $(JOBS) -I{} sh -c \
		'$(VALGRIND) ./{} >/dev/null 2>{}.valgrind || { cat {}.valgrind; echo "valgrind: {} failed"; exit 255; }'
	@echo "memcheck: unit tests clean"
	@DUTY_TEST_WRAPPER="$(VALGRIND)" bash tests/cli/run.sh build/duty
	@echo "memcheck: no errors, no leaks"

$(BUILD)/bench/%: bench/%.c | $(BUILD)/obj
	@mkdir -p $(BUILD)/bench
	$(CC) -std=c11 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Werror $< -lcsv -o $@

# The byte check of io/input.c alone (instructions per byte).
$(BUILD)/bench/scan: bench/scan.c $(BUILD)/libduty.a | $(BUILD)/obj
	@mkdir -p $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $< $(BUILD)/libduty.a $(LDLIBS) -o $@

# Synthetic plans of 10k, 100k and 1M tasks in bench/data/ (not committed).
bench-data: $(BENCH_TOOLS)
	@mkdir -p bench/data
	@for n in 10000 100000 1000000; do \
		[ -s bench/data/plan_$$n.csv ] || { echo "generating $$n tasks"; \
		./$(BUILD)/bench/gen $$n 2018 bench/data/plan_$$n.csv bench/data/peer_$$n.csv; }; \
	done

# The benchmark: table in docs/performance.md (see bench/run.sh).
bench: deps all bench-data
	@bash bench/run.sh

clean:
	rm -rf build build-asan $(FUZZ_DIR)
