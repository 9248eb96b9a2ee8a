#!/usr/bin/env bash
# bitext check versus Mozilla compare-locales 9.0.5 on the same generated
# Fluent trees with planted defects (bench/gen_ftl.py, seed 7).
#
# usage: bench/compare_locales.sh [K ...]        (default: 1000 100000)
# env:   RUNS=3                 timed runs per tool (the median is printed)
#        VENV=/tmp/bitext-cl-venv   where compare-locales is installed (created if missing)
#        DATA=/tmp/bitext-bench     where the trees are generated
#
# Each tree is generated once as DATA/ftl-K<K>/{en,fr}/*.ftl plus l10n.toml
# (compare-locales' project file) and manifest.json (the planted defects).
# The script makes the same folder a bitext workspace: a bitext.toml whose
# locales folder l10n/ holds en-GB -> ../en and fr-FR -> ../fr, so both tools
# read the very same files. It then runs
#   compare-locales --json cl.json l10n.toml . fr
#   bitext --workspace DIR check --format json
# and prints, per planted defect kind, how many each tool reported, then the
# wall times. bitext is built in release mode.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
RUNS="${RUNS:-3}"
VENV="${VENV:-/tmp/bitext-cl-venv}"
DATA="${DATA:-/tmp/bitext-bench}"
KS=("$@"); [ ${#KS[@]} -eq 0 ] && KS=(1000 100000)

if [ ! -x "$VENV/bin/compare-locales" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "compare-locales==9.0.5"
fi
(cd "$ROOT" && cargo build --release --quiet)
BITEXT="$ROOT/target/release/bitext"

for K in "${KS[@]}"; do
  DIR="$DATA/ftl-K$K"
  if [ ! -f "$DIR/manifest.json" ]; then
    python3 "$HERE/gen_ftl.py" --k "$K" --out "$DIR" >/dev/null
  fi
  mkdir -p "$DIR/l10n"
  ln -sfn ../en "$DIR/l10n/en-GB"
  ln -sfn ../fr "$DIR/l10n/fr-FR"
  printf '[languages]\nsource = "en-GB"\ntarget = "fr-FR"\n\n[paths]\nlocales = "l10n"\n' >"$DIR/bitext.toml"
done
python3 "$HERE/compare_locales.py" --runs "$RUNS" --cl "$VENV/bin/compare-locales" --bitext "$BITEXT" \
  "${KS[@]/#/$DATA/ftl-K}"
