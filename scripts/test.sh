#!/usr/bin/env bash
# Runs every test: the pure core natively, the lead inbox (pfs-inbox) on
# SQLite and PostgreSQL, the components in headless Chromium, then the
# release build end to end (the widget to the inbox too). Installs what is
# missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

# Each step's time is printed when the next one starts (and at the end).
step_name=
step() {
  if [ -n "$step_name" ]; then printf '\033[2m(%s: %d s)\033[0m\n' "$step_name" $((SECONDS - step_start)); fi
  step_name=$*
  step_start=$SECONDS
  if [ $# -gt 0 ]; then printf '\n\033[1m== %s\033[0m\n' "$*"; fi
}

# Every PostgreSQL cluster of this run (the shared one below, and those the
# inbox's fault tests start and restart) lives under one folder, and the
# EXIT trap stops them all and removes it, however the run ends. Nothing
# here holds a lock while a server starts.
PFS_TEST_TMP=$(mktemp -d /tmp/pfs-test.XXXXXX)
chmod 755 "$PFS_TEST_TMP"
export PFS_TEST_TMP
cleanup() {
  bash scripts/inbox-pg.sh stop-all "$PFS_TEST_TMP" || true
  rm -rf "$PFS_TEST_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "formatting and lints (rustfmt, clippy with warnings as errors)"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked -p program-fit-screener --target wasm32-unknown-unknown --lib --test components --test panic --test stages --test parts -- -D warnings
# The release build loads the contact form separately (the `split` feature).
cargo clippy --locked -p program-fit-screener --target wasm32-unknown-unknown --lib --features split -- -D warnings
# With the test builds' pseudo-locales (scripts/build-pseudo.sh).
cargo clippy --locked -p program-fit-screener --target wasm32-unknown-unknown --lib --features split,pseudo -- -D warnings
# The configurator's page (configurator/), with the widget's crate without its element.
cargo clippy --locked -p pfs-configurator --target wasm32-unknown-unknown -- -D warnings

# The inbox's tests run against a real PostgreSQL: a throwaway cluster on a
# free port, shared by the tests that do not restart it.
eval "$(bash scripts/inbox-pg.sh start)"
export PFS_TEST_PG PFS_TEST_PGDATA

step "native tests: the pure core and screener-check"
cargo test --locked --workspace --exclude pfs-inbox

step "pfs-inbox on SQLite and PostgreSQL (with a real SMTP server), faults and load"
cargo test --locked -p pfs-inbox

step "component tests in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked -p program-fit-screener --target wasm32-unknown-unknown --test components --test panic --test stages --test parts

step "release build"
bash scripts/build.sh

step "test build with the pseudo-locales (target/dist-pseudo/, for tests/e2e/pseudo.test.mjs)"
bash scripts/build-pseudo.sh

step "end-to-end tests in headless Chromium (playwright-core), the widget to pfs-inbox included"
# The inbox's browser tests run the binary `cargo test -p pfs-inbox` built for
# its own tests (a `cargo build` would build it again: without the
# dev-dependencies, its crates' features differ).
export PFS_INBOX_BIN="$PWD/target/debug/pfs-inbox"
node --test tests/e2e/

step "WordPress plugin in a real WordPress (Debian's wordpress and MariaDB)"
bash scripts/setup-wordpress.sh && bash scripts/test-wordpress.sh
step
