# winnow — top-level Makefile. Quick start (see README.md):
#   make demo   install missing packages, build, run winnow on examples/
#   make test   install, build with -Werror + ASan/UBSan, run every test,
#               then fuzz every input reader for 60 s (see tests/fuzz/README.md)
#   make fuzz   fuzz every input reader for FUZZ_SECONDS (default 300) each
#   make python build the shared library and install the Python package for
#               Debian's /usr/bin/python3 (docs/python.md)
BUILD      ?= build
TESTBUILD  ?= build-test
FUZZBUILD  ?= build-fuzz
FUZZ_SECONDS ?= 300
FUZZ_JOBS  ?= 2
FUZZ_TARGETS ?= json text html feeds warc records dedup
PREFIX     ?= /usr/local
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
PYTHON     ?= /usr/bin/python3
PYTHON_SITE ?= $(shell $(PYTHON) -c 'import site; print(site.getsitepackages()[0])' 2>/dev/null)

.PHONY: all deps build demo test install python clean bench bench-text bench-warc bench-dedup bench-python bench-ranges bench-store bench-serve screenshots valgrind

all: build

deps:
	@./scripts/install-deps

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=$(PREFIX) -DWINNOW_TESTS=OFF >/dev/null

build: deps $(BUILD)/Makefile
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@for f in examples/*; do echo "# $$f" >&2; ./$(BUILD)/winnow "$$f"; done

test: deps
	cmake -S . -B $(TESTBUILD) -DCMAKE_BUILD_TYPE=Debug -DWINNOW_SANITIZE=ON -DWINNOW_WERROR=ON >/dev/null
	cmake --build $(TESTBUILD) -j $(JOBS)
	cd $(TESTBUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=60

# libFuzzer targets (clang, ASan+UBSan) in their own build directory; each
# runs FUZZ_SECONDS on a copy of its seeds in $(FUZZBUILD)/corpus/<target>,
# FUZZ_JOBS at a time. A crash fails the target and leaves its input in
# $(FUZZBUILD)/crashes/<target>/.
fuzz-build: deps
	CC=clang cmake -S . -B $(FUZZBUILD) -DWINNOW_FUZZ=ON -DWINNOW_TESTS=OFF \
	  -DCMAKE_BUILD_TYPE= -DCMAKE_C_FLAGS="-O1 -g" >/dev/null
	cmake --build $(FUZZBUILD) --target fuzz_all -j $(JOBS)

fuzz: fuzz-build
	./tests/fuzz/run.sh $(FUZZBUILD) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_TARGETS)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# the Python package (python/): the package and libwinnow.so copied into
# PYTHON_SITE, offline, nothing compiled at install (cffi ABI mode)
python: build
	./python/install.sh $(BUILD) $(PYTHON_SITE)
	@$(PYTHON) -c 'import winnow; print("winnow", winnow.version(), "for", __import__("sys").executable)'

valgrind: deps
	./scripts/valgrind-check

bench: build
	./bench/html.sh --no-text
	./bench/quality.py --peer
	./bench/text.sh

bench-text: build
	./bench/text.sh

bench-warc: build
	./bench/warc.sh

# Python (1 and 2 threads) and Dask (LocalCluster, 1 and 2 workers) against
# the CLI in the same run, on the pages packed into WARC files (bench/scale.py)
bench-python: build
	$(PYTHON) ./bench/scale.py

# one large JSONL dump on Dask: one task for the file against byte ranges
# (bench/ranges.py), the CLI in the same run
bench-ranges: build
	$(PYTHON) ./bench/ranges.py

# near-duplicate clustering: the corpus (bench/dedup-corpus.py, ~15 s) is
# built when missing or older than its script, then winnow --dedup is scored
# against the MinHash baselines (bench/dedup.py; DEDUP_ARGS=--sweep adds the
# settings sweep)
bench/out/dedup/truth.json: bench/dedup-corpus.py bench/dedup-donors.txt
	./bench/dedup-corpus.py

bench-dedup: build bench/out/dedup/truth.json
	./bench/dedup.py $(DEDUP_ARGS)

# the article store: ingest rate, bytes per 1,000 articles, search latency
# (bench/store.py; makes the 100k synthetic JSONL when missing, ~25 s)
bench-store: build
	./bench/store.py $(STORE_ARGS)

# winnow serve under load: a store of the dev pages + 100k synthetic articles
# (built once into bench/out/serve/base.db), then 30 s of concurrent search
# and article requests on loopback (wrk) while an ingest writes to the same
# database; SERVE_ARGS="--seconds N --connections N --rebuild"
bench-serve: build
	./bench/serve.sh $(SERVE_ARGS)

# docs/img/{search,article,story}.png from the example pages of the browser
# tests (tests/browser/screenshots.js, headless chromium)
screenshots: build
	./tests/browser/setup.sh
	node tests/browser/screenshots.js $(BUILD)/winnow docs/img

clean:
	rm -rf $(BUILD) $(TESTBUILD) $(FUZZBUILD)
