#!/usr/bin/env bash
# bitext check versus po4a + gettext, side by side, on the same generated
# corpus of en/fr Markdown press releases with planted English edits
# (../shared/peers/gen/gen_md_corpus.py, seed 42).
#
# usage: bench/po4a.sh [N ...]        (default: 100 1000; N documents)
# env:   RUNS=3                  timed runs per tool (the median is printed)
#        DATA=/tmp/bitext-bench  where corpora, workspaces and po4a runs go
#        GEN=.../gen_md_corpus.py   the generator (default: ../shared/peers/gen/
#                                   beside or above this checkout)
#
# Needs: po4a and gettext (Debian: `apt-get install po4a gettext`), python3,
# cargo. The script installs nothing: it stops and says what is missing.
#
# The generator writes en.v1/ (the English the French was translated from),
# fr/ (that French, absent for 2 % of documents), en/ (the English now, with
# 1-3 planted edits in 30 % of documents: number, append, rewrite, insert,
# delete), po/ (one PO per document, msgid = en.v1, msgstr = French) and
# manifest.json (the planted edits, the ground truth).
#
# po4a, in its fastest drift mode (one POT and one fr.po for the whole corpus,
# the per-document PO files msgcat'ed together before each run, untimed):
#   po4a --no-translations po4a-single.cfg
# A document counts as flagged when a fuzzy or untranslated entry refers to it.
#
# bitext: a workspace with one release per document, en.md = en.v1 and
# fr.md = the French, signed off (untimed); then en.md is replaced by the
# English now (and an empty fr.md stands for a missing French) and
#   bitext check --format json --no-cache
# is timed twice: with drift only, the work po4a does (every quality check
# of docs/checks.md turned "off" in [checks], as a CI job gating only on
# sync would), then with every check. A document counts as flagged when it
# has a pairing finding (source-drifted, missing-source,
# missing-translation, target-edited, not-signed-off, french-title-missing);
# both bitext runs must flag the same documents.
#
# For each kind of planted edit it prints how many of the documents holding
# such an edit each tool flagged, then the unedited documents flagged (false
# alarms), the median wall times and the ratios. bitext is built in release
# mode.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
RUNS="${RUNS:-3}"
DATA="${DATA:-/tmp/bitext-bench}"
NS=("$@"); [ ${#NS[@]} -eq 0 ] && NS=(100 1000)

if [ -z "${GEN:-}" ]; then
  for d in "$ROOT/../shared" "$ROOT/../../shared"; do
    [ -f "$d/peers/gen/gen_md_corpus.py" ] && GEN="$d/peers/gen/gen_md_corpus.py" && break
  done
fi
[ -n "${GEN:-}" ] && [ -f "$GEN" ] || { echo "gen_md_corpus.py not found: set GEN=path/to/gen_md_corpus.py" >&2; exit 1; }
missing=()
for cmd in po4a msgcat msgfmt python3 cargo; do
  command -v "$cmd" >/dev/null || missing+=("$cmd")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing: ${missing[*]} (Debian: apt-get install po4a gettext python3)" >&2
  exit 1
fi
(cd "$ROOT" && cargo build --release --quiet)
BITEXT="$ROOT/target/release/bitext"

for N in "${NS[@]}"; do
  CORPUS="$DATA/md-N$N"
  [ -f "$CORPUS/manifest.json" ] || python3 "$GEN" --n "$N" --out "$CORPUS" >/dev/null

  # po4a: one POT + one fr.po for the whole corpus.
  P4="$DATA/po4a-N$N"
  rm -rf "$P4"; mkdir -p "$P4"
  cp -r "$CORPUS/en" "$P4/"
  { echo "[po4a_langs] fr"; echo "[po4a_paths] po/press.pot \$lang:po/\$lang.po"
    grep -E '^\[(options|po4a_alias)' "$CORPUS/po4a.cfg"
    grep '^\[type' "$CORPUS/po4a.cfg" | sed 's/ pot=.*//'; } >"$P4/po4a-single.cfg"

  # bitext: sign off en.v1 + fr, then bring in the English now.
  WS="$DATA/bitext-N$N"
  rm -rf "$WS"; mkdir -p "$WS/releases"
  : >"$WS/bitext.toml"
  for f in "$CORPUS"/en.v1/*.md; do
    b=$(basename "$f" .md)
    mkdir "$WS/releases/$b"
    printf 'date = 2026-04-15\nstatus = "approved"\n\n[slug]\nen = ""\nfr = ""\n' >"$WS/releases/$b/release.toml"
    cp "$f" "$WS/releases/$b/en.md"
    [ -f "$CORPUS/fr/$b.md" ] && cp "$CORPUS/fr/$b.md" "$WS/releases/$b/fr.md"
  done
  # shellcheck disable=SC2046
  SOURCE_DATE_EPOCH=1776211200 "$BITEXT" --workspace "$WS" sign-off --by bench \
    $(cd "$CORPUS/fr" && ls | sed 's/\.md$//') >/dev/null
  for f in "$CORPUS"/en/*.md; do
    b=$(basename "$f" .md)
    cp "$f" "$WS/releases/$b/en.md"
    [ -f "$WS/releases/$b/fr.md" ] || : >"$WS/releases/$b/fr.md"
  done
  # The same workspace, drift only: every quality check listed in
  # docs/checks.md off (the title check stays: it is a sync finding here).
  DRIFT="$DATA/bitext-drift-N$N"
  rm -rf "$DRIFT"; cp -a "$WS" "$DRIFT"
  { echo "[checks]"
    grep -oE '^\| `[a-z-]+` \|' "$ROOT/docs/checks.md" | tr -d '|` ' \
      | grep -vx 'french-title-missing' | sed 's/$/ = "off"/'; } >"$DRIFT/bitext.toml"

  python3 - "$N" "$RUNS" "$CORPUS" "$P4" "$WS" "$DRIFT" "$BITEXT" <<'EOF'
import json, os, re, shutil, statistics, subprocess, sys, time, glob
n, runs, corpus, p4, ws, drift, bitext = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]

def timed(cmd, cwd, prepare=None, ok=(0,)):
    times = []
    for _ in range(runs):
        if prepare:
            prepare()
        t = time.perf_counter()
        r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
        if r.returncode not in ok:
            sys.exit(f"{cmd[0]} exited {r.returncode}")
    return statistics.median(times), r.stdout

def prepare_po():
    shutil.rmtree(os.path.join(p4, "po"), ignore_errors=True)
    os.makedirs(os.path.join(p4, "po"))
    subprocess.run(["msgcat", "--use-first", "-o", os.path.join(p4, "po", "fr.po")]
                   + sorted(glob.glob(os.path.join(corpus, "po", "*.fr.po"))), check=True)

po4a_s, _ = timed(["po4a", "--no-translations", "po4a-single.cfg"], p4, prepare_po)
def bitext_check(root):
    return timed([bitext, "--workspace", root, "check", "--format", "json", "--no-cache"], root, ok=(0, 1))
drift_s, drift_out = bitext_check(drift)
bitext_s, out = bitext_check(ws)

# po4a: documents referred to by a fuzzy or untranslated entry of fr.po.
po4a_docs = set()
for entry in open(os.path.join(p4, "po", "fr.po"), encoding="utf-8").read().split("\n\n"):
    lines = entry.strip().split("\n")
    if any(l.startswith("#~") for l in lines):
        continue  # obsolete: msgfmt --statistics does not count it
    refs = [r for l in lines if l.startswith("#: ") for r in l[3:].split()]
    fuzzy = any(l.startswith("#,") and "fuzzy" in l for l in lines)
    msgstr, in_str = [], False
    for l in lines:
        if l.startswith("msgstr "):
            in_str = True
            msgstr.append(l[7:].strip('"'))
        elif in_str and l.startswith('"'):
            msgstr.append(l.strip('"'))
        elif in_str:
            in_str = False
    if refs and (fuzzy or not "".join(msgstr)):
        po4a_docs.update(os.path.basename(r.rsplit(":", 1)[0])[:-3] for r in refs)

# bitext: documents with a pairing finding.
SYNC = {"source-drifted", "missing-source", "missing-translation", "target-edited",
        "not-signed-off", "french-title-missing"}
def flagged(out):
    return {f["release"] for f in json.loads(out)["findings"] if f["code"] in SYNC}
bitext_docs = flagged(out)
if flagged(drift_out) != bitext_docs:
    sys.exit("bitext flags other documents with drift only than with every check")

manifest = json.load(open(os.path.join(corpus, "manifest.json")))["docs"]
rows = {}
def count(kind, doc):
    row = rows.setdefault(kind, [0, 0, 0])
    row[0] += 1
    row[1] += doc in po4a_docs
    row[2] += doc in bitext_docs
for doc, d in sorted(manifest.items()):
    if d["missing_fr"]:
        count("no French at all (docs)", doc)
    elif d["ops"]:
        for kind in sorted({o["op"] for o in d["ops"]}):
            count(f"{kind} (docs with one)", doc)
        if {o["op"] for o in d["ops"]} == {"delete"}:
            count("delete only (docs)", doc)
        count("edited, any kind (docs)", doc)
    else:
        count("unedited: false alarms", doc)

print(f"== N={n}: {len(manifest)} documents, median of {runs} runs")
print(f"{'planted':<28} {'docs':>6} {'po4a':>6} {'bitext':>7}")
for kind, (total, p, b) in sorted(rows.items(), key=lambda kv: (kv[0].startswith(("edited", "no French", "unedited")), kv[0])):
    print(f"{kind:<28} {total:>6} {p:>6} {b:>7}")
print(f"{'wall time, s: drift only':<28} {'':>6} {po4a_s:>6.2f} {drift_s:>7.3f}")
print(f"{'  every check':<28} {'':>6} {'':>6} {bitext_s:>7.3f}")
print(f"bitext is {po4a_s / drift_s:.0f}x faster than po4a (one POT, one fr.po) on drift, "
      f"{po4a_s / bitext_s:.0f}x running every check too")
EOF
done
