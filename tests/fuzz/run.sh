#!/bin/sh
# run.sh BUILD SECONDS JOBS TARGET... — runs libFuzzer targets (`make fuzz`
# and `make test` call this; see README.md here).
#
# For each target, JOBS at a time: replay tests/fuzz/regressions/<target>-*,
# then fuzz for SECONDS on BUILD/corpus/<target> (the seeds are copied in;
# inputs found earlier stay and are merged down to a minimal set once there
# are more than FUZZ_MERGE_AT (4000) files; the repository is never written), crashes,
# leaks, timeouts and OOMs into BUILD/crashes/<target>/, the log in
# BUILD/logs/<target>.log. Prints one summary line per target and exits
# non-zero if any target crashed or any regression input fails.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = "--one" ]; then
    # worker: run.sh --one BUILD SECONDS TARGET
    B=$2 S=$3 t=$4
    exe=$B/tests/fuzz/fuzz_$t
    log=$B/logs/$t.log
    sum=$B/logs/$t.summary
    mkdir -p "$B/corpus/$t" "$B/crashes/$t" "$B/logs"
    cp -n "$HERE/corpus/$t/"* "$B/corpus/$t/" 2>/dev/null
    : >"$log"
    dict=$HERE/$t.dict
    [ "$t" = records ] && dict=$HERE/json.dict
    [ -f "$dict" ] && dictarg="-dict=$dict" || dictarg=
    # regression inputs first: each must run clean
    regfail=0
    for r in "$HERE/regressions/$t"-*; do
        [ -f "$r" ] || continue
        if ! "$exe" -timeout=20 -rss_limit_mb=2048 "$r" >>"$log" 2>&1; then
            regfail=$((regfail + 1))
            echo "REGRESSION FAILS: $r" >>"$log"
        fi
    done
    # libFuzzer adds files but never removes superseded ones, and every file
    # is run at startup: shrink a corpus that has grown large to a minimal
    # one covering the same features
    if [ "$(ls "$B/corpus/$t" | wc -l)" -gt "${FUZZ_MERGE_AT:-4000}" ]; then
        rm -rf "$B/corpus/$t.merge"
        mkdir -p "$B/corpus/$t.merge"
        if "$exe" -merge=1 -max_len=8192 -timeout=20 -rss_limit_mb=2048 \
            "$B/corpus/$t.merge" "$B/corpus/$t" >>"$log" 2>&1; then
            rm -rf "$B/corpus/$t" && mv "$B/corpus/$t.merge" "$B/corpus/$t"
        else
            rm -rf "$B/corpus/$t.merge"
        fi
    fi
    start=$(date +%s)
    # shellcheck disable=SC2086
    "$exe" -max_total_time="$S" -max_len=8192 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$B/crashes/$t/" $dictarg \
        "$B/corpus/$t" >>"$log" 2>&1
    rc=$?
    secs=$(($(date +%s) - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1)
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
    crashes=$(grep -c 'Test unit written to' "$log")
    status=ok
    [ "$rc" -ne 0 ] && status="FAILED (libFuzzer exit $rc)"
    [ "$regfail" -ne 0 ] && status="FAILED ($regfail regression input(s) crash; libFuzzer exit $rc)"
    printf '%-14s %4ss  execs %9s  (%6s/s)  cov %5s  ft %6s  corpus %5s  crashes %s  %s\n' \
        "fuzz_$t" "$secs" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" \
        "$crashes" "$status" >"$sum"
    if [ "$status" != ok ]; then
        grep -E 'Test unit written to|^SUMMARY|REGRESSION FAILS|fuzz check failed' "$log" |
            sed 's/^/    /' >>"$sum"
        echo "    log: $log" >>"$sum"
    fi
    cat "$sum"
    [ "$status" = ok ]
    exit $?
fi

if [ $# -lt 4 ]; then
    echo "usage: $0 BUILD SECONDS JOBS TARGET..." >&2
    exit 2
fi
B=$1 S=$2 J=$3
shift 3
for t in "$@"; do
    if [ ! -x "$B/tests/fuzz/fuzz_$t" ]; then
        echo "run.sh: $B/tests/fuzz/fuzz_$t is not built (make fuzz builds it)" >&2
        exit 2
    fi
    rm -f "$B/logs/$t.summary"
done
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=1:allocator_may_return_null=0"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:print_stacktrace=1:halt_on_error=1"
echo "fuzzing $* for ${S}s each, $J at a time (logs: $B/logs/)"
printf '%s\n' "$@" | xargs -P "$J" -I{} "$0" --one "$B" "$S" {} >/dev/null
fail=0 npass=0 nfail=0
echo "---- fuzz summary"
for t in "$@"; do
    if [ -f "$B/logs/$t.summary" ] && head -1 "$B/logs/$t.summary" | grep -q ' ok$'; then
        cat "$B/logs/$t.summary"
        npass=$((npass + 1))
    elif [ -f "$B/logs/$t.summary" ]; then
        cat "$B/logs/$t.summary"
        fail=1 nfail=$((nfail + 1))
    else
        echo "fuzz_$t: no summary (see $B/logs/$t.log)"
        fail=1 nfail=$((nfail + 1))
    fi
done
# the plain closing line test harnesses read: one per fuzz target
echo "fuzz: $npass passed, $nfail failed"
if [ "$fail" -ne 0 ]; then
    echo "fuzz: FAILED - crashing inputs are in $B/crashes/<target>/; see tests/fuzz/README.md" >&2
    exit 1
fi
exit 0
