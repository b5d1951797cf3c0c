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

.PHONY: all build setup setup-interop demo test bench fuzz clean

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
	$(XXGK) check examples/
	$(XXGK) convert examples/000_dongxihu_2020.json $(DEMO_OUT)/000_dongxihu_2020.json
	$(XXGK) template --form 2019 -o $(DEMO_OUT)/template-2019.xlsx
	$(XXGK) template --form 2021 -o $(DEMO_OUT)/template-2021.xlsx
	$(XXGK) convert examples/000_dongxihu_2020.json $(DEMO_OUT)/000_dongxihu_2020.xlsx
	@echo "wrote $(DEMO_OUT)/"

test: setup-interop
	$(SWIFT) build --build-path $(BUILD_DIR) --build-tests
	$(SWIFT) test --build-path $(BUILD_DIR) --skip-build

# ---- bench: the XLSX writer (release build) beside Python's XlsxWriter ----------------------
RELEASE_DIR ?= .build-release
BENCH_COUNT ?= 1000
BENCH_PY_COUNT ?= 200

bench: setup-interop
	$(SWIFT) build -c release --build-path $(RELEASE_DIR)
	python3 bench/run_bench.py $(RELEASE_DIR)/release/xxgk $(RELEASE_DIR)/release/xxgk-workbook-bench \
	  examples/000_dongxihu_2020.json $(BENCH_COUNT) $(BENCH_PY_COUNT)
# ---- end bench --------------------------------------------------------------------------------

clean:
	rm -rf $(BUILD_DIR) $(DEMO_OUT)
