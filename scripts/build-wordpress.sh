#!/usr/bin/env bash
# Builds dist/wordpress/program-fit-screener.zip: the plugin's files with the
# widget's loader and core/ from this checkout's dist/ under assets/.
# Reproducible: sorted entries, fixed dates and modes, so the same inputs
# give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/program-fit-screener.js ] && [ -d dist/core ] || { echo "build-wordpress: dist/ has no widget; run scripts/build.sh first" >&2; exit 1; }
mkdir -p dist/wordpress
python3 - <<'PY'
import os, zipfile
src, out = 'integrations/wordpress/program-fit-screener', 'dist/wordpress/program-fit-screener.zip'
files = []
for base, dirs, names in os.walk(src):
    files += [(os.path.join(base, n), os.path.relpath(os.path.join(base, n), src)) for n in names]
files.append(('dist/program-fit-screener.js', 'assets/program-fit-screener.js'))
for base, dirs, names in os.walk('dist/core'):
    files += [(os.path.join(base, n), 'assets/core/' + os.path.relpath(os.path.join(base, n), 'dist/core')) for n in names]
with zipfile.ZipFile(out + '.tmp', 'w', zipfile.ZIP_DEFLATED) as z:
    for path, name in sorted(files, key=lambda f: f[1]):
        info = zipfile.ZipInfo('program-fit-screener/' + name, (1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(path, 'rb') as f:
            z.writestr(info, f.read())
os.replace(out + '.tmp', out)
print(f'build-wordpress: {out} ({len(files)} files)')
PY
