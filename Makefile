# flamekit - flame graphs and profile comparison from pprof and folded stacks.
# GNU make.  Configuration first; `make help` lists the targets.

PREFIX	= /usr/local
BINDIR	= $(PREFIX)/bin
MANDIR	= $(PREFIX)/share/man
DESTDIR	=
CC	= cc
CFLAGS	= -O2 -g
LDFLAGS	=
PKG_CONFIG = pkg-config
PROTOC_C = protoc-c
INSTALL	= install
B	= build
VERSION	= 0.1.0

PKGS	= libprotobuf-c zlib cairo freetype2 jansson
WARN	= -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wformat=2 -Wno-unused-parameter
# recursive on purpose: evaluated after scripts/deps.sh has run
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS))
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -DFG_VERSION='"$(VERSION)"' \
	   -Isrc/lib -I$(B) $(PKG_CFLAGS)
LDLIBS	= -Wl,--as-needed $(PKG_LIBS) -lm -pthread

LIBSRC	:= $(sort $(wildcard src/lib/*.c))
LIBOBJ	:= $(LIBSRC:src/lib/%.c=$(B)/%.o) $(B)/profile.pb-c.o
TOOLS	:= $(sort $(patsubst src/tools/%.c,%,$(wildcard src/tools/*.c)))
SCRIPTS	:= $(sort $(wildcard scripts/torch))
UNITS	:= $(sort $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c)))
HELPERS	:= $(sort $(patsubst tests/tools/%.c,%,$(wildcard tests/tools/*.c)))
MANS	:= $(sort $(wildcard man/*.1))
# fuzz targets tests/fuzz/fuzz_NAME.c; fuzz_pprof waits for the decoder
FUZZERS	:= $(sort $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZERS	:= $(filter-out $(if $(wildcard src/lib/pprof.c),,pprof),$(FUZZERS))
REPLAYS	:= $(FUZZERS:%=$(B)/replay_%)
GEN	:= $(B)/profile.pb-c.h $(if $(wildcard src/lib/flame.js),$(B)/flame_js.h)

## all: build the tools into $(B)/
all: $(TOOLS:%=$(B)/%)

$(B)/.deps:
	@mkdir -p $(B)
	@scripts/deps.sh build
	@touch $@

# a pattern rule with two targets runs protoc-c once, even under -j
$(B)/%.pb-c.c $(B)/%.pb-c.h: proto/%.proto $(B)/.deps
	@mkdir -p $(B)
	$(PROTOC_C) --proto_path=proto --c_out=$(B) $*.proto

$(B)/flame_js.h: src/lib/flame.js scripts/embed.sh
	@mkdir -p $(B)
	scripts/embed.sh fg_flame_js < src/lib/flame.js > $@.tmp && mv $@.tmp $@

$(B)/profile.pb-c.o: $(B)/profile.pb-c.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/%.o: src/lib/%.c $(GEN)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/%.o: src/tools/%.c $(GEN)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/%.o: tests/unit/%.c $(GEN)
	$(CC) $(CPPFLAGS) -Itests/unit $(WARN) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/%.o: tests/tools/%.c $(GEN)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/%.o: tests/fuzz/%.c $(GEN)
	$(CC) $(CPPFLAGS) -Itests/fuzz $(WARN) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/libflamekit.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(TOOLS:%=$(B)/%) $(UNITS:%=$(B)/%) $(HELPERS:%=$(B)/%): $(B)/%: $(B)/%.o $(B)/libflamekit.a
	$(CC) $(LDFLAGS) -o $@ $< $(B)/libflamekit.a $(LDLIBS)

# a fuzz target run over files by a plain main(), for tests/fuzz/replay.sh
$(B)/replay_%: $(B)/fuzz_%.o $(B)/replay.o $(B)/libflamekit.a
	$(CC) $(LDFLAGS) -o $@ $< $(B)/replay.o $(B)/libflamekit.a $(LDLIBS)

## check: build, then run every test; the last line is "N passed, N failed, N skipped"
check: all $(UNITS:%=$(B)/%) $(HELPERS:%=$(B)/%) $(REPLAYS)
	@scripts/deps.sh test
	tests/check.sh $(B)

## asan: the whole check built with AddressSanitizer and UBSan
SAN	= -fsanitize=address,undefined -fno-sanitize-recover=all
asan:
	$(MAKE) B=build-asan CFLAGS='-O1 -g -fno-omit-frame-pointer $(SAN)' \
	    LDFLAGS='$(SAN)' check

## valgrind: the unit tests and the CLI cases (but the slowest) with every
##       tool under valgrind: an error or a definite or indirect leak fails
valgrind: all $(UNITS:%=$(B)/%) $(HELPERS:%=$(B)/%)
	@scripts/deps.sh test
	tests/valgrind.sh $(B)

## fuzz: build the libFuzzer targets with clang into build-fuzz/ (fuzz-NAME)
##       and run each FUZZTIME seconds (60) on a scratch copy of its corpus
##       (FUZZ='folded pprof' picks targets; FUZZTIME=0 only builds)
FUZZSAN	= -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZTIME = 60
FUZZ	=
fuzz:
	$(MAKE) B=build-fuzz CC=clang \
	    CFLAGS='-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(FUZZSAN)' \
	    LDFLAGS='$(FUZZSAN)' fuzzers
	@if [ "$(FUZZTIME)" != 0 ]; then tests/fuzz/run.sh build-fuzz $(FUZZTIME) $(FUZZ); fi

fuzzers: $(FUZZERS:%=$(B)/fuzz-%)

$(B)/fuzz-%: $(B)/fuzz_%.o $(B)/libflamekit.a
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $< $(B)/libflamekit.a $(LDLIBS)

## demo: render the shipped CPU profile; prints where the output went
demo: all
	@mkdir -p $(B)/demo
	$(B)/pb2folded samples/cpu.prof > $(B)/demo/cpu.folded
	@if [ -x $(B)/flamegraph ]; then \
	    $(B)/flamegraph --title "samples/cpu.prof" -o $(B)/demo/cpu.svg $(B)/demo/cpu.folded && \
	    echo "demo: wrote $(B)/demo/cpu.folded and $(B)/demo/cpu.svg"; \
	else echo "demo: wrote $(B)/demo/cpu.folded"; fi

## bench: wall time and peak RSS of each tool on generated corpora
bench: all $(HELPERS:%=$(B)/%)
	bench/run.sh $(B)

## install: tools, scripts and man pages under $(DESTDIR)$(PREFIX)
install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 755 $(TOOLS:%=$(B)/%) $(SCRIPTS) $(DESTDIR)$(BINDIR)/
	$(if $(MANS),$(INSTALL) -m 644 $(MANS) $(DESTDIR)$(MANDIR)/man1/)

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%) $(SCRIPTS:scripts/%=$(DESTDIR)$(BINDIR)/%) \
	    $(MANS:man/%=$(DESTDIR)$(MANDIR)/man1/%)

## deps: install the Debian packages the build and the tests need
deps:
	scripts/deps.sh all

clean:
	rm -rf $(B) build-asan build-fuzz

help:
	@sed -n 's/^## //p' Makefile

.SECONDARY:
.PHONY: all check asan valgrind fuzz fuzzers demo bench install uninstall deps clean help
-include $(wildcard $(B)/*.d)
