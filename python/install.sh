#!/bin/sh
# install.sh BUILD_DIR SITE_DIR — installs the winnow Python package (make python).
#
# Copies python/winnow/ into SITE_DIR/winnow/ with the shared library built in
# BUILD_DIR beside it (as libwinnow.so, found there by _ffi.py), so the package
# needs nothing from the checkout afterwards. Nothing is compiled and nothing
# is downloaded: the binding is cffi in ABI mode (Debian's python3-cffi), so
# this works offline. SITE_DIR is Debian's /usr/local/lib/python3.X/dist-packages
# by default (make python PYTHON_SITE=... for a venv or another place).
set -eu
build=$1
site=$2
here=$(cd "$(dirname "$0")" && pwd)
so=$(readlink -f "$build/libwinnow.so")
[ -f "$so" ] || { echo "install.sh: $build/libwinnow.so not built" >&2; exit 1; }
mkdir -p "$site/winnow"
tmp="$site/winnow/.libwinnow.so.tmp"
cp "$so" "$tmp" && mv -f "$tmp" "$site/winnow/libwinnow.so"
for f in "$here"/winnow/*.py; do cp "$f" "$site/winnow/"; done
rm -rf "$site/winnow/__pycache__"
echo "winnow: Python package installed in $site/winnow" >&2
