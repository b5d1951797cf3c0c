# xxgk — `make demo` and `make test` set up a fresh Debian machine that has Swift.
SHELL := /bin/bash
SWIFT ?= swift
BUILD_DIR ?= .build
XXGK := $(BUILD_DIR)/debug/xxgk
DEMO_OUT ?= out

# C libraries the package links (pkg-config name = Debian package).
PKGCONFIG_LIBS := xlsxwriter:libxlsxwriter-dev libxml-2.0:libxml2-dev minizip:libminizip-dev poppler-glib:libpoppler-glib-dev
# What the interop tests run: a real spreadsheet application and Python's xlsx libraries.
# chromium + chromium-driver (with selenium) drive the web page of `xxgk serve` in a real browser.
INTEROP_APT := libreoffice-calc fonts-wqy-microhei poppler-utils chromium chromium-driver
INTEROP_PIP := openpyxl python-calamine XlsxWriter selenium

.PHONY: all build release setup setup-interop demo test soak bench bench-text fuzz clean install

all: build

# Installs each missing -dev package (apt-get update only when a package is not found).
setup:
	@missing=""; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	for pair in $(PKGCONFIG_LIBS); do \
	  pc=$${pair%%:*}; pkg=$${pair##*:}; \
	  pkg-config --exists $$pc 2>/dev/null || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq --no-install-recommends $$missing >/dev/null 2>&1 || \
	  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; }; \
	fi

setup-interop: setup
	@missing=""; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-calc"; \
	/usr/bin/python3 -c "import uno" 2>/dev/null || missing="$$missing python3-uno"; \
	fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || missing="$$missing fonts-wqy-microhei"; \
	command -v pdfinfo >/dev/null || missing="$$missing poppler-utils"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq --no-install-recommends $$missing >/dev/null 2>&1 || \
	  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; }; \
	fi
	@python3 -c "import openpyxl, python_calamine, xlsxwriter, selenium" 2>/dev/null || \
	  python3 -m pip install -q --disable-pip-version-check $(INTEROP_PIP)

build: setup
	$(SWIFT) build --build-path $(BUILD_DIR)

# The main job on the shipped examples: check the sample report, convert it to every kind. The
# JSON and the text are one report: checked together they would be duplicates (batch.duplicate).
demo: build
	@mkdir -p $(DEMO_OUT)
	$(XXGK) check --rules examples/000_dongxihu_2020.json
	$(XXGK) check examples/000_dongxihu_2020.txt
	$(XXGK) convert examples/000_dongxihu_2020.txt $(DEMO_OUT)/000_dongxihu_2020.from-text.json
	$(XXGK) convert examples/000_dongxihu_2020.json $(DEMO_OUT)/000_dongxihu_2020.xlsx
	$(XXGK) convert examples/000_dongxihu_2020.json $(DEMO_OUT)/000_dongxihu_2020.txt
	$(XXGK) convert examples/000_dongxihu_2020.json $(DEMO_OUT)/000_dongxihu_2020.md
	$(XXGK) template --form 2019 -o $(DEMO_OUT)/template-2019.xlsx
	$(XXGK) template --form 2021 -o $(DEMO_OUT)/template-2021.xlsx
	@echo "wrote $(DEMO_OUT)/: the example as JSON (read from its text), workbook, text and Markdown, and both blank templates"

# The tests are XCTest; the last line restates XCTest's count as "N passed, N failed".
# They run with XXGK_LANG=en: most assert the English catalogue's exact sentences; the tests of
# the Chinese default set the language themselves.
test: setup-interop soak
	$(SWIFT) build --build-path $(BUILD_DIR) --build-tests
	@set -o pipefail; XXGK_LANG=en $(SWIFT) test --build-path $(BUILD_DIR) --skip-build --disable-swift-testing 2>&1 | tee $(BUILD_DIR)/test.log; \
	status=$$?; \
	line=$$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" $(BUILD_DIR)/test.log | tail -n 1); \
	total=$$(echo "$$line" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/'); \
	failed=$$(echo "$$line" | sed -E 's/.*with ([0-9]+) failures?.*/\1/'); \
	if [ -n "$$line" ]; then echo "$$((total - failed)) passed, $$failed failed"; fi; \
	exit $$status

# Every product in .build-release (the benchmarks), and the binary users run, `xxgk`, with the
# Swift runtime and Foundation linked in (.build-static): it then needs no Swift toolchain on
# the machine, and a start spends 23 million fewer instructions binding symbols of shared
# libraries (docs/SPEED.md).
RELEASE_XXGK := .build-static/release/xxgk
release: setup
	$(SWIFT) build -c release --build-path .build-release
	$(SWIFT) build -c release --static-swift-stdlib --build-path .build-static --product xxgk

# The round-trip soak of `make test` (issue 13, docs/ROUNDTRIP.md): SOAK_REPORTS random reports
# through every pair of kinds, in the release build (a debug build does about 50 in a minute);
# fails, naming the seed, when a trip loses a value. `make bench` runs 10,000 (bench/soak.sh).
SOAK_REPORTS ?= 3000
soak: setup
	$(SWIFT) build -c release --build-path .build-release --product xxgk-soak
	.build-release/release/xxgk-soak $(SOAK_REPORTS)

