#!/usr/bin/env bash
# Tests seedshard.html in Chromium (Debian's chromium, driven by playwright-core from npm)
# and in Firefox (Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi).
# In Chromium (tests/page.test.js):
# recovery of a two-level set made by the SLIP-39 reference implementation, with a stray
# share, a duplicate, a `?` word and a wrong passphrase retried; checking a pile; a backup of a
# BIP-39 phrase (PDFs downloaded, the shares recovered in the page and in the reference
# implementation); a new phrase made in the page; verify; scanning photos of cards and the
# camera (Chromium's fake capture device showing a card); the cards and owner sheet printed
# from the page (print media, true size, every card's code read back by zbarimg); keyboard use
# and a 360 px screen; and no network request at any time. In Firefox (tests/firefox.test.js):
# the same, but for the camera, which Firefox's fake device opens and stops without a card to
# show; PDFs downloaded as Firefox saves them; every request intercepted and refused, and the
# profile kept from the network. Both browsers run; exits non-zero on any failure in either.
#
# usage: web/test.sh [PAGE]   (default web/dist/seedshard.html); SEEDSHARD_PAGE_TESTS=text
# runs only the tests whose name contains text.
# Needs: chromium, firefox-esr, node and npm, SEEDSHARD_REF_PYTHON (a python with
# shamir-mnemonic 0.3.0), and the seedshard CLI (SEEDSHARD_BIN, else built with cargo) for the
# expected fingerprints. SEEDSHARD_CHROMIUM and SEEDSHARD_FIREFOX name other browser binaries.
# Without SEEDSHARD_FIREFOX and without /usr/bin/firefox-esr the Firefox tests are skipped
# (said loudly), except under CI=true, where a missing browser fails.
set -euo pipefail

WEB=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$WEB/.." && pwd)
PAGE=$(realpath "${1:-$WEB/dist/seedshard.html}")
PYTHON=${SEEDSHARD_REF_PYTHON:?set SEEDSHARD_REF_PYTHON to a python with shamir-mnemonic 0.3.0}
CHROMIUM=${SEEDSHARD_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "error: no chromium at $CHROMIUM (apt-get install chromium chromium-driver)" >&2; exit 1; }
FIREFOX=${SEEDSHARD_FIREFOX:-/usr/bin/firefox-esr}
if [ -x "$FIREFOX" ]; then
    RUN_FIREFOX=1
elif [ -n "${SEEDSHARD_FIREFOX:-}" ] || [ "${CI:-}" = true ]; then
    echo "error: no firefox at $FIREFOX (apt-get install firefox-esr)" >&2
    exit 1
else
    RUN_FIREFOX=0
    echo "!!! WARNING: no Firefox at $FIREFOX: the Firefox tests are SKIPPED (apt-get install firefox-esr) !!!" >&2
fi

if [ -z "${SEEDSHARD_BIN:-}" ]; then
    (cd "$ROOT" && cargo build --locked --quiet --bin seedshard)
    SEEDSHARD_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/seedshard"
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$PYTHON" "$WEB/tests/make_fixture.py" >"$WORK/set.json"

# The fingerprints the native CLI gives for the same shares: the page must show the same.
"$PYTHON" - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
d = json.load(open(f"{work}/set.json"))
open(f"{work}/shares.txt", "w").write("\n".join(d["groups"][0][:2] + d["groups"][1][:3]) + "\n")
open(f"{work}/pass.txt", "w").write(d["passphrase"])
open(f"{work}/phrase.txt", "w").write(d["bip39_phrase"] + "\n")
open(f"{work}/cards.txt", "w").write("\n".join(d["groups"][0] + d["groups"][2]) + "\n")
PY
"$SEEDSHARD_BIN" combine --json --passphrase-file "$WORK/pass.txt" "$WORK/shares.txt" \
    </dev/null >"$WORK/cli.json"
# Card pictures (the CLI's PNG cards) for the scanning tests: photos and the camera.
"$SEEDSHARD_BIN" cards --cards "$WORK/cards" --card-format png --bip39-mode none "$WORK/cards.txt" \
    </dev/null 2>/dev/null
# The wallet of the phrase the page backs up, as the CLI's verify gives it.
"$SEEDSHARD_BIN" verify --json --bip39-file "$WORK/phrase.txt" </dev/null >"$WORK/phrase.json"

if [ ! -d "$WEB/tests/node_modules/playwright-core" ] || [ ! -d "$WEB/tests/node_modules/puppeteer-core" ]; then
    (cd "$WEB/tests" && npm ci --no-audit --no-fund)
fi
status=0
echo "# Chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
start=$SECONDS
SEEDSHARD_REF_PYTHON="$PYTHON" node "$WEB/tests/page.test.js" "$PAGE" "$WORK/set.json" "$WORK/cli.json" "$CHROMIUM" "$WORK/phrase.json" "$WORK/cards" || status=1
echo "# Chromium tests: $((SECONDS - start)) s"
if [ "$RUN_FIREFOX" = 1 ]; then
    echo "# Firefox: $("$FIREFOX" --version 2>/dev/null || echo "$FIREFOX")"
    start=$SECONDS
    SEEDSHARD_REF_PYTHON="$PYTHON" node "$WEB/tests/firefox.test.js" "$PAGE" "$WORK/set.json" "$WORK/cli.json" "$FIREFOX" "$WORK/phrase.json" "$WORK/cards" || status=1
    echo "# Firefox tests: $((SECONDS - start)) s"
else
    echo "!!! WARNING: the Firefox tests were SKIPPED: no Firefox at $FIREFOX !!!" >&2
fi
exit "$status"
