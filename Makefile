# xxgk — `make demo` and `make test` set up a fresh Debian machine that has Swift.
SHELL := /bin/bash
SWIFT ?= swift
BUILD_DIR ?= .build
XXGK := $(BUILD_DIR)/debug/xxgk
DEMO_OUT ?= out

# C libraries the package links (pkg-config name = Debian package).
PKGCONFIG_LIBS := xlsxwriter:libxlsxwriter-dev libxml-2.0:libxml2-dev minizip:libminizip-dev
# What the interop tests run: a real spreadsheet application and Python's xlsx libraries.
INTEROP_APT := libreoffice-calc fonts-wqy-microhei poppler-utils
INTEROP_PIP := openpyxl python-calamine XlsxWriter

.PHONY: all build release setup setup-interop demo test bench fuzz clean

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
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq --no-install-recommends $$missing >/dev/null 2>&1 || \
	  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; }; \
	fi
	@python3 -c "import openpyxl, python_calamine, xlsxwriter" 2>/dev/null || \
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

clean:
	rm -rf $(BUILD_DIR) $(DEMO_OUT)

# ---- fuzz: libFuzzer over the XLSX reader (Sources/XLSXFuzz), bounded by FUZZ_SECONDS ----
# Seeds are small valid workbooks (Tests/Scripts/make_xlsx_variant.py, stored uncompressed so
# mutations reach the XML), and the same sheets as bare XML for the harness's XML mode. Crashes land in $(FUZZ_DIR)/artifacts; each becomes a regression test.
FUZZ_DIR ?= .build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_SEEDS := no-r prefixed strict escapes shared-formulas rich-phonetic types workbook-parts absurd-dimension

fuzz: setup
	XXGK_FUZZ=1 $(SWIFT) build -c debug -Xswiftc -use-ld=lld --build-path $(FUZZ_DIR) --product XLSXFuzz
	@mkdir -p $(FUZZ_DIR)/seeds $(FUZZ_DIR)/corpus $(FUZZ_DIR)/artifacts
	@for seed in $(FUZZ_SEEDS); do \
	  XLSX_VARIANT_STORED=1 python3 Tests/Scripts/make_xlsx_variant.py $$seed $(FUZZ_DIR)/seeds/$$seed.xlsx; \
	  python3 Tests/Scripts/make_xlsx_variant.py --fuzz-seed $$seed $(FUZZ_DIR)/seeds/$$seed.xml; \
	done
	$(FUZZ_DIR)/debug/XLSXFuzz $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds -max_total_time=$(FUZZ_SECONDS) \
	  -timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix=$(FUZZ_DIR)/artifacts/ -print_final_stats=1
