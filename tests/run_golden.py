#!/usr/bin/env python3
"""Golden-test runner for winnow (stdlib only).

  run_golden.py WINNOW TEST.test...   run the given test(s) (ctest: one per call)
  run_golden.py WINNOW --all DIR      run every DIR/*.test, print "N passed, M failed"
  run_golden.py --check PATH...       only parse test files (or dirs of them)
  run_golden.py --extract DIR PATH... write each test's inputs into DIR/<test>/,
                                      its winnow arguments (one per line, input
                                      names last) into DIR/<test>.args and its
                                      stdin, if any, into DIR/<test>.stdin

A test file has "--- NAME" sections: args, input NAME, input-file NAME PATH,
input-base64 NAME, stdin, expect (JSONL), expect-raw (exact stdout), exit.
Lines before the first section are comments; see tests/data/*.test.
"""
import base64, difflib, json, os, shlex, subprocess, sys, tempfile

SPECIAL = {"text~": list, "text!~": list, "removed~": list, "absent": list, "error.code": str}


def parse(path):
    data = open(path, "rb").read()
    lines = [l + b"\n" for l in data.split(b"\n")]
    lines[-1] = lines[-1][:-1]
    if not lines[-1]:
        lines.pop()
    t = {"args": [], "inputs": [], "stdin": None, "expect": None, "raw": None, "exit": 0}
    secs, head, body = [], None, []
    for ln in lines:
        if ln.startswith(b"--- "):
            if head is not None:
                secs.append((head, b"".join(body)))
            head, body = ln[4:].decode("utf-8").split(), []
            if not head:
                raise ValueError("empty section header")
        elif head is None:
            if ln.strip() and not ln.startswith(b"#"):
                raise ValueError("text before the first section must be # comments")
        else:
            body.append(ln)
    if head is not None:
        secs.append((head, b"".join(body)))
    meta = lambda b: [l for l in b.decode("utf-8").splitlines() if l.strip() and not l.startswith("#")]
    for (kind, *rest), b in secs:
        want = {"input": 1, "input-base64": 1, "input-file": 2}.get(kind, 0)
        if len(rest) != want:
            raise ValueError("section %r takes %d argument(s)" % (kind, want))
        if rest and ("/" in rest[0] or rest[0] in (".", "..")):
            raise ValueError("input name must be a plain file name: %r" % rest[0])
        if kind == "args":
            t["args"] += shlex.split(" ".join(meta(b)))
        elif kind == "input":
            t["inputs"].append((rest[0], b))
        elif kind == "input-base64":
            t["inputs"].append((rest[0], base64.b64decode(b"".join(b.split()), validate=True)))
        elif kind == "input-file":
            with open(os.path.join(os.path.dirname(os.path.abspath(path)), rest[1]), "rb") as f:
                t["inputs"].append((rest[0], f.read()))
        elif kind == "stdin":
            t["stdin"] = b
        elif kind == "expect":
            t["expect"] = [json.loads(l) for l in meta(b)]
            for o in t["expect"]:
                if not isinstance(o, dict):
                    raise ValueError("expect lines must be JSON objects")
                for k, ty in SPECIAL.items():
                    if k in o and not isinstance(o[k], ty):
                        raise ValueError("%r must be a %s" % (k, ty.__name__))
                if any(not (isinstance(p, list) and len(p) == 2) for p in o.get("removed~", [])):
                    raise ValueError('"removed~" entries must be [reason, substring]')
        elif kind == "expect-raw":
            t["raw"] = b
        elif kind == "exit":
            t["exit"] = int(" ".join(meta(b)))
        else:
            raise ValueError("unknown section %r" % kind)
    if (t["expect"] is None) == (t["raw"] is None):
        raise ValueError("need exactly one of 'expect' and 'expect-raw'")
    return t


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool) or type(a) in (str, list, dict) or type(b) in (str, list, dict):
        if type(a) is not type(b):
            return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def show(v, n=300):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= n else s[:n] + "..."


def compare(exp, act, tmp):
    errs, text = [], act.get("text", "") if isinstance(act.get("text"), str) else ""
    for k, v in exp.items():
        if k == "text~":
            errs += ["text lacks %s" % show(s) for s in v if s not in text]
        elif k == "text!~":
            errs += ["text must not contain %s" % show(s) for s in v if s in text]
        elif k == "removed~":
            rem = act.get("removed") or []
            for reason, sub in v:
                if not any(isinstance(r, dict) and r.get("reason") == reason and sub in str(r.get("text", "")) for r in rem):
                    errs.append("no removed entry with reason %r containing %s; removed = %s" % (reason, show(sub), show(rem, 600)))
        elif k == "absent":
            errs += ["key %r must be absent, is %s" % (a, show(act[a])) for a in v if a in act]
        elif k == "error.code":
            got = act["error"].get("code") if isinstance(act.get("error"), dict) else None
            if got != v:
                errs.append("error.code: expected %r, got %r" % (v, got))
        elif k not in act:
            errs.append("key %r missing (expected %s)" % (k, show(v)))
        else:
            got = act[k]
            if k == "source" and isinstance(got, str):
                for d in {tmp, os.path.realpath(tmp)}:
                    got = got.replace(d + os.sep, "")
            if not same(v, got):
                msg = "%s: expected %s\n%s   got      %s" % (k, show(v), " " * len(k), show(got))
                if k == "text" and isinstance(v, str) and isinstance(got, str):
                    msg += "".join("\n  " + l for l in difflib.unified_diff(v.split("\n"), got.split("\n"), "expected", "actual", lineterm=""))
                errs.append(msg)
    return errs


