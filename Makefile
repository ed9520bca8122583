# Entry points of Basalt. See scripts/ for what each one runs.
#   make deps    install apt + npm dependencies (idempotent, quick when all present)
#   make build   Release build of the server, binary at build/basalt (build-all: tests and benchmarks too)
#   make serve   deps + build + run on 127.0.0.1:8080 with ./data (inits a project once)
#   make test    deps + build + ctest + e2e suite on SQLite and on PostgreSQL
#   make e2e     e2e suite only (BACKENDS="sqlite postgres"), no deps/build
#   make bench   deps + build-all + benchmarks, writes bench/RESULTS.md
# Variables: JOBS (parallel build jobs, default 2), PRESET (CMake preset, default release),
# WERROR (ON: warnings are errors, as in CI; passed on every configure so that it never
# sticks in the shared build cache).

JOBS ?= 2
PRESET ?= release
WERROR ?= OFF
BACKENDS ?= sqlite postgres
export PRESET JOBS BACKENDS

.PHONY: deps configure build build-all serve test e2e bench

deps:
	@scripts/deps.sh

configure:
	cmake --preset $(PRESET) -DBASALT_WERROR=$(WERROR)

# The server alone (what `make serve` needs).
build: configure
	cmake --build --preset $(PRESET) -j $(JOBS) --target basalt

# The server, the test suites and the benchmark programs.
build-all: configure
	cmake --build --preset $(PRESET) -j $(JOBS)

serve: deps build
	@scripts/serve.sh

test: deps build-all
	@scripts/test.sh

e2e:
	@scripts/test.sh --e2e-only

bench: deps build-all
	@bench/run.sh
