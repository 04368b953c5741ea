#!/usr/bin/env bash
# Fails while the console's translations are incomplete or stale: runs lupdate over the
# translated sources into copies of the .ts files and reports every string that is new
# (unfinished) or no longer in the sources (vanished/obsolete).
#   check-translations.sh <lupdate> <sources .lst> <ts file>...
set -euo pipefail
lupdate=$1
sources=$2
shift 2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
copies=()
for ts in "$@"; do
  cp "$ts" "$scratch/"
  copies+=("$scratch/$(basename "$ts")")
done
"$lupdate" -silent -locations none "@$sources" -ts "${copies[@]}"
status=0
for copy in "${copies[@]}"; do
  name=$(basename "$copy")
  unfinished=$(grep -c 'type="unfinished"' "$copy" || true)
  stale=$(grep -c -E 'type="(vanished|obsolete)"' "$copy" || true)
  if [[ $unfinished -gt 0 || $stale -gt 0 ]]; then
    echo "$name: $unfinished untranslated, $stale obsolete" >&2
    # Name the first few, so the fix is obvious.
    grep -B3 -E 'type="(unfinished|vanished|obsolete)"' "$copy" | grep '<source>' | head -10 | sed 's/^/  /' >&2
    status=1
  else
    echo "$name: complete"
  fi
done
if [[ $status -ne 0 ]]; then
  echo "Run 'ninja update_translations' (or cmake --build <dir> --target update_translations), translate, and commit." >&2
fi
exit $status