def strict_obj(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key in object")
    for k, v in pairs:
        (k + (v if isinstance(v, str) else "")).encode("utf-8")  # rejects lone surrogates
    return dict(pairs)


def bad_constant(c):
    raise ValueError("non-standard JSON constant " + c)


def run(winnow, path):
    t = parse(path)
    env = dict(os.environ, ASAN_OPTIONS="exitcode=86:" + os.environ.get("ASAN_OPTIONS", ""),
               UBSAN_OPTIONS="halt_on_error=1:exitcode=87:" + os.environ.get("UBSAN_OPTIONS", ""))
    with tempfile.TemporaryDirectory(prefix="winnow-golden-") as tmp:
        for name, data in t["inputs"]:
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(data)
        cmd = [os.path.abspath(winnow)] + t["args"] + [n for n, _ in t["inputs"]]
        try:
            p = subprocess.run(cmd, cwd=tmp, input=t["stdin"] or b"", capture_output=True, env=env, timeout=60)
        except subprocess.TimeoutExpired:
            return ["timed out after 60 s"]
        errs = []
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode < 0:
            errs.append("killed by signal %d" % -p.returncode)
        elif p.returncode != t["exit"]:
            errs.append("exit code: expected %d, got %d" % (t["exit"], p.returncode))
        if "Sanitizer" in err or "runtime error:" in err:
            errs.append("sanitizer report on stderr")
        try:
            out = p.stdout.decode("utf-8")
        except UnicodeDecodeError as e:
            return errs + ["stdout is not valid UTF-8: %s" % e] + (["stderr: " + err[-2000:]] if err.strip() else [])
        if t["raw"] is not None:
            if p.stdout != t["raw"]:
                errs.append("stdout differs from expect-raw:")
                errs += ["  " + l for l in difflib.unified_diff(t["raw"].decode("utf-8", "replace").split("\n"), out.split("\n"), "expected", "actual", lineterm="")]
        else:
            if out and not out.endswith("\n"):
                errs.append("stdout does not end with a newline")
            lines = out.split("\n")[:-1] if out.endswith("\n") else out.split("\n") if out else []
            acts = []
            for i, l in enumerate(lines, 1):
                try:
                    o = json.loads(l, object_pairs_hook=strict_obj, parse_constant=bad_constant)
                    if not isinstance(o, dict):
                        raise ValueError("not an object")
                    acts.append(o)
                except Exception as e:
                    errs.append("stdout line %d is not a valid JSON object (%s): %s" % (i, e, l[:200]))
            if len(lines) != len(t["expect"]):
                errs.append("expected %d output line(s), got %d" % (len(t["expect"]), len(lines)))
            for i, (e, a) in enumerate(zip(t["expect"], acts), 1):
                errs += ["line %d: %s" % (i, m) for m in compare(e, a, tmp)]
        if errs and err.strip():
            errs.append("stderr: " + err[-2000:])
        return errs


def tests_in(paths):
    for p in paths:
        yield from (sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".test")) if os.path.isdir(p) else [p])


def extract(outdir, paths):
    """Writes every test's inputs, arguments and stdin under outdir (for
    running winnow on them with other tools, e.g. scripts/valgrind-check)."""
    n = 0
    for f in tests_in(paths):
        t = parse(f)
        name = os.path.splitext(os.path.basename(f))[0]
        d = os.path.join(outdir, name)
        os.makedirs(d, exist_ok=True)
        for iname, data in t["inputs"]:
            with open(os.path.join(d, iname), "wb") as g:
                g.write(data)
        argv = t["args"] + [iname for iname, _ in t["inputs"]]
        if any("\n" in a for a in argv):
            raise ValueError("%s: an argument holds a newline" % f)
        with open(os.path.join(outdir, name + ".args"), "w", encoding="utf-8") as g:
            g.write("".join(a + "\n" for a in argv))
        if t["stdin"] is not None:
            with open(os.path.join(outdir, name + ".stdin"), "wb") as g:
                g.write(t["stdin"])
        n += 1
    print("extracted %d test(s) into %s" % (n, outdir))
    return 0


def main(argv):
    if len(argv) >= 3 and argv[0] == "--extract":
        return extract(argv[1], argv[2:])
    if len(argv) >= 2 and argv[0] == "--check":
        bad = 0
        for f in tests_in(argv[1:]):
            try:
                parse(f)
                print("ok    " + f)
            except Exception as e:
                bad += 1
                print("BAD   %s: %s" % (f, e))
        return 1 if bad else 0
    all_mode = "--all" in argv[:-1]
    if all_mode:
        i = argv.index("--all")
        files, argv = list(tests_in([argv[i + 1]])), argv[:i] + argv[i + 2:]
    else:
        files = argv[1:]
    if len(argv) < 1 or not files or (all_mode and len(argv) != 1):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = 0
    for f in files:
        try:
            errs = run(argv[0], f)
        except (OSError, ValueError) as e:
            errs = ["cannot run test: %s" % e]
        failed += bool(errs)
        print("%s  %s" % ("FAIL" if errs else "PASS", f))
        for e in errs:
            print("    " + e.replace("\n", "\n    "))
    if len(files) > 1 or all_mode:
        print("%d passed, %d failed" % (len(files) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
