#!/usr/bin/env bash
# The tool users would pick instead: the SAP Cloud SDK for JavaScript's OData client
# generator (every @sap-cloud-sdk/* package pinned to 4.5.1, typescript 5.9, see
# package.json and package-lock.json here), timed on our samples with and without
# --transpile, beside our generator (the release CLI: parse + generate + pretty-print).
# Not part of `cargo test`. Run from anywhere:
#
#   bash benchmarks/peer/run.sh [runs]     # default 3 runs each; prints a Markdown table
#
# For our generate + `cargo check`, see benchmarks/compile-cost.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-3}"
# Inside this folder, so the transpiled clients resolve the SDK from node_modules here.
out="$here/out"

(cd "$here" && npm ci --no-audit --no-fund --silent)
(cd "$root" && cargo build -q --release -p odata-codegen)
ours="$root/target/release/odata-codegen"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

time_cmd() { # command... → median wall seconds over $runs, or "failed" (the error in $out.log)
    local times=()
    for _ in $(seq "$runs"); do
        rm -rf "$out"
        local start end
        start=$(date +%s.%N)
        if ! "$@" > "$out.log" 2>&1; then
            echo failed
            return
        fi
        end=$(date +%s.%N)
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
    done
    printf '%s\n' "${times[@]}" | median
}

sdk() { # sample, extra flags...
    local sample="$1"
    shift
    (cd "$here" && npx --no-install generate-odata-client --input "$sample" --outputDir "$out" \
        --skipValidation --overwrite "$@")
}

echo "| sample | size | SDK generator (TypeScript) | SDK with --transpile | ours: generate | SDK / ours | SDK --transpile / ours |"
echo "|---|---|---|---|---|---|---|"
failures=()
for name in API_BUSINESS_PARTNER.edmx API_SALES_ORDER_SRV.edmx TravelService.v4.edmx API_BUSINESS_PARTNER.v4.edmx \
    large_service.edmx; do
    sample="$root/metadata-samples/$name"
    size=$(($(wc -c < "$sample") / 1024))
    ts=$(time_cmd sdk "$sample")
    [ "$ts" = failed ] && failures+=("$name: $(grep -m1 '^Error' "$out.log")")
    js=$(time_cmd sdk "$sample" --transpile)
    rs=$(time_cmd "$ours" generate "$sample")
    awk -v n="$name" -v s="$size" -v ts="$ts" -v js="$js" -v rs="$rs" 'function t(x) { return x == "failed" ? "failed" : sprintf("%.2f s", x) }
        function r(x) { return x == "failed" ? "" : sprintf("%.0f×", x / rs) }
        BEGIN { printf "| %s | %d KB | %s | %s | %.3f s | %s | %s |\n", n, s, t(ts), t(js), rs, r(ts), r(js) }'
done
for f in "${failures[@]}"; do echo "SDK generator failed on $f"; done
rm -rf "$out" "$out.log"
