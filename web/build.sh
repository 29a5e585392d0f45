#!/usr/bin/env bash
# Builds the offline page, web/dist/seedshard.html (or the path given): the seedshard library
# compiled to WebAssembly with Debian's Rust toolchain, bound with wasm-bindgen, and inlined
# with the page's HTML, CSS and JavaScript into one file.
#
# Needs (Debian): rustc-web rust-web-src lld-22 clang-16 llvm-16 python3, and wasm-bindgen-cli
# at the version of the wasm-bindgen crate in web/Cargo.lock (see the README). Two builds of
# one commit give the same bytes, wherever the clone is: the crates are built from a copy at
# one fixed path, paths are remapped, and nothing of the build machine or the time is
# recorded.
#
# usage: web/build.sh [OUT]
set -euo pipefail

WEB=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$WEB/.." && pwd)
OUT=${1:-$WEB/dist/seedshard.html}
TARGET=${CARGO_TARGET_DIR:-$WEB/target}
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}

want=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' "$WEB/Cargo.lock")
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$want" != "$have" ]; then
    echo "error: web/Cargo.lock has wasm-bindgen $want but wasm-bindgen-cli is ${have:-not installed}" >&2
    echo "hint: cargo install wasm-bindgen-cli --version $want" >&2
    exit 2
fi

# Debian's rustc with its std source (rustup's cargo may stay first on PATH). The bitcoin
# crate's secp256k1 is C: clang builds it for wasm32.
export RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
export CC_wasm32_unknown_unknown=${CC_wasm32_unknown_unknown:-clang-16}
export AR_wasm32_unknown_unknown=${AR_wasm32_unknown_unknown:-llvm-ar-16}
export CARGO_TARGET_DIR=$TARGET
export SOURCE_DATE_EPOCH=0

# The library is a path dependency outside web/'s workspace, so Cargo hashes its absolute
# path into its symbol names (-C metadata), and the linker lays out constant data by them:
# clones in two folders would build pages a few bytes apart. The crates are therefore built
# from a copy at one fixed path (the sources and the files their manifests name), one build
# at a time.
SRC=/tmp/seedshard-page-src
exec 9>"$SRC.lock"
flock 9
rm -rf "$SRC"
mkdir -p "$SRC/web"
(cd "$ROOT" && cp -R Cargo.toml Cargo.lock build.rs README.md LICENSE src tests benches examples "$SRC/")
(cd "$WEB" && cp -R Cargo.toml Cargo.lock src "$SRC/web/")
export RUSTFLAGS="--remap-path-prefix=$SRC=/seedshard --remap-path-prefix=$TARGET=/target --remap-path-prefix=$CARGO_HOME/registry/src=/crates"
(
    cd "$SRC/web"
    /usr/bin/cargo build --locked --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort
)
rm -rf "$SRC"
exec 9>&-

BIND=$(mktemp -d)
trap 'rm -rf "$BIND"' EXIT
wasm-bindgen --target no-modules --no-typescript --remove-name-section --remove-producers-section --out-dir "$BIND" \
    "$TARGET/wasm32-unknown-unknown/release/seedshard_web.wasm"
mkdir -p "$(dirname "$OUT")"
python3 "$WEB/assemble.py" "$WEB/page" "$BIND/seedshard_web.js" "$BIND/seedshard_web_bg.wasm" "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "$OUT: $(wc -c <"$OUT") bytes, sha256 $(sha256sum "$OUT" | cut -d' ' -f1)"
