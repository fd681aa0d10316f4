#!/usr/bin/env bash
# Builds the release widget and serves the demo article on http://127.0.0.1:8080/
# (PORT=... to change). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/server.mjs dist
