#!/usr/bin/env bash
# Debian packages the test suite uses: xmllint (manifest schema check), Chromium (task pane in a real
# browser), PostgreSQL (the service's tests on a real server), a font for the pane's screenshots. Installs only what is missing.
set -euo pipefail

missing=()
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
# The task pane's screenshots use Fluent's font stack; Roboto keeps them alike on every machine.
[ -d /usr/share/fonts/truetype/roboto ] || missing+=(fonts-roboto-unhinted)

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
