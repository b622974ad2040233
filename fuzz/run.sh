#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after another, from seeds:
# the EDMX samples in metadata-samples/ (all but the 1.4 MB large one) and the payloads
# in fuzz/seeds/. Needs the nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz --locked
# Prints one line per target (runs, coverage, crashes); crashes land in fuzz/artifacts/.
# Usage: bash fuzz/run.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(edmx decode_v2 decode_v4 multipart literal)

CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2} cargo +nightly fuzz build || exit 1

mkdir -p corpus/edmx
for f in ../metadata-samples/*.edmx ../tests/fixtures/*.edmx; do
    [ "$(basename "$f")" = large_service.edmx ] || cp "$f" corpus/edmx/
done
for dir in seeds/*/; do
    target=$(basename "$dir")
    mkdir -p "corpus/$target"
    cp "$dir"* "corpus/$target/"
done

status=0
for target in "${targets[@]}"; do
    mkdir -p corpus/"$target" logs
    log="logs/$target.log"
    # -rss_limit_mb: an input that makes the code allocate without bound is a finding;
    # -timeout: one input taking 10 s is a hang.
    cargo +nightly fuzz run "$target" corpus/"$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 \
        > "$log" 2>&1
    code=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    cov=$(grep -oE 'DONE[[:space:]]+cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1 | sed -E 's/^DONE[[:space:]]+//')
    peak=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$')
    if [ $code -eq 0 ]; then
        echo "$target: ${seconds}s, ${runs:-?} runs, ${cov:-?}, peak RSS ${peak:-?} MB, no crash"
    else
        echo "$target: FAILED (exit $code), see fuzz/$log and fuzz/artifacts/$target/"
        status=1
    fi
done
exit $status
