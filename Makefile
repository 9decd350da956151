# duty - build, test and run. See README.md.
#
#   make run      install missing packages, build, show the overview
#   make test     install missing packages, build, run every test twice:
#                 a normal build and an ASan+UBSan build
#   make          build build/duty
#
# BUILD selects the output directory; SANITIZE=1 builds with
# -fsanitize=address,undefined (used by `make test` for build-asan/).

CC       ?= cc
BUILD    ?= build
SANITIZE ?= 0
VERSION  := 0.1.0
PREFIX   ?= /usr/local

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wno-format-nonliteral
CFLAGS   ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_DEFAULT_SOURCE $(WARNINGS) $(CFLAGS) -Iinclude \
              -DDUTY_VERSION='"$(VERSION)"' -DDUTY_DATADIR='"$(PREFIX)/share/duty"'
LDLIBS   := -lcsv -lcjson -lm

ifeq ($(SANITIZE),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS    += -fsanitize=address,undefined
endif

LIB_SOURCES := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJECTS := $(LIB_SOURCES:src/%.c=$(BUILD)/obj/%.o)
UNIT_TESTS  := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all run test check-unit check-cli deps deps-test clean

all: $(BUILD)/duty

$(BUILD)/obj/%.o: src/%.c $(wildcard include/duty/*.h) $(wildcard src/*.h) | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

$(BUILD)/libduty.a: $(LIB_OBJECTS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/duty: $(BUILD)/obj/main.o $(BUILD)/libduty.a
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testing.h $(BUILD)/libduty.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Isrc -DSOURCE_DIR='"$(CURDIR)"' $< $(BUILD)/libduty.a $(LDFLAGS) \
		$(LDLIBS) -lcmocka -o $@

deps:
	@sh scripts/install-deps.sh build

deps-test:
	@sh scripts/install-deps.sh test

run: deps
	@$(MAKE) --no-print-directory all
	./$(BUILD)/duty

check-unit: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do echo "== $$t"; ./$$t || exit 1; done

check-cli: $(BUILD)/duty
	@bash tests/cli/run.sh $(BUILD)/duty

test: deps-test
	@$(MAKE) --no-print-directory BUILD=build check-unit check-cli
	@$(MAKE) --no-print-directory BUILD=build-asan SANITIZE=1 CFLAGS='-O1 -g' check-unit check-cli
	@echo "all tests passed (normal and ASan+UBSan builds)"

clean:
	rm -rf build build-asan
