# libgost: one GNU Make build. See README.md and ../shared/DESIGN.md.
#
#   make                 library, module, tools, bench, tests (build/)
#   make check           deps, build, the full suite (unit, vectors, ct, sanitizers, fuzz smoke)
#   make bench           deps, build, every vector, then the benchmark table
#   make install PREFIX=/usr/local [DESTDIR=...] [P11KIT_MODULE_DIR=...]
#   make CC=clang        any C11 compiler with GNU extensions
#   make fuzz            long fuzzing runs (FUZZ_SECONDS each, default 300)
#
# Variables: BUILD (output dir, default build), OPT, SAN=1 (ASan+UBSan build),
# SKIP_DEPS=1 (do not check Debian packages).

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

BUILD ?= build
PREFIX ?= /usr/local
OPT ?= -O2
VERSION := 0.1.0
SOVERSION := 0

WARN := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wvla -Wformat=2 \
        -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
endif

# The PKCS#11 header of p11-kit (libp11-kit-dev), for the module, lib/cloud, tests and bench.
P11_CPPFLAGS := -I/usr/include/p11-kit-1
CPPFLAGS_ALL := -Iinclude -Ilib -I$(BUILD)/gen $(P11_CPPFLAGS) -D_DEFAULT_SOURCE -D_GNU_SOURCE \
                -DGOST_VECTORS_DIR='"$(CURDIR)/vectors"' -DGOST_SOURCE_DIR='"$(CURDIR)"' \
                -DGOST_BUILD_DIR='"$(abspath $(BUILD))"'
CFLAGS_ALL := -std=c11 $(OPT) -g -gdwarf-4 -fPIC -fvisibility=hidden $(WARN) $(SANFLAGS) $(CFLAGS)
# Tests and tools use frameworks whose macros trip the stricter prototype warnings.
CFLAGS_TEST := $(filter-out -Wmissing-prototypes -Wstrict-prototypes -fvisibility=hidden,$(CFLAGS_ALL))
LDFLAGS_ALL := $(SANFLAGS) $(LDFLAGS)
LIBS := -lgmp -ltasn1 -lpthread -ldl

# Quiet by default; `make V=1` shows the commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @echo "  $(1) $(2)"
endif

# Instruction-set variants are chosen by file name; the dispatch code decides at run time.
$(BUILD)/%_ssse3.o: XFLAGS := -mssse3
$(BUILD)/%_sse41.o: XFLAGS := -mssse3 -msse4.1
$(BUILD)/%_pclmul.o: XFLAGS := -mssse3 -msse4.1 -mpclmul
$(BUILD)/%_avx2.o: XFLAGS := -mavx2
$(BUILD)/%_vpclmul.o: XFLAGS := -mavx2 -mpclmul -mvpclmulqdq
$(BUILD)/%_bmi2.o: XFLAGS := -mbmi2 -madx

