#!/usr/bin/env bash
# Runs every test of RipTide.Aspire: unit, integration and whole-app (the AppHost is started once).
# As root, installs what the tests need from Debian first (redis-server, Node.js for the other-language
# client tests and npm for Firecrawl's SDK, Chromium for the dashboard's browser tests, the Public Suffix List for same_domain crawl jobs,
# Python 3 for the shared reference scorer that the extraction quality guard runs,
# the Rust toolchain for the extraction module);
# without redis-server the AppHost falls back to Garnet, restored from the repository's .NET tool manifest.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/publicsuffix/public_suffix_list.dat ] || missing+=(publicsuffix)
if [ "$(id -u)" = 0 ] && [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing ${missing[*]} with apt-get..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

results="${RIPTIDE_TEST_RESULTS:-TestResults}"
rm -rf "$results"

# Firecrawl's JavaScript SDK, which the compatibility tests run, at the version package-lock.json pins.
(cd bench/clients && npm ci --no-audit --no-fund --loglevel=error)

# The extraction module: its own unit tests (natively), then proof that the committed .wasm is exactly
# what its source builds (build.sh installs Debian's Rust toolchain as root when missing).
RipTide.Sandbox/Guest/build.sh --test
RipTide.Sandbox/Guest/build.sh --check
# -m:1: the 2-core machines build faster serially, and whole-app tests need the cores at run time.
dotnet test RipTide.Aspire.sln -m:1 \
  --logger "trx;LogFileName=riptide.trx" \
  --logger "console;verbosity=normal" \
  --results-directory "$results" "$@"
