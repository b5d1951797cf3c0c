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

.PHONY: all build release setup setup-interop demo test bench bench-text fuzz clean install

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

# The main job on the shipped examples: check the sample report, convert it to every kind.
demo: build
	@mkdir -p $(DEMO_OUT)
	$(XXGK) check --rules examples/
	$(XXGK) convert examples/000_dongxihu_2020.txt $(DEMO_OUT)/000_dongxihu_2020.from-text.json
	$(XXGK) convert examples/000_dongxihu_2020.json $(DEMO_OUT)/000_dongxihu_2020.xlsx
	$(XXGK) convert examples/000_dongxihu_2020.json $(DEMO_OUT)/000_dongxihu_2020.txt
	$(XXGK) convert examples/000_dongxihu_2020.json $(DEMO_OUT)/000_dongxihu_2020.md
	$(XXGK) template --form 2019 -o $(DEMO_OUT)/template-2019.xlsx
	$(XXGK) template --form 2021 -o $(DEMO_OUT)/template-2021.xlsx
	@echo "wrote $(DEMO_OUT)/: the example as JSON (read from its text), workbook, text and Markdown, and both blank templates"

# The tests are XCTest; the last line restates XCTest's count as "N passed, N failed".
test: setup-interop
	$(SWIFT) build --build-path $(BUILD_DIR) --build-tests
	@set -o pipefail; $(SWIFT) test --build-path $(BUILD_DIR) --skip-build --disable-swift-testing 2>&1 | tee $(BUILD_DIR)/test.log; \
	status=$$?; \
	line=$$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" $(BUILD_DIR)/test.log | tail -n 1); \
	total=$$(echo "$$line" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/'); \
	failed=$$(echo "$$line" | sed -E 's/.*with ([0-9]+) failures?.*/\1/'); \
	if [ -n "$$line" ]; then echo "$$((total - failed)) passed, $$failed failed"; fi; \
	exit $$status

release: setup
	$(SWIFT) build -c release --build-path .build-release

# Every benchmark script in bench/ (each prints its own figures and ratios).
bench: setup-interop release
	@for script in bench/*.sh; do echo "== $$script"; XXGK=.build-release/release/xxgk bash "$$script" || exit 1; done

# Only the text parser's figures (bench/text.sh: instructions per corpus report, main against this tree).
bench-text: release
	XXGK=.build-release/release/xxgk bash bench/text.sh

clean:
	rm -rf $(BUILD_DIR) $(DEMO_OUT)

# Installs the release binary (with `xxgk serve`; its pages are embedded, nothing else to copy).
PREFIX ?= /usr/local
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build-release/release/xxgk $(DESTDIR)$(PREFIX)/bin/xxgk

# ---- reader: fuzzing (libFuzzer over the XLSX reader) --------------------------------------
# Builds Fuzz/ReaderFuzz with -sanitize=fuzzer,address in its own build path and runs it for
# FUZZ_SECONDS from the seeds in Fuzz/corpus. A crash leaves its input in .build-fuzz/artifacts/
# and fails the target; such inputs become regression fixtures under Tests/.
FUZZ_SECONDS ?= 50
FUZZ_FLAGS := -Xswiftc -sanitize=fuzzer,address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp -Xswiftc -DFUZZING

fuzz: setup
	@# The host tools of the build plugin fail to link with fuzzer flags; the fuzz product does not need them.
	-@$(SWIFT) build --build-path .build-fuzz --product xxgk-fuzz-reader $(FUZZ_FLAGS) >/dev/null 2>&1
	$(SWIFT) build --build-path .build-fuzz --product xxgk-fuzz-reader $(FUZZ_FLAGS) 2>&1 | grep -v "Cannot export local symbol" | tail -n 1
	@mkdir -p .build-fuzz/corpus .build-fuzz/artifacts
	set -o pipefail; .build-fuzz/debug/xxgk-fuzz-reader -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=1024 \
	  -artifact_prefix=.build-fuzz/artifacts/ .build-fuzz/corpus Fuzz/corpus 2>&1 | grep -E "^#[0-9]+ +DONE|^Done|ERROR|SUMMARY"
