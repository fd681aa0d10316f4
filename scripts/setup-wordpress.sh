#!/usr/bin/env bash
# Installs what the WordPress plugin's test (scripts/test-wordpress.sh) needs,
# from Debian's packages: WordPress itself (6.1 in Debian 12), MariaDB, and
# PHP's command line with its MySQL driver. Idempotent: nothing is installed
# when every package is already there. Starts no service and leaves none
# running (the test starts its own throwaway MariaDB and PHP server).
set -euo pipefail
say() { printf '\033[1msetup-wordpress:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for package in wordpress wordpress-theme-twentytwentyone mariadb-server php-cli php-mysql; do
  dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

say "installing ${missing[*]} from Debian"
# policy-rc.d answers 101 ("action not allowed") to every service start the
# packages' scripts ask for, so no apache2 or mariadb is left running. It
# is removed afterwards unless it was already there.
policy=/usr/sbin/policy-rc.d
own_policy=
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
  as_root chmod 755 "$policy"
  own_policy=1
fi
trap '[ -z "$own_policy" ] || as_root rm -f "$policy"' EXIT
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
