# The two commands the README promises: `make run` and `make test`.
JOBS ?= $(shell nproc)
BUILD ?= build/release
ASAN_BUILD ?= build/asan
TSAN_BUILD ?= build/tsan
# What ThreadSanitizer checks: the threaded parts (sequencer, rate limiter, HTTP server and its
# WebSockets, the push hub, hashing pool, the payment provider's connection pool, tixpay's webhook
# deliverer and routes) and tixd itself (and tixpay) under the black-box concurrency and push tests.
TSAN_TARGETS = tixd service_test guard_test http_test auth_test auth_routes_test concurrency_test \
	payments_test tixpay_test tixpay_deliverer_test tixpay concurrency_payments_test \
	concurrency_tickets_test push_test e2e_push_test concurrency_bidding_test
LISTEN ?= 127.0.0.1:8080
DATA ?= ./var

.PHONY: run test test-release test-asan test-tsan build build-asan build-tsan bench deps format \
	format-check clean web

deps:
	@./scripts/install-deps.sh

# The web front end (web/ → web/dist), which tixd serves at / and the e2e tests drive.
web: deps
	@./scripts/build-web.sh

build: deps web
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DTIX_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

build-tsan: deps
	@cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=Release -DTIX_TSAN=ON >/dev/null
	@cmake --build $(TSAN_BUILD) -j $(JOBS) --target $(TSAN_TARGETS)

# The demo with real payments: tixpay (the payment-provider simulator) beside tixd, stopped together.
run: build
	./scripts/run-demo.sh $(BUILD) $(LISTEN) $(DATA)

# The whole suite, in a Release build and again under AddressSanitizer + UBSan; the concurrency
# tests once more under ThreadSanitizer.
test: test-release test-asan test-tsan

test-release: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 600

test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS) --timeout 900

# Only the tests of TSAN_TARGETS exist in that build; the layering check needs no sanitizer.
test-tsan: build-tsan
	cd $(TSAN_BUILD) && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
		ctest --output-on-failure -j $(JOBS) --timeout 900 -E '^layering$$|_NOT_BUILT$$'

# The on-sale benchmark: tixd and the Redis-Lua / PostgreSQL alternatives, all on loopback.
bench: build
	./bench/run.sh $(BUILD)

format:
	@git ls-files '*.h' '*.cpp' | xargs clang-format -i

format-check:
	@git ls-files '*.h' '*.cpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build web/dist
