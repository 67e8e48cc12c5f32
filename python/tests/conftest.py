"""pytest set-up for the winnow package's tests (run by ctest: tests/CMakeLists.txt).

The package is imported from python/ (or wherever PYTHONPATH points); the
library from $WINNOW_LIB and the CLI from $WINNOW_CLI when set (ctest sets
both to the build under test), else the checkout's build/. Fixtures are the
inputs of the golden tests (tests/data/*.test), extracted once per session.
"""
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))


def cli_path() -> str:
    return os.environ.get("WINNOW_CLI") or os.path.join(ROOT, "build", "winnow")


@pytest.fixture(scope="session")
def cli() -> str:
    p = cli_path()
    if not os.access(p, os.X_OK):
        pytest.fail(f"winnow CLI not found at {p} (set WINNOW_CLI)")
    return p


@pytest.fixture(scope="session")
def golden(tmp_path_factory):
    """{test name: (args, [input paths])} for every tests/data/*.test."""
    d = tmp_path_factory.mktemp("golden")
    tests = sorted(os.path.join(ROOT, "tests", "data", f)
                   for f in os.listdir(os.path.join(ROOT, "tests", "data")) if f.endswith(".test"))
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "run_golden.py"), "--extract",
                    str(d)] + tests, check=True, capture_output=True)
    out = {}
    for name in sorted(os.listdir(d)):
        if not name.endswith(".args"):
            continue
        t = name[:-5]
        args = open(os.path.join(d, name), encoding="utf-8").read().splitlines()
        idir = os.path.join(d, t)
        inputs = []
        if os.path.isdir(idir):
            inputs = sorted(os.path.join(idir, f) for f in os.listdir(idir))
        out[t] = (args, inputs)
    return out
