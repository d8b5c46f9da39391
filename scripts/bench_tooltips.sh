#!/usr/bin/env bash
# Whole-build time with glossary tooltips on and off (issue 8: on must be <= 10% slower).
# Usage: bash scripts/bench_tooltips.sh [PAGES] [TERMS] [RUNS]
# Needs the corpus generator of the bench work (bench/gen_corpus.py, branch `bench`) and a
# release build (cargo build --release). Runs alternate on/off so drift hits both alike.
set -euo pipefail
pages=${1:-10000}; terms=${2:-300}; runs=${3:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
bin="$repo/target/release/bridgebook"
gen="$repo/bench/gen_corpus.py"
[ -f "$gen" ] || { git -C "$repo" show bench:bench/gen_corpus.py > /tmp/gen_corpus.py; gen=/tmp/gen_corpus.py; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$gen" --pages "$pages" --out "$work/on" --glossary-terms "$terms" > /dev/null
cp -r "$work/on" "$work/off"
printf '\ntooltips: false\n' >> "$work/off/bridgebook.yaml"
time_build() { # prints seconds of one build
  local start end
  start=$(date +%s.%N)
  "$bin" build -r "$1" -o "$1/public" > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
on=(); off=()
for _ in $(seq "$runs"); do
  off+=("$(time_build "$work/off")")
  on+=("$(time_build "$work/on")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_on=$(median "${on[@]}"); m_off=$(median "${off[@]}")
terms_on=$(grep -o 'class="term"' -r "$work/on/public" --include=index.html | wc -l)
echo "pages=$pages glossary_terms=$terms runs=$runs"
echo "off: ${off[*]} (median $m_off s)"
echo "on:  ${on[*]} (median $m_on s), $terms_on tooltips written"
echo "on/off: $(echo "scale=3; $m_on / $m_off" | bc)"
