#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): splits the widget's wasm in parts, then
# (release builds) minifies the shipped JavaScript (scripts/minify.mjs). The
# part that shows the questionnaire loads first; each `#[wasm_split(name)]`
# function (the contact form in src/ui/lazy_contact.rs, reading a site's
# config in src/web/lint.rs, Spanish in src/web/translations.rs) becomes
# core/split_<name>.wasm, fetched by core/__wasm_split.js when it is first
# called. Replaces what Trunk's own wasm-bindgen step put in core/.
#
# Needs the cargo build linked with --emit-relocs (.cargo/config.toml) and
# the `split` feature (index.html); wasm-split-cli comes from setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
staging="${TRUNK_STAGING_DIR:?run by trunk build (TRUNK_STAGING_DIR)}"
profile="${TRUNK_PROFILE:-release}"
input="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/program_fit_screener.wasm"
name=program-fit-screener
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

wasm-split-cli "$input" "$work/split" --out-name "$name"
# The split main module keeps the linker's exports (memory, the function
# table) that the chunks import.
wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir "$work/main" --out-name "$name" "$work/split/$name.wasm"
# Short names for the imports from the glue, in both files (3.9 KB brotli).
node scripts/short-imports.mjs "$work/main/${name}_bg.wasm" "$work/main/$name.js"

# wasm-opt warns "unknown name subsection with id 3" about the names
# wasm-split writes; harmless, and no names ship (nor the producers and
# target-features sections, which no browser reads). PFS_WASM_NAMES=1 keeps
# the function names, for a profiler (bench/README.md: where time goes).
shrink() {
  if [ "$profile" = release ]; then
    # Merging functions that differ only in constants first: 0.5 KB less than -Oz alone.
    wasm-opt --duplicate-function-elimination --merge-similar-functions -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-multivalue --enable-reference-types \
      --strip-producers --strip-target-features ${PFS_WASM_NAMES:+-g} "$1" -o "$2"
  else
    cp "$1" "$2"
  fi
}
core="$staging/core"
rm -f "$core"/*.wasm
cp "$work/main/$name.js" "$work/split/__wasm_split.js" "$core/"
shrink "$work/main/${name}_bg.wasm" "$core/${name}_bg.wasm"
for chunk in "$work"/split/*.wasm; do
  [ "$(basename "$chunk")" = "$name.wasm" ] || shrink "$chunk" "$core/$(basename "$chunk")"
done
if [ "$profile" = release ]; then
  node scripts/minify.mjs "$staging"
fi
