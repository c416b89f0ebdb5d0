# SPDX-License-Identifier: AGPL-3.0-or-later
# The two commands a newcomer needs: `make run` and `make test`.
BUILD_DIR ?= build
JOBS ?= 2
PORT ?= 8080
DB ?= var/civic.db

.PHONY: all setup configure build run test unit-test api-test browser-test bench clean

all: build

setup:
	@scripts/setup

configure: setup
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Set up, build, and serve on http://localhost:8080 with the demo council on first start.
run: build
	@mkdir -p $(dir $(DB))
	$(BUILD_DIR)/civic serve --db $(DB) --port $(PORT)

# Set up, build, and run every test (unit, API, browser) through ctest.
test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	@bench/http.sh

clean:
	rm -rf $(BUILD_DIR)
