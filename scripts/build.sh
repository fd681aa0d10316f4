#!/usr/bin/env bash
# Builds the release widget into dist/ and checks its size, then the
# configurator page into dist/configure/ (its own wasm, never the widget's). Used by serve.sh
# and test.sh (after setup.sh). The wasm keeps the flags of
# .cargo/config.toml and has the paths of its dependencies' sources
# shortened: they end up in the wasm (panic locations), and the build
# machine's home directory is nobody's business.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

flags=$(sed -n 's/^rustflags = \[\(.*\)\]$/\1/p' .cargo/config.toml | tr -d '",')
registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"
# Each registry index's directory becomes `c` (the last matching prefix wins).
indexes=$(for d in "$registry"/*/; do [ -d "$d" ] && printf ' --remap-path-prefix=%s=c' "${d%/}"; done)
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags --remap-path-prefix=$registry=crates$indexes --remap-path-prefix=$PWD=."

trunk build --release --offline
node scripts/sizes.mjs

# The configurator: without the widget's flags (its stack size, and the
# relocations only the widget's splitting needs, which wasm-opt refuses);
# RUSTFLAGS replaces .cargo/config.toml's target flags. After the widget,
# whose build replaces dist/.
RUSTFLAGS="--remap-path-prefix=$registry=crates$indexes --remap-path-prefix=$PWD=." \
  trunk --config configurator/Trunk.toml build --release --offline
