#!/usr/bin/env bash
# Builds the web version of Fact Sorter into a folder of static files:
#   index.html, fact-sorter.js, fact-sorter_bg.wasm, assets/, levels/ (+ index.ron)
# Put that folder on any web server; nothing runs on the server.
#
# Usage: scripts/build-web.sh [OUT_DIR]         (default: dist)
#   FACT_SORTER_WEB_EXAMPLE=bare_ui  builds the bare Bevy reference app instead
#                                    (for docs/perf.md; no levels).
#   FACT_SORTER_WEB_FEATURES="a,b"   extra cargo features for the build.
#   FACT_SORTER_WEB_WASM=FILE        package this already-built .wasm instead
#                                    of compiling (for size comparisons).
#
# Toolchain: the standard route (rustup's wasm32-unknown-unknown target) when
# it is installed; otherwise Debian's rustc-web, which builds the standard
# library from source (-Z build-std). wasm-bindgen-cli is installed at the
# exact version in Cargo.lock; wasm-opt comes from npm's binaryen (never
# Debian's older binaryen, whose output fails in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
out="${1:-dist}"
example="${FACT_SORTER_WEB_EXAMPLE:-}"
features="${FACT_SORTER_WEB_FEATURES:-}"
cache="${FACT_SORTER_CACHE:-$HOME/.cache/fact-sorter}"
target=wasm32-unknown-unknown
profile=web-release

step() { printf '== %s (%s)\n' "$1" "$(date +%T)"; }

if [ -n "$example" ]; then
    artifact="examples/$example"
    what=(--example "$example")
    name="$example"
else
    artifact="fact-sorter"
    what=(--bin fact-sorter)
    name="fact-sorter"
fi
feature_args=()
[ -n "$features" ] && feature_args=(--features "$features")

# --- 1. Compile to wasm --------------------------------------------------
if [ -n "${FACT_SORTER_WEB_WASM:-}" ]; then
    step "using the prebuilt $FACT_SORTER_WEB_WASM"
    target_dir=""
elif command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    step "cargo build ($target, rustup toolchain)"
    target_dir="${CARGO_TARGET_DIR:-target}"
    cargo build --profile "$profile" --target "$target" "${what[@]}" "${feature_args[@]}"
else
    step "cargo build ($target, Debian rustc-web with -Z build-std)"
    if [ ! -d /usr/lib/rustlib/src/rust/library ] || [ ! -x /usr/bin/rust-lld ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq rustc-web cargo-web rust-web-src rust-web-llvm lld-22 >/dev/null
    fi
    # A target dir of its own: artefacts of two compilers must never mix.
    target_dir="${FACT_SORTER_WEB_TARGET_DIR:-$cache/web-target}"
    # rustup's shims come first in PATH, so Debian's tools are called by full path.
    RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$target_dir" \
        /usr/bin/cargo build --profile "$profile" --target "$target" \
        -Z build-std=std,panic_abort "${what[@]}" "${feature_args[@]}"
fi
wasm="${FACT_SORTER_WEB_WASM:-$target_dir/$target/$profile/$artifact.wasm}"
[ -s "$wasm" ] || { echo "build-web: no $wasm was produced"; exit 1; }

# --- 2. wasm-bindgen, at exactly the version in Cargo.lock ---------------
bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
tools="$cache/tools"
export PATH="$tools/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
    step "cargo install wasm-bindgen-cli $bindgen_version (once, several minutes)"
    # No --locked: its lock file pins crates the registry here may not serve.
    env -u CARGO_TARGET_DIR cargo install --quiet --root "$tools" wasm-bindgen-cli --version "$bindgen_version"
fi
step "wasm-bindgen"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$staging" --out-name fact-sorter "$wasm"

# --- 3. wasm-opt from npm's binaryen -------------------------------------
if [ ! -x web/node_modules/.bin/wasm-opt ]; then
    step "npm ci (binaryen, playwright-core)"
    (cd web && npm ci --no-audit --no-fund --silent)
fi
step "wasm-opt -Oz"
web/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals \
    "$staging/fact-sorter_bg.wasm" -o "$staging/opt.wasm"
mv "$staging/opt.wasm" "$staging/fact-sorter_bg.wasm"

# --- 4. Assemble the static site -----------------------------------------
step "assemble $out/"
rm -rf "$out"
mkdir -p "$out"
cp web/index.html "$staging/fact-sorter.js" "$staging/fact-sorter_bg.wasm" "$out/"
cp -r assets "$out/assets"
if [ -z "$example" ]; then
    mkdir -p "$out/levels"
    cp levels/*.ron levels/README.md "$out/levels/"
    rm -f "$out/levels/index.ron"
    # The manifest the browser reads, written by the same command teachers use.
    CARGO_TARGET_DIR="$cache/core-target" cargo run --quiet --no-default-features -- index "$out/levels"
fi

node web/sizes.mjs "$out/fact-sorter_bg.wasm" "$out/fact-sorter.js"
echo "build-web: $name is ready in $out/ (serve it, e.g.: python3 -m http.server -d $out 8000)"
