# winnow — top-level Makefile. Quick start (see README.md):
#   make demo   install missing packages, build, run winnow on examples/
#   make test   install, build with -Werror + ASan/UBSan, run every test
BUILD      ?= build
TESTBUILD  ?= build-test
PREFIX     ?= /usr/local
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build demo test install clean bench bench-text bench-warc valgrind

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

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

valgrind: deps
	./scripts/valgrind-check

bench: build
	./bench/html.sh

bench-text: build
	./bench/text.sh

bench-warc: build
	./bench/warc.sh

clean:
	rm -rf $(BUILD) $(TESTBUILD)
