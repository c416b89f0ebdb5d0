# SPDX-License-Identifier: AGPL-3.0-or-later
# The two commands a newcomer needs: `make run` and `make test`.
BUILD_DIR ?= build
JOBS ?= 2
PORT ?= 8080
DB ?= var/civic.db

# The Node.js that scripts/setup fetches when the machine's is older than 20 comes first for
# every target (sass, the node tests). A folder that does not exist yet changes nothing.
export PATH := $(CURDIR)/.tools/node/bin:$(PATH)

CMAKE_CONFIGURE = cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all setup setup-test configure configure-test build run test bench bench-import bench-indicators clean

all: build

# What building and running need.
setup:
	@scripts/setup

# That, and what the tests add.
setup-test:
	@scripts/setup --test

# The tests are configured when GoogleTest is there (CIVIC_TESTS, on by default then);
# `make test` asks for them, so a missing test tool fails the configure instead.
configure: setup
	@$(CMAKE_CONFIGURE) >/dev/null

configure-test: setup-test
	@$(CMAKE_CONFIGURE) -DCIVIC_TESTS=ON >/dev/null

# Everything make test builds, without running the tests.
build: configure-test
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Set up, build, and serve on http://localhost:8080 with the demo council on first start.
run: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target civic
	@mkdir -p $(dir $(DB))
	$(BUILD_DIR)/civic serve --db $(DB) --port $(PORT)

# Set up, build, and run every test (unit, API, browser) through ctest.
test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@bench/http.sh

# civic import against sqlite3 .import of the same files (100,000 units and people).
bench-import: build
	@bench/import.sh

# The indicators module: a million values and a million benchmark values against sqlite3
# .import of the same files, and the scorecard of 1,000 indicators against reading its rows.
bench-indicators: build
	@bench/indicators.sh

clean:
	rm -rf $(BUILD_DIR)