# Every benchmark script in bench/ (each prints its own figures and ratios).
bench: setup-interop release
	@for script in bench/*.sh; do echo "== $$script"; XXGK=$(RELEASE_XXGK) bash "$$script" || exit 1; done

# Only the text parser's figures (bench/text.sh: instructions per corpus report, main against this tree).
bench-text: release
	XXGK=$(RELEASE_XXGK) bash bench/text.sh

clean:
	rm -rf $(BUILD_DIR) $(DEMO_OUT)

# Installs the release binary (with `xxgk serve`; its pages are embedded, nothing else to copy).
PREFIX ?= /usr/local
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(RELEASE_XXGK) $(DESTDIR)$(PREFIX)/bin/xxgk

# ---- readers: fuzzing (libFuzzer over every reader of the registry) --------------------------
# One harness, Fuzz/ReaderFuzz, feeds each input to the registry's reader named by
# XXGK_FUZZ_KIND; FUZZ_KINDS lists the kinds run, one after another, FUZZ_SECONDS each, from
# the real files of Tests/Fixtures (FUZZ_SEEDS_KIND: corpus texts and JSON, pages, PDFs; inputs
# are cut to FUZZ_MAX_LEN bytes) and Fuzz/corpus/KIND (sheet XML and workbooks xxgk wrote). A crash, a hang over FUZZ_TIMEOUT s or a memory blow-up over
# FUZZ_RSS_MB leaves its input in .build-fuzz/artifacts/KIND/ and fails the target; each such
# input becomes a named fixture under Tests/Fixtures/fuzz/KIND/ (replayed by FuzzRegressionTests).
#
# The build snag: -Xswiftc -sanitize=fuzzer reaches every executable, the build plugin's host
# tool (EmbedFormsTool, which embeds templates/*.json into ReportModel) included, and libFuzzer's
# `main` then fails its link (no LLVMFuzzerTestOneInput). -Xbuild-tools-swiftc does not help: on
# a native build the plugin's tool is built for the destination. So -Xswiftc carries only address
# sanitizer and coverage instrumentation (the tool links with those: ASan's runtime has weak
# coverage hooks), and XXGK_FUZZ=1 makes Package.swift add -sanitize=fuzzer and -DFUZZING to
# the harness alone. The manifest cache is off so the variable is always seen. Release: a debug
# build under ASan ran about 20 inputs a second over the workbook seeds. Leak detection is off:
# the form catalog and the readers' caches are process-wide and live to exit, which
# LeakSanitizer reports as leaks; a leak per input shows up as growth to -rss_limit_mb instead.
FUZZ_SECONDS ?= 50
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB ?= 2048
FUZZ_KINDS ?= xlsx txt json html pdf
FUZZ_MAX_LEN ?= 65536
FUZZ_SEEDS_xlsx :=
FUZZ_SEEDS_txt := Tests/Fixtures/text Tests/Fixtures/corpus
FUZZ_SEEDS_json := Tests/Fixtures/corpus
FUZZ_SEEDS_html := Tests/Fixtures/html
FUZZ_SEEDS_pdf := Tests/Fixtures/pdf
FUZZ_BUILD := XXGK_FUZZ=1 $(SWIFT) build -c release --build-path .build-fuzz --manifest-cache none --product xxgk-fuzz-reader \
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp

fuzz: setup
	@set -o pipefail; $(FUZZ_BUILD) 2>&1 | grep -v "Cannot export local symbol" | tail -n 1
	@failed=""; for kind in $(FUZZ_KINDS); do \
	  mkdir -p .build-fuzz/corpus/$$kind .build-fuzz/artifacts/$$kind Fuzz/corpus/$$kind; \
	  echo "== fuzz $$kind ($(FUZZ_SECONDS) s)"; \
	  ASAN_OPTIONS=detect_leaks=0 XXGK_FUZZ_KIND=$$kind .build-fuzz/release/xxgk-fuzz-reader -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_TIMEOUT) \
	    -rss_limit_mb=$(FUZZ_RSS_MB) -malloc_limit_mb=$(FUZZ_RSS_MB) -detect_leaks=0 -print_final_stats=1 -max_len=$(FUZZ_MAX_LEN) \
	    -artifact_prefix=.build-fuzz/artifacts/$$kind/ \
	    .build-fuzz/corpus/$$kind Fuzz/corpus/$$kind $(foreach k,$(FUZZ_KINDS),$$([ $$kind = $(k) ] && echo $(FUZZ_SEEDS_$(k)))) > .build-fuzz/$$kind.log 2>&1; status=$$?; \
	  grep -E "^#[0-9]+ +DONE|^Done|stat::number_of_executed_units|ERROR|SUMMARY|Slowest|timeout" .build-fuzz/$$kind.log; \
	  [ $$status -eq 0 ] || { echo "fuzz $$kind failed: see .build-fuzz/$$kind.log and .build-fuzz/artifacts/$$kind/"; failed="$$failed $$kind"; }; \
	done; \
	[ -z "$$failed" ] || { echo "fuzz failed for:$$failed"; exit 1; }
