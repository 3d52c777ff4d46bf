#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium (Debian's `chromium`, installed when
# missing) driven by playwright-core (npm, installed under target/ when missing) opens the samples'
# report, fails on console errors, page errors or network requests, checks the event table (Li
# Shangfu's visit), filters, sorting, timeline and links, and saves a screenshot to
# target/report/report.png. Then the same page for the BBC corpus must load without errors.
# Run from .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
t0=$(date +%s.%N)
say() { echo "html.sh: $*"; }
fail() { echo "html.sh: FAIL: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null; then
    [ "$(id -u)" = 0 ] || fail "chromium is missing and this is not root: apt-get install chromium"
    say "installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
command -v node >/dev/null || {
    [ "$(id -u)" = 0 ] || fail "node is missing: apt-get install nodejs npm"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
}
say "$(chromium --version 2>/dev/null | head -n 1), node $(node --version)"
pw="$root/target/html-test"
if [ ! -d "$pw/node_modules/playwright-core" ]; then
    say "installing playwright-core into $pw"
    mkdir -p "$pw"
    (cd "$pw" && npm install --no-save --no-audit --no-fund --silent playwright-core@1)
fi
export PLAYWRIGHT_DIR="$pw" CHROMIUM="$(command -v chromium)"

cargo build --release --quiet --bin newsfacts
nf="$root/target/release/newsfacts"
out="$root/target/report"
mkdir -p "$out"
"$nf" extract --quiet --reference-date 2023-04-14 --format html --out "$out/report.html" samples/
node tests/integration/html_check.mjs "$out/report.html" "$out/report.png"
say "screenshot: $out/report.png"

data="${NEWSFACTS_DATA:-$root/../shared/data}"
if [ -d "$data/bbc-news" ]; then
    t1=$(date +%s.%N)
    "$nf" extract --quiet --format html --out "$out/bbc.html" "$data/bbc-news"
    say "BBC report: $(du -h "$out/bbc.html" | cut -f1) in $(python3 -c "import time; print(f'{time.time() - $t1:.1f}')") s"
    node - "$out/bbc.html" <<'JS'
const { createRequire } = require('node:module');
const path = require('node:path');
const { chromium } = createRequire(path.resolve(process.env.PLAYWRIGHT_DIR) + '/')('playwright-core');
const { pathToFileURL } = require('node:url');
(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'] });
  const problems = [];
  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  const t = Date.now();
  // A big page on a shared machine: allow minutes, report the time.
  await page.goto(pathToFileURL(path.resolve(process.argv[2])).href, { waitUntil: 'load', timeout: 300000 });
  const n = await page.$$eval('#event-table tbody tr', (rs) => rs.length);
  const loaded = Date.now() - t;
  const t2 = Date.now();
  await page.selectOption('#f-type', 'VISIT', { timeout: 120000 });
  const shown = await page.$$eval('#event-table tbody tr:not([hidden])', (rs) => rs.length);
  const filtered = Date.now() - t2;
  await browser.close();
  if (problems.length || !(n > 1000) || !(shown > 0 && shown < n)) {
    console.error(`html.sh: FAIL: BBC report: ${n} rows, ${shown} VISIT rows, ${problems.join('; ')}`);
    process.exit(1);
  }
  console.log(`html.sh: BBC report opens in ${loaded} ms with ${n} event rows; filtering takes ${filtered} ms`);
})();
JS
else
    fail "$data/bbc-news is missing (NEWSFACTS_DATA)"
fi
say "passed in $(python3 -c "import time; print(f'{time.time() - $t0:.1f}')") s"
