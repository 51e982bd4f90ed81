#!/usr/bin/env bash
# Installs what the tests need when it is missing, then builds and runs every test:
# domain, component (bUnit), integration (real SQLite) and browser (headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: the browser and CJK fonts for the browser tests, Redis for multi-node tests.
missing=()
for pkg in chromium fonts-noto-cjk redis-server; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "The .NET SDK 10 is required (see global.json)." >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export PORTAL_CHROMIUM="${PORTAL_CHROMIUM:-/usr/bin/chromium}"

dotnet tool restore >/dev/null
dotnet build Portal.sln -c Release -warnaserror -nologo -v quiet

results=artifacts/test-results
rm -rf "$results"
status=0
dotnet test Portal.sln -c Release --no-build --nologo \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=portal.trx" \
  --results-directory "$results" || status=$?

# One plain closing line for any reader of the log.
trx="$results/portal.trx"
if [ -f "$trx" ]; then
  passed=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | tr -dc 0-9)
  failed=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | tr -dc 0-9)
  echo "${passed:-0} passed, ${failed:-0} failed"
fi
echo "Screenshots from the browser tests: artifacts/screenshots/"
exit $status
