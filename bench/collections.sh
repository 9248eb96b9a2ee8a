#!/bin/sh
# Adopts every real site of the shared corpus as it is: rebuilds each one
# at its upstream paths (all rows of pairs.tsv), runs `bitext init` and
# `bitext check`, and prints the time of each and the pairs found against
# pairs.tsv. The numbers in docs/collections.md come from this script.
#
#   bench/collections.sh ../shared/corpus [target/release/bitext]
set -eu
corpus=$(cd "${1:-../shared/corpus}" && pwd)
bitext=$(cd "$(dirname "${2:-target/release/bitext}")" && pwd)/$(basename "${2:-target/release/bitext}")
printf '%-26s %6s %6s %8s %8s %s\n' site listed found init_s check_s rule
for site in letsencrypt-website gc-notify-docs cds-digital-canada-blog canada-ca-blog gc-open-source-guides; do
    tree=$(mktemp -d)
    listed=0
    tail -n +2 "$corpus/real/$site/pairs.tsv" | while IFS="$(printf '\t')" read -r id en fr note; do
        mkdir -p "$tree/$(dirname "$en")" "$tree/$(dirname "$fr")"
        cp "$corpus/real/$site/$id/en.md" "$tree/$en"
        cp "$corpus/real/$site/$id/fr.md" "$tree/$fr"
    done
    listed=$(($(wc -l < "$corpus/real/$site/pairs.tsv") - 1))
    start=$(date +%s.%N)
    summary=$(cd "$tree" && "$bitext" init 2>&1 | head -1) || true
    mid=$(date +%s.%N)
    (cd "$tree" && "$bitext" check --format json > check.json 2>/dev/null) || true
    end=$(date +%s.%N)
    found=$(echo "$summary" | sed -n 's/^[^:]*: \([0-9]*\) pairs.*/\1/p')
    rule=$(echo "$summary" | sed -n 's/.* by //p')
    printf '%-26s %6s %6s %8.2f %8.2f %s\n' "$site" "$listed" "${found:-0}" \
        "$(echo "$mid - $start" | bc)" "$(echo "$end - $mid" | bc)" "${rule:-$summary}"
    rm -rf "$tree"
done
