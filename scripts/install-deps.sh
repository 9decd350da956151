#!/bin/sh
# install-deps.sh - make sure the Debian packages duty needs are installed.
#   sh scripts/install-deps.sh build   what `make` needs
#   sh scripts/install-deps.sh test    what `make test` needs as well
# Installs with apt-get as root, or through sudo when it works without a
# password; otherwise prints the exact command and fails.
set -u

need="gcc make libc6-dev libcsv-dev libcjson-dev"
case "${1:-build}" in
  build) ;;
  test) need="$need libcmocka-dev jq" ;;   # jq reads JSON in the CLI tests
  fuzz) need="$need clang libclang-rt-dev" ;;   # libFuzzer
  memcheck) need="$need libcmocka-dev jq valgrind" ;;
  *) echo "usage: install-deps.sh build|test|fuzz|memcheck" >&2; exit 2 ;;
esac

missing=""
for package in $need; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run="sudo"
else
  echo "duty needs these Debian packages:$missing" >&2
  echo "install them with:  sudo apt-get install -y$missing" >&2
  exit 1
fi

echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet: update once and retry.
if ! $run apt-get install -y -q $missing; then
  $run apt-get update -q && $run apt-get install -y -q $missing
fi
