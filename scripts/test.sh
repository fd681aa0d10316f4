#!/usr/bin/env bash
# Runs every test: the pure core natively, the components in headless
# Chromium, then the release build end to end. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "formatting and lints (rustfmt, clippy with warnings as errors)"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked -p program-fit-screener --target wasm32-unknown-unknown --lib --test components --test panic --test stages -- -D warnings
# The release build loads the contact form separately (the `split` feature).
cargo clippy --locked -p program-fit-screener --target wasm32-unknown-unknown --lib --features split -- -D warnings

step "native tests of the pure core"
cargo test --locked

step "component tests in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked -p program-fit-screener --target wasm32-unknown-unknown --test components --test panic --test stages

step "release build"
bash scripts/build.sh

step "end-to-end tests in headless Chromium (playwright-core)"
node --test tests/e2e/
