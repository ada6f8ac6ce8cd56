#!/usr/bin/env bash
# The library in a real browser: bundle test/browser/entry.js with vite, serve it on 127.0.0.1,
# load it in headless Chromium and check the numbers equal Node's. Needs Debian's chromium
# (apt-get install -y chromium). Run after `npm run build`: bash test/browser/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v chromium >/dev/null || { echo "browser check: needs chromium (apt-get install -y chromium)" >&2; exit 2; }
npx vite build --config test/browser/vite.config.mjs
cp test/browser/index.html test/browser/site/
port=8765
python3 -m http.server "$port" --bind 127.0.0.1 --directory test/browser/site >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
profile=$(mktemp -d)
result=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
  --virtual-time-budget=60000 --dump-dom "http://127.0.0.1:$port/index.html" 2>/dev/null | grep -o 'RESULT {.*}' | sed 's/^RESULT //')
node test/browser/compare.mjs "$result"
