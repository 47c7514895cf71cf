#!/usr/bin/env bash
# Installs what TraceApp needs on Debian, idempotently: only what is missing, with apt as root or through sudo.
# Usage: scripts/prerequisites.sh run|test
# Without root or sudo it prints exactly what to install and exits non-zero.
set -euo pipefail

purpose=${1:-test}
missing_packages=()
missing_commands=()

need() { # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 || { missing_commands+=("$1"); missing_packages+=("$2"); }
}

if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  echo "error: the .NET 10 SDK is required (dotnet 10.x on PATH): https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

need_servers() {
  need nats-server nats-server
  [[ -x /usr/lib/postgresql/15/bin/postgres ]] || { missing_commands+=("postgres-15"); missing_packages+=("postgresql-15"); }
  command -v runuser >/dev/null 2>&1 || { missing_commands+=("runuser"); missing_packages+=("util-linux"); }
  command -v setsid >/dev/null 2>&1 || { missing_commands+=("setsid"); missing_packages+=("util-linux"); }
}

case "$purpose" in
  run) need_servers ;;
  test)
    need_servers
    need node nodejs               # interop tests run clients we did not write (npm packages)
    need npm npm
    need chromium chromium         # dashboard pages are tested in real headless Chromium (Playwright drives it)
    ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

((${#missing_packages[@]} == 0)) && exit 0

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "error: missing ${missing_commands[*]}; install them with: sudo apt-get install -y ${missing_packages[*]}" >&2
  exit 1
fi

echo "Installing ${missing_packages[*]} ..."
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing_packages[@]}" >/dev/null
