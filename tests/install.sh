#!/bin/sh
# Install test: `cmake --install` of this build into a temporary prefix
# gives the program, both libraries, the header and a pkg-config file with
# which docs/example.c compiles and runs.
#   tests/install.sh BUILD_DIR SOURCE_DIR [EXTRA_CFLAGS]
set -eu
build=$1 src=$2 extra=${3:-}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null
for f in bin/winnow include/winnow.h lib/libwinnow.a lib/libwinnow.so lib/pkgconfig/winnow.pc; do
    [ -e "$prefix/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046,SC2086
cc $extra "$src/docs/example.c" $(pkg-config --cflags --libs winnow) -Wl,-rpath,"$prefix/lib" \
    -o "$prefix/example"
out=$("$prefix/example" "$src/tests/data/fixtures/scraper-record.txt")
case $out in
    *"Vance, Zelensky Discuss"*) echo "1 passed, 0 failed" ;;
    *) echo "FAIL: unexpected output: $out"; exit 1 ;;
esac
