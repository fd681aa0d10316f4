#!/usr/bin/env bash
# Builds the widget with its two pseudo-locales (feature `pseudo`: en-XA,
# accented and 35-40% longer; ar-XB, right to left) into target/dist-pseudo/,
# for the end-to-end tests that walk them (tests/e2e/pseudo.test.mjs).
# Never into dist/: the pseudo-locales ship nowhere. The same flags as
# scripts/build.sh's widget build, whose dist/ it leaves alone.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

flags=$(sed -n 's/^rustflags = \[\(.*\)\]$/\1/p' .cargo/config.toml | tr -d '",')
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags"
# index.html names the features (which Trunk prefers to --features): a
# copy in target/ that adds `pseudo`, its Trunk links one folder up.
mkdir -p target
sed -e '/data-trunk/ s#href="#href="../#' -e 's#data-cargo-features="split"#data-cargo-features="split,pseudo"#' index.html > target/pseudo-index.html
grep -q 'data-cargo-features="split,pseudo"' target/pseudo-index.html
trunk build --release --offline --dist target/dist-pseudo target/pseudo-index.html
