# Entry points of Basalt. See scripts/ for what each one runs.
#   make deps    install apt + npm dependencies (idempotent, quick when all present)
#   make build   Release build, binary at build/basalt
#   make serve   deps + build + run on 127.0.0.1:8080 with ./data (inits a project once)
#   make test    deps + build + ctest + e2e suite on SQLite and on PostgreSQL
#   make e2e     e2e suite only (BACKENDS="sqlite postgres"), no deps/build
#   make bench   benchmarks (expects build/basalt), writes bench/RESULTS.md
# Variables: JOBS (parallel build jobs, default 2), PRESET (CMake preset, default release),
# WERROR (ON: warnings are errors, as in CI; passed on every configure so that it never
# sticks in the shared build cache).

JOBS ?= 2
PRESET ?= release
WERROR ?= OFF
BACKENDS ?= sqlite postgres
export PRESET JOBS BACKENDS

.PHONY: deps build serve test e2e bench

deps:
	@scripts/deps.sh

build:
	cmake --preset $(PRESET) -DBASALT_WERROR=$(WERROR)
	cmake --build --preset $(PRESET) -j $(JOBS)

serve: deps build
	@scripts/serve.sh

test: deps build
	@scripts/test.sh

e2e:
	@scripts/test.sh --e2e-only

bench:
	@bench/run.sh
