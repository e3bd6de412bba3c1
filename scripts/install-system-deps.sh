#!/usr/bin/env bash
# Installs the Debian packages the tests need: Chromium (driven by playwright-core), the headers code-server's
# native modules build against (kerberos needs libkrb5-dev), and Neovim (the second LSP client the tests
# drive). Idempotent: when every package is already installed it returns at once without touching apt.
set -euo pipefail

packages=(chromium libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev neovim)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-deps: all present (${packages[*]})"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo -n); else
    echo "install-system-deps: missing ${missing[*]} and not root; install them with apt-get" >&2
    exit 1
  fi
else
  sudo=()
fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q </dev/null
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
