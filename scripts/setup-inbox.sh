#!/usr/bin/env bash
# Installs what the inbox's tests need beyond the widget's: PostgreSQL 15
# (a throwaway cluster is started by scripts/inbox-pg.sh) and Debian's
# python3-aiosmtpd (a real SMTP server for the e-mail tests) and openssl
# (the TLS e-mail tests make a throwaway certificate authority). Idempotent.
set -euo pipefail
say() { printf '\033[1msetup-inbox:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
