#!/usr/bin/env bash
# Builds the extraction module to ../Wasm/riptide_guest.wasm with Debian's Rust toolchain and crates.
# The output is byte-identical from any folder (paths remapped, fixed target dir, SOURCE_DATE_EPOCH).
#
#   build.sh           build and replace the committed module
#   build.sh --check   check formatting (rustfmt) and lints (clippy, warnings are errors), then build into a
#                      temporary file and fail when it differs from the committed module
#   build.sh --test    run the guest's own unit tests natively (cargo test)
set -euo pipefail
guest="$(cd "$(dirname "$0")" && pwd)"
committed="$guest/../Wasm/riptide_guest.wasm"
packages=(rustc cargo lld-14 libstd-rust-dev-wasm32 librust-html5ever-dev librust-serde-json-dev librust-url-dev librust-unicode-normalization-dev binaryen
  rustfmt rust-clippy)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} with apt-get..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# lld-14 provides the rust-lld that rustc links wasm with (a Recommends, so named here).
# rustup's cargo/rustc (if any) cannot build for Debian's wasm32 std: use Debian's explicitly, with a
# private CARGO_HOME so that no user configuration leaks in.
export RUSTC=/usr/bin/rustc CARGO=/usr/bin/cargo
# `cargo fmt` and `cargo clippy` run the cargo-fmt / cargo-clippy found first on PATH: Debian's.
export PATH="/usr/bin:$PATH"
export CARGO_HOME="$guest/.cargo-home"
export CARGO_TARGET_DIR="$guest/target"
export SOURCE_DATE_EPOCH=0
remap="--remap-path-prefix=$guest=/guest --remap-path-prefix=$CARGO_HOME=/cargo-home"
export RUSTFLAGS="$remap"
cd "$guest"

if [ "${1:-}" = "--test" ]; then
  exec /usr/bin/cargo test --release --locked --offline
fi

# Wasmtime runs bulk-memory and SIMD; without them every memcpy in the guest is a byte loop.
features="+bulk-memory,+simd128,+nontrapping-fptoint,+mutable-globals"

if [ "${1:-}" = "--check" ]; then
  /usr/bin/cargo fmt --check || { echo "Guest/ is not formatted: run cargo fmt (rustfmt.toml) there." >&2; exit 1; }
  # Both targets: the native one has the tests and the corpus example, the wasm one has abi.rs and SIMD.
  /usr/bin/cargo clippy --release --locked --offline --all-targets -- -D warnings
  RUSTFLAGS="$remap -C target-feature=$features" \
    /usr/bin/cargo clippy --release --locked --offline --target wasm32-unknown-unknown --lib -- -D warnings
fi
RUSTFLAGS="$remap -C target-feature=$features" \
  /usr/bin/cargo build --release --locked --offline --target wasm32-unknown-unknown --lib
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/riptide_guest.wasm"
out="$(mktemp --suffix=.wasm)"
trap 'rm -f "$out"' EXIT
# Wasmtime checks the epoch (the deadline) on entry to every function and at every loop header. Inlining more than
# -O3 does (functions without calls or loops up to 100 instructions, any function up to 10, and functions with
# loops) removes those checks with the calls: about 3 % of the guest's time on the bench site's pages
# (BENCHMARKS.md, "An eleventh look").
wasm-opt -O3 --flexible-inline-max-function-size 100 --always-inline-max-function-size 10 --inline-functions-with-loops \
  --enable-bulk-memory --enable-simd --enable-nontrapping-float-to-int \
  --enable-mutable-globals --strip-debug --strip-producers "$raw" -o "$out"

if [ "${1:-}" = "--check" ]; then
  if cmp -s "$out" "$committed"; then
    echo "riptide_guest.wasm is up to date ($(stat -c %s "$committed") bytes, sha256 $(sha256sum "$committed" | cut -c1-16)…)"
    exit 0
  fi
  echo "riptide_guest.wasm differs from a fresh build of Guest/: rebuild with build.sh and commit it." >&2
  echo "fresh sha256 $(sha256sum "$out" | cut -d' ' -f1), committed sha256 $(sha256sum "$committed" 2>/dev/null | cut -d' ' -f1)" >&2
  dpkg-query -W "${packages[@]}" >&2
  exit 1
fi

mkdir -p "$(dirname "$committed")"
cp "$out" "$committed"
echo "built $committed ($(stat -c %s "$committed") bytes)"
