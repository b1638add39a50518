# Steward's single entry point. `make demo` and `make test` are the README's two commands.
BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
FUZZ_DIR  ?= build-fuzz
JOBS      ?= $(shell nproc)
FUZZ_SECONDS ?= 60
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")

.PHONY: deps build demo test test-sanitize fuzz bench clean

deps:
	@scripts/install-deps.sh

build: deps
	@test -f $(BUILD_DIR)/CMakeCache.txt || cmake -S . -B $(BUILD_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(BUILD_DIR)/bin/steward demo

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Unit and end-to-end tests under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: deps
	@test -f $(ASAN_DIR)/CMakeCache.txt || cmake -S . -B $(ASAN_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DSTEWARD_SANITIZE=address,undefined
	cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ctest --output-on-failure -j $(JOBS) -LE slow

# Builds the libFuzzer targets with clang and runs each on its seed corpus for FUZZ_SECONDS.
fuzz: deps
	@test -f $(FUZZ_DIR)/CMakeCache.txt || CXX=clang++-14 cmake -S . -B $(FUZZ_DIR) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTEWARD_BUILD_FUZZERS=ON -DSTEWARD_BUILD_TESTS=OFF
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzzers
	fuzz/run_fuzzers.sh $(FUZZ_DIR)/fuzz $(FUZZ_SECONDS)

bench: build
	@scripts/install-deps.sh --bench
	bench/run.sh

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
