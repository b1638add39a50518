# Steward's single entry point. `make demo` and `make test` are the README's two commands.
BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
FUZZ_DIR  ?= build-fuzz
TSAN_DIR  ?= build-tsan
JOBS      ?= $(shell nproc)
FUZZ_SECONDS ?= 60
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")
# Unity builds compile each module's headers once per batch of files: CI's three builds take
# half the time. Names in a module's anonymous namespaces must therefore be unique in it.
UNITY     ?= -DCMAKE_UNITY_BUILD=ON

.PHONY: deps build demo test test-sanitize test-tsan fuzz bench clean

deps:
	@scripts/install-deps.sh

build: deps
	@test -f $(BUILD_DIR)/CMakeCache.txt || cmake -S . -B $(BUILD_DIR) $(GENERATOR) $(UNITY) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(BUILD_DIR)/bin/steward demo

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Sanitizer builds keep line tables only (-g1): enough for their reports, and quicker to build.
# Unit and end-to-end tests under AddressSanitizer and UndefinedBehaviorSanitizer (the oracle
# comparisons run in `make test`; the end-to-end tests already take every command through
# real data under the sanitizers; the browser test checks HTML that a sanitizer cannot change).
test-sanitize: deps
	@test -f $(ASAN_DIR)/CMakeCache.txt || cmake -S . -B $(ASAN_DIR) $(GENERATOR) $(UNITY) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DSTEWARD_SANITIZE=address,undefined
	cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ctest --output-on-failure -j $(JOBS) -LE "slow|oracle|browser"

# The tests of concurrent code (thread pool, multi-threaded CSV reading, the prediction log's
# background writer, the server's live drift window) under ThreadSanitizer.
test-tsan: deps
	@test -f $(TSAN_DIR)/CMakeCache.txt || cmake -S . -B $(TSAN_DIR) $(GENERATOR) $(UNITY) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DSTEWARD_SANITIZE=thread
	cmake --build $(TSAN_DIR) -j $(JOBS) --target core_test io_test prediction_log_test live_window_test
	$(TSAN_DIR)/src/steward/core/core_test --gtest_filter='ThreadPool*'
	$(TSAN_DIR)/src/steward/io/io_test --gtest_filter='CsvReader*:JsonLines*'
	$(TSAN_DIR)/src/steward/io/prediction_log_test
	$(TSAN_DIR)/src/steward/monitor/live_window_test

# Builds the libFuzzer targets with clang and runs each on its seed corpus for FUZZ_SECONDS.
fuzz: deps
	@test -f $(FUZZ_DIR)/CMakeCache.txt || CXX=clang++-14 cmake -S . -B $(FUZZ_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTEWARD_BUILD_FUZZERS=ON -DSTEWARD_BUILD_TESTS=OFF
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzzers
	fuzz/run_fuzzers.sh $(FUZZ_DIR)/fuzz $(FUZZ_SECONDS)

bench: build
	@scripts/install-deps.sh --bench
	bench/run.sh
	bench/profile.sh
	bench/train.sh
	bench/explain.sh
	bench/fairness.sh
	bench/registry.sh
	bench/serve.sh
	bench/serve_drift.sh
	bench/monitor.sh
	bench/pii.sh

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR) $(FUZZ_DIR)