# ---- sources -------------------------------------------------------------
ASN1_MODULES := $(wildcard lib/asn1/*.asn)
ASN1_GEN := $(patsubst lib/asn1/%.asn,$(BUILD)/gen/%_asn1tab.c,$(ASN1_MODULES))
LIB_SRC := $(wildcard lib/gost/*.c lib/gost/x86_64/*.c lib/gost/x86_64/*.S \
                      lib/sespake/*.c lib/asn1/*.c lib/cloud/*.c)
LIB_OBJ := $(patsubst %,$(BUILD)/%.o,$(basename $(LIB_SRC))) \
           $(patsubst %.c,%.o,$(ASN1_GEN))
P11_SRC := $(wildcard cryptoki/*.c)
P11_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(P11_SRC))
KAT_SRC := $(filter-out tools/gost-kat/gost_kat_main.c,$(wildcard tools/gost-kat/*.c))
KAT_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(KAT_SRC))
TOOL_DIRS := $(filter-out gost-kat,$(notdir $(wildcard tools/*)))
TOOLS := $(addprefix $(BUILD)/bin/,gost-kat $(TOOL_DIRS))
BENCH_SRC := $(wildcard bench/*.c)
TEST_COMMON_SRC := $(wildcard tests/common/*.c)
UNIT_SRC := $(wildcard tests/unit/*.c)
CT_SRC := $(wildcard tests/ct/*.c)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZ_SRC))

STATIC_LIB := $(BUILD)/libgost.a
SHARED_LIB := $(BUILD)/libgost.so
P11_MODULE := $(if $(P11_SRC),$(BUILD)/libgost-pkcs11.so)
UNIT := $(BUILD)/tests/bin/unit
CTIME := $(BUILD)/tests/bin/ctime
FUZZ_REPLAY := $(BUILD)/tests/bin/fuzz-replay

.PHONY: all lib tools tests check check-bench bench install uninstall clean deps fuzz fuzz-smoke \
        check-unit check-kat check-kat-slow-start check-kat-slow-wait check-ct check-asan check-fuzz check-clients

all: lib $(P11_MODULE) tools $(BUILD)/bin/gost-bench tests
lib: $(STATIC_LIB) $(SHARED_LIB)
tools: $(TOOLS)
tests: $(UNIT) $(CTIME) $(FUZZ_REPLAY)

# ---- compile ---------------------------------------------------------------
$(BUILD)/lib/%.o: lib/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(XFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/lib/%.o: lib/%.S
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(filter-out -Werror,$(CFLAGS_ALL)) -MMD -MP -c $< -o $@

$(BUILD)/gen/%_asn1tab.c: lib/asn1/%.asn
	@mkdir -p $(dir $@)
	$(call say,ASN1,$@)
	$(Q)asn1Parser -o $@ -n $(subst -,_,$*)_asn1_tab $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(filter-out -Werror -Wmissing-prototypes,$(CFLAGS_ALL)) -c $< -o $@

$(BUILD)/cryptoki/%.o: cryptoki/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(P11_CPPFLAGS) -Icryptoki $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/tools/%.o: tools/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(P11_CPPFLAGS) -Itools/gost-kat -Itools/common $(CFLAGS_TEST) -MMD -MP -c $< -o $@

$(BUILD)/bench/%.o: bench/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(P11_CPPFLAGS) -Ibench $(CFLAGS_TEST) -MMD -MP -c $< -o $@

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(P11_CPPFLAGS) -Itests/common -Itests/ct -Itools/gost-kat $(CFLAGS_TEST) -MMD -MP -c $< -o $@

# ---- link ------------------------------------------------------------------
$(STATIC_LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@
	$(call say,AR,$@)
	$(Q)$(AR) rcs $@ $^

$(SHARED_LIB): $(LIB_OBJ)
	$(call say,LD,$@)
	$(Q)$(CC) -shared -Wl,-soname,libgost.so.$(SOVERSION) -Wl,-z,defs -Wl,-z,now $(LDFLAGS_ALL) \
	    -o $@ $^ $(LIBS)
	$(Q)ln -sf libgost.so $(BUILD)/libgost.so.$(SOVERSION)

$(BUILD)/libgost-pkcs11.so: $(P11_OBJ) $(STATIC_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) -shared -Wl,-z,defs -Wl,--version-script=cryptoki/exports.map $(LDFLAGS_ALL) \
	    -o $@ $(P11_OBJ) $(STATIC_LIB) $(LIBS)

$(BUILD)/bin/gost-kat: $(BUILD)/tools/gost-kat/gost_kat_main.o $(KAT_OBJ) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

define tool_rule
$(BUILD)/bin/$(1): $(patsubst %.c,$(BUILD)/%.o,$(wildcard tools/$(1)/*.c)) $(STATIC_LIB)
	@mkdir -p $$(dir $$@)
	$$(call say,LD,$$@)
	$$(Q)$$(CC) $$(LDFLAGS_ALL) -o $$@ $$^ $$(LIBS)
endef
$(foreach t,$(TOOL_DIRS),$(eval $(call tool_rule,$(t))))

# gost-bench links OpenSSL (--vs-openssl), nettle and libgcrypt (--vs-peers).
$(BUILD)/bin/gost-bench: $(patsubst %.c,$(BUILD)/%.o,$(BENCH_SRC)) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS) -lcrypto -lnettle -lgcrypt

$(UNIT): $(patsubst %.c,$(BUILD)/%.o,$(UNIT_SRC) $(TEST_COMMON_SRC)) $(KAT_OBJ) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ -lcriterion $(LIBS) -lcrypto

$(CTIME): $(patsubst %.c,$(BUILD)/%.o,$(CT_SRC)) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

# The fuzz harnesses, linked with a driver that replays their corpora (any compiler).
$(FUZZ_REPLAY): $(patsubst %.c,$(BUILD)/%.o,$(FUZZ_SRC)) $(BUILD)/tests/fuzz/replay_main.o $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

# libFuzzer builds (clang): the library once with coverage instrumentation,
# then one binary per harness (tests/fuzz/fuzz_NAME.c -> $(BUILD)/fuzz/NAME).
FUZZ_CC ?= clang
FUZZ_FLAGS := -std=c11 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_LIB_OBJ := $(patsubst %,$(BUILD)/fuzz/obj/%.o,$(basename $(LIB_SRC) $(ASN1_GEN:$(BUILD)/%=%)))
$(BUILD)/fuzz/obj/lib/%.o: lib/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS_ALL) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(XFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/fuzz/obj/lib/%.o: lib/%.S
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS_ALL) -c $< -o $@
$(BUILD)/fuzz/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS_ALL) $(FUZZ_FLAGS) -MMD -MP -c $< -o $@
$(BUILD)/fuzz/obj/%_ssse3.o: XFLAGS := -mssse3
$(BUILD)/fuzz/obj/%_sse41.o: XFLAGS := -mssse3 -msse4.1
$(BUILD)/fuzz/obj/%_pclmul.o: XFLAGS := -mssse3 -msse4.1 -mpclmul
$(BUILD)/fuzz/obj/%_avx2.o: XFLAGS := -mavx2
$(BUILD)/fuzz/obj/%_vpclmul.o: XFLAGS := -mavx2 -mpclmul -mvpclmulqdq
$(BUILD)/fuzz/obj/%_bmi2.o: XFLAGS := -mbmi2 -madx
$(BUILD)/fuzz/libgost-fuzz.a: $(FUZZ_LIB_OBJ)
	$(Q)rm -f $@
	$(call say,AR,$@)
	$(Q)$(AR) rcs $@ $^
$(BUILD)/fuzz/%: tests/fuzz/fuzz_%.c tests/fuzz/libfuzzer_main.c $(BUILD)/fuzz/libgost-fuzz.a
	$(call say,LD,$@)
	$(Q)$(FUZZ_CC) $(CPPFLAGS_ALL) $(P11_CPPFLAGS) -Itests/fuzz $(FUZZ_FLAGS) -fsanitize=fuzzer \
	    -o $@ $^ $(LIBS)

-include $(shell find $(addprefix $(BUILD)/,lib tools tests bench cryptoki fuzz/obj) -name '*.d' 2>/dev/null)

# ---- deps, check, bench ----------------------------------------------------
deps:
ifneq ($(SKIP_DEPS),1)
	@scripts/deps.sh
endif

VALGRIND := valgrind -q --error-exitcode=1 --track-origins=yes
CPU_PATHS := portable ssse3 avx2
FUZZ_SECONDS ?= 300
FUZZ_SMOKE_SECONDS ?= 10

# The vectors marked slow (minutes of PBKDF2 iterations) run in the
# background on the second core while the other stages run.
check: deps
	$(MAKE) all
	$(MAKE) check-kat-slow-start
	$(MAKE) check-kat check-unit check-ct check-fuzz check-bench
	$(MAKE) BUILD=$(BUILD)/asan SAN=1 OPT=-O1 check-asan
	$(MAKE) check-clients
	$(MAKE) check-kat-slow-wait
	@echo "make check: all stages passed"

check-kat: $(BUILD)/bin/gost-kat
	$(BUILD)/bin/gost-kat -q --fast vectors

check-kat-slow-start: $(BUILD)/bin/gost-kat
	@rm -f $(BUILD)/kat-slow.rc
	@echo "gost-kat --slow-only: started in the background (log in $(BUILD)/kat-slow.log)"
	@( $(BUILD)/bin/gost-kat --slow-only vectors > $(BUILD)/kat-slow.log 2>&1; \
	   echo $$? > $(BUILD)/kat-slow.rc ) &

check-kat-slow-wait:
	@while [ ! -f $(BUILD)/kat-slow.rc ]; do sleep 5; done
	@cat $(BUILD)/kat-slow.log
	@exit $$(cat $(BUILD)/kat-slow.rc)

# gost-bench in each of its modes, briefly (tests/bench/smoke.sh).
check-bench: $(BUILD)/bin/gost-bench
	BUILD=$(abspath $(BUILD)) bash tests/bench/smoke.sh

# The suite on every instruction-set path (GOST_CPU caps the dispatch): an
# SSSE3-only and a portable machine are simulated on this one.
check-unit: $(UNIT) $(P11_MODULE)
	@for p in $(CPU_PATHS); do \
	    echo "unit suite on path $$p"; \
	    GOST_CPU=$$p $(UNIT) --jobs 2 || exit 1; \
	done

check-ct: $(CTIME)
	@for p in $(CPU_PATHS); do \
	    echo "ctime on path $$p"; \
	    GOST_CPU=$$p $(VALGRIND) $(CTIME) || exit 1; \
	done
	@echo "ctime: the leak_demo cases must be reported (the check sees table lookups)"
	@if $(VALGRIND) $(CTIME) leak_demo >$(BUILD)/ctime-leak-demo.log 2>&1; then \
	    cat $(BUILD)/ctime-leak-demo.log; echo "ctime: leak_demo was NOT reported"; exit 1; \
	else grep -q 'uninitialised' $(BUILD)/ctime-leak-demo.log && echo "ctime: leak_demo reported, as it must be"; fi

# The unit suite (on every instruction-set path, as check-unit) and the
# fuzz corpora under ASan and UBSan.
check-asan: $(UNIT) $(FUZZ_REPLAY) $(P11_MODULE)
	@for p in $(CPU_PATHS); do \
	    echo "unit suite under ASan and UBSan on path $$p"; \
	    GOST_CPU=$$p ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	        LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp $(UNIT) --jobs 2 || exit 1; \
	done
	$(FUZZ_REPLAY) tests/fuzz/corpus

# Short libFuzzer runs when clang is present, else the corpus replay only.
check-fuzz: $(FUZZ_REPLAY)
	$(FUZZ_REPLAY) tests/fuzz/corpus
	@if command -v $(FUZZ_CC) >/dev/null 2>&1; then \
	    $(MAKE) --no-print-directory fuzz-run FUZZ_TIME=$(FUZZ_SMOKE_SECONDS); \
	else echo "check-fuzz: $(FUZZ_CC) absent, libFuzzer runs skipped"; fi

fuzz:
	$(MAKE) fuzz-run FUZZ_TIME=$(FUZZ_SECONDS)

fuzz-run: $(addprefix $(BUILD)/fuzz/,$(FUZZ_NAMES))
	@for n in $(FUZZ_NAMES); do \
	    mkdir -p $(BUILD)/fuzz/corpus/$$n tests/fuzz/corpus/$$n; \
	    echo "fuzz $$n for $(FUZZ_TIME)s"; \
	    $(BUILD)/fuzz/$$n -max_total_time=$(FUZZ_TIME) -print_final_stats=0 \
	        $(BUILD)/fuzz/corpus/$$n tests/fuzz/corpus/$$n >$(BUILD)/fuzz/$$n.log 2>&1 \
	        || { tail -50 $(BUILD)/fuzz/$$n.log; exit 1; }; \
	done

# Interop with real clients (OpenSC, NSS, p11-kit, GnuTLS); each script skips
# with a printed reason where its client is absent.
check-clients: all
	@for t in $(sort $(wildcard tests/clients/*.sh)); do \
	    echo "client test $$t"; BUILD=$(abspath $(BUILD)) bash $$t || exit 1; \
	done

bench: deps
	$(MAKE) all
	$(BUILD)/bin/gost-kat -q --fast vectors
	$(BUILD)/bin/gost-bench --vs-openssl

# ---- install ---------------------------------------------------------------
LIBDIR ?= $(PREFIX)/lib
# p11-kit's module files: Debian's p11-kit reads /usr/share/p11-kit/modules,
# /etc/pkcs11/modules and ~/.config/pkcs11/modules (pkcs11.conf(5)).
P11KIT_MODULE_DIR ?= $(PREFIX)/share/p11-kit/modules
install: lib $(P11_MODULE) tools
	install -d $(DESTDIR)$(PREFIX)/include/gost $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(PREFIX)/bin
	install -m 644 include/gost/*.h $(DESTDIR)$(PREFIX)/include/gost/
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(LIBDIR)/libgost.a
	install -m 755 $(SHARED_LIB) $(DESTDIR)$(LIBDIR)/libgost.so.$(VERSION)
	ln -sf libgost.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libgost.so.$(SOVERSION)
	ln -sf libgost.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libgost.so
	$(if $(P11_MODULE),install -d $(DESTDIR)$(LIBDIR)/pkcs11 && install -m 755 $(P11_MODULE) $(DESTDIR)$(LIBDIR)/pkcs11/)
	$(if $(P11_MODULE),install -d $(DESTDIR)$(P11KIT_MODULE_DIR) && \
	    sed -e 's|@LIBDIR@|$(LIBDIR)|g' p11-kit/libgost.module.in > $(DESTDIR)$(P11KIT_MODULE_DIR)/libgost.module)
	install -m 755 $(TOOLS) $(BUILD)/bin/gost-bench $(DESTDIR)$(PREFIX)/bin/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    gost.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/gost.pc

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/include/gost
	rm -f $(DESTDIR)$(LIBDIR)/libgost.* $(DESTDIR)$(LIBDIR)/pkgconfig/gost.pc \
	      $(DESTDIR)$(LIBDIR)/pkcs11/libgost-pkcs11.so $(DESTDIR)$(P11KIT_MODULE_DIR)/libgost.module
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/bin/,$(notdir $(TOOLS)) gost-bench)

clean:
	rm -rf $(BUILD)
