#!/usr/bin/env bash
# Builds the release widget and runs the lead inbox (pfs-inbox) on
# http://127.0.0.1:8080/ (PORT=... to change): it serves the demo article at /,
# receives its leads at /leads into SQLite under .inbox-demo/, and shows them
# at /inbox. The first run creates a key and a demo admin with a random
# password, printed every time. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
export PATH="$HOME/.cargo/bin:$PATH"
# The test profile shares its build with `cargo test` (scripts/test.sh).
cargo build --locked --profile test -p pfs-inbox
bin=target/debug/pfs-inbox
port=${PORT:-8080}
demo=.inbox-demo
mkdir -p "$demo"
# The key lives beside the data folder, never inside it.
[ -f "$demo/inbox.key" ] || "$bin" key generate --key-file "$demo/inbox.key" >/dev/null
if [ ! -f "$demo/admin-password" ]; then
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  printf '%s\n' "$password" | "$bin" user add demo@localhost --password-stdin --admin --data "$demo/data" >/dev/null
  printf '%s\n' "$password" > "$demo/admin-password"
  chmod 600 "$demo/admin-password"
fi
url="http://127.0.0.1:$port"
cat <<MSG
Demo page: $url/   (leads are stored encrypted in $demo/data)
Inbox:     $url/inbox   sign in as demo@localhost with password $(cat "$demo/admin-password")
Ctrl+C to stop.
MSG
# Plain http on loopback, so cookies without Secure; see docs/inbox.md for TLS.
exec "$bin" serve --listen "127.0.0.1:$port" --data "$demo/data" --key-file "$demo/inbox.key" \
  --site dist --allow-origin "$url" --public-url "$url" --insecure-cookies
