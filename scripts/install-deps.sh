#!/bin/sh
# install-deps.sh - make sure the Debian packages duty needs are installed.
#   sh scripts/install-deps.sh build   what `make` needs
#   sh scripts/install-deps.sh test    what `make test` needs as well
# Installs with apt-get as root, or through sudo when it works without a
# password; otherwise prints the exact command and fails.
set -u

need="gcc make libc6-dev libcsv-dev libcjson-dev libzip-dev libexpat1-dev libxlsxwriter-dev gettext"
case "${1:-build}" in
  build) ;;
  # jq reads JSON in the CLI tests, python3-icalendar parses the calendars,
  # python3-openpyxl reads the workbooks back, groff and man check the man
  # page, zsh the zsh completion, locales makes zh_CN, util-linux's script
  # gives a command a terminal.
  test) need="$need libcmocka-dev jq python3-icalendar python3-openpyxl groff-base man-db zsh locales bsdutils" ;;
  browser) need="$need chromium poppler-utils fonts-wqy-zenhei" ;;
  fuzz) need="$need clang libclang-rt-dev" ;;   # libFuzzer
  memcheck) need="$need libcmocka-dev jq python3-icalendar python3-openpyxl groff-base man-db zsh locales bsdutils valgrind" ;;
  *) echo "usage: install-deps.sh build|test|fuzz|memcheck|browser" >&2; exit 2 ;;
esac

missing=""
for package in $need; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done
# The tests read Chinese messages: make the zh_CN.UTF-8 locale if missing.
want_locale=false
case "${1:-build}" in test | memcheck) locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$' || want_locale=true ;; esac
[ -z "$missing" ] && ! $want_locale && exit 0

if [ "$(id -u)" -eq 0 ]; then
  run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run="sudo"
else
  echo "duty needs these Debian packages:$missing" >&2
  echo "install them with:  sudo apt-get install -y$missing" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ -n "$missing" ]; then
  echo "installing:$missing"
  # A fresh machine may have no package lists yet: update once and retry.
  if ! $run apt-get install -y -q $missing; then
    $run apt-get update -q && $run apt-get install -y -q $missing || exit 1
  fi
fi
if $want_locale; then
  echo "generating the zh_CN.UTF-8 locale"
  $run sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen
  grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | $run tee -a /etc/locale.gen >/dev/null
  $run locale-gen >/dev/null
fi
