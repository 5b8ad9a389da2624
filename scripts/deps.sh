#!/usr/bin/env bash
# scripts/deps.sh — make sure every Debian package CXMS needs is installed (and the browser-test npm deps).
# Fast no-op when everything is present. As root it installs what is missing with apt-get; otherwise it
# prints the one sudo command to run and exits 1. Beyond the agreed list: libpq-dev (the build links
# libpq) and ca-certificates (without it npm cannot reach its registry on a minimal system).
# clang and libclang-rt-14-dev (libFuzzer) build the fuzz targets (tests/fuzz/). libgumbo-dev: an HTML5 parser
# for mail that arrives as HTML (its text now; the sanitiser next).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)

PKGS="libfcgi-dev libctemplate-dev libsodium-dev libcurl4-openssl-dev libjansson-dev libcmark-dev libgmime-3.0-dev libgumbo-dev
libcmocka-dev libpq-dev nginx libnginx-mod-nchan postgresql postgresql-contrib python3 python3-aiosmtpd
chromium wrk gettext curl ca-certificates pkg-config build-essential g++
clang libclang-rt-14-dev"

# Node and npm may come from outside dpkg (nvm, NodeSource tarballs, ...): then leave them alone,
# otherwise apt would install a second, conflicting Node.
if command -v node >/dev/null 2>&1; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "deps: warning: node is installed but npm is not; not touching Node (install npm alongside your node)" >&2
	fi
else
	PKGS="$PKGS nodejs npm"
fi

# One dpkg-query call for all packages; unknown packages are reported on stderr and are simply missing.
# shellcheck disable=SC2086  # word splitting of the package list is intended
installed=$(dpkg-query -W -f='${Package} ${Status}\n' $PKGS 2>/dev/null | awk '$NF == "installed" { print $1 }' || true)

have=" $(echo "$installed" | tr '\n' ' ') "
missing=""
for p in $PKGS; do
	case "$have" in
	*" $p "*) ;;
	*) missing="$missing $p" ;;
	esac
done
missing=${missing# }

if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "deps: installing:$missing" | sed 's/:/: /'
		export DEBIAN_FRONTEND=noninteractive
		apt-get update
		# shellcheck disable=SC2086
		apt-get install -y --no-install-recommends $missing
	else
		echo "deps: missing Debian packages: $missing" >&2
		echo "deps: run:  sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing" >&2
		exit 1
	fi
fi

# libfcgi before 2.4.2-2+deb12u1 has CVE-2025-23016 (integer overflow in the FastCGI parser).
fcgi_version=$(dpkg-query -W -f='${Version}' libfcgi0ldbl 2>/dev/null || true)
if [ -n "$fcgi_version" ] && ! dpkg --compare-versions "$fcgi_version" ge 2.4.2-2+deb12u1; then
	if [ "$(id -u)" -eq 0 ]; then
		apt-get update && apt-get install -y --only-upgrade libfcgi0ldbl libfcgi-dev
	else
		echo "deps: libfcgi $fcgi_version lacks the CVE-2025-23016 fix: sudo apt-get install --only-upgrade libfcgi0ldbl libfcgi-dev" >&2
		exit 1
	fi
fi

# Browser tests: playwright-core only, never browsers (we drive Debian's chromium).
# DEPS_SKIP_NPM=1 skips this (.ci/run sets it when it runs this script through sudo).
if [ "${DEPS_SKIP_NPM:-0}" != 1 ] && [ -f "$ROOT/tests/browser/package.json" ] && [ ! -d "$ROOT/tests/browser/node_modules" ]; then
	echo "deps: npm install in tests/browser"
	(cd "$ROOT/tests/browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund)
fi
