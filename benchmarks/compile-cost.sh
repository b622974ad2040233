#!/usr/bin/env bash
# Compile cost of generated code: `cargo check` and `cargo build` (dev profile) of a small
# crate that expands the business-partner sample and of one that expands the large sample,
# against the same crate with the macro call removed (the baseline), all in one run.
#
#   bash benchmarks/compile-cost.sh [runs]      # default 3 runs each; prints a Markdown table
#
# The crates are written under target/compile-cost/ and share one target directory, so the
# dependencies (odata-runtime, serde, reqwest, ...) are built once before anything is timed;
# each timed run touches the crate's lib.rs and rebuilds that crate alone. Figures are the
# median wall time of the runs. Nothing leaves the machine: Cargo.lock is the workspace's.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
work="$root/target/compile-cost"
export CARGO_TARGET_DIR="$work/target"
mkdir -p "$work"

make_crate() { # name, macro body ("" for the baseline)
    local dir="$work/$1"
    mkdir -p "$dir/src"
    cat > "$dir/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
odata-derive = { path = "$root/odata-derive" }
odata-runtime = { path = "$root/odata-runtime" }

[profile.dev]
debug = "line-tables-only"

[profile.dev.build-override]
opt-level = 3
EOF
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    {
        echo "//! Compile-cost probe (written by benchmarks/compile-cost.sh)."
        echo "pub use odata_runtime::Client;"
        if [ -n "$2" ]; then
            echo "odata_derive::service! { pub mod service = \"$2\"; }"
        fi
    } > "$dir/src/lib.rs"
}

make_crate baseline ""
make_crate business_partner "$root/metadata-samples/API_BUSINESS_PARTNER.edmx"
make_crate large_service "$root/metadata-samples/large_service.edmx"

# Dependencies first, untimed (check and build both leave their artifacts).
for c in baseline business_partner large_service; do
    (cd "$work/$c" && cargo check -q -j 2 && cargo build -q -j 2)
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

time_one() { # crate, cargo command → median seconds over $runs
    local c="$1" cmd="$2" times=()
    for _ in $(seq "$runs"); do
        touch "$work/$c/src/lib.rs"
        local start end
        start=$(date +%s.%N)
        (cd "$work/$c" && cargo "$cmd" -q -j 2)
        end=$(date +%s.%N)
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
    done
    printf '%s\n' "${times[@]}" | median
}

echo "| crate | cargo check | added by the macro | cargo build | added by the macro |"
echo "|---|---|---|---|---|"
base_check=$(time_one baseline check)
base_build=$(time_one baseline build)
printf '| baseline (no macro call) | %.2f s | | %.2f s | |\n' "$base_check" "$base_build"
for c in business_partner large_service; do
    check=$(time_one "$c" check)
    build=$(time_one "$c" build)
    printf '| %s | %.2f s | %.2f s | %.2f s | %.2f s |\n' "$c" "$check" "$(awk -v a="$check" -v b="$base_check" 'BEGIN { print a - b }')" \
        "$build" "$(awk -v a="$build" -v b="$base_build" 'BEGIN { print a - b }')"
done
