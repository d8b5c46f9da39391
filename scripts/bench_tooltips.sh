#!/usr/bin/env bash
# Whole-build time with glossary tooltips on and off (issue 8: on must be <= 10% slower).
# Usage: bash scripts/bench_tooltips.sh [PAGES] [TERMS] [RUNS]
# On a shared machine wall and even CPU time swing by 2x between runs; the instruction count
# under callgrind does not, so for a steady figure also run, on a smaller corpus:
#   valgrind --tool=callgrind target/release/bridgebook build -r SITE   (tooltips on, then off)
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
# One build: "wall cpu" seconds (cpu = user + sys, steadier on a shared machine).
time_build() {
  /usr/bin/time -f "%e %U %S" -o "$work/t" "$bin" build -r "$1" -o "$1/public" > /dev/null
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t"
}
on_wall=(); on_cpu=(); off_wall=(); off_cpu=()
for _ in $(seq "$runs"); do
  read -r w c < <(time_build "$work/off"); off_wall+=("$w"); off_cpu+=("$c")
  read -r w c < <(time_build "$work/on"); on_wall+=("$w"); on_cpu+=("$c")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { echo "scale=3; $1 / $2" | bc; }
terms_on=$(grep -o 'class="term"' -r "$work/on/public" --include=index.html | wc -l)
echo "pages=$pages glossary_terms=$terms runs=$runs, $terms_on tooltips written"
echo "wall off: ${off_wall[*]} (median $(median "${off_wall[@]}") s)"
echo "wall on:  ${on_wall[*]} (median $(median "${on_wall[@]}") s)"
echo "cpu  off: ${off_cpu[*]} (median $(median "${off_cpu[@]}") s)"
echo "cpu  on:  ${on_cpu[*]} (median $(median "${on_cpu[@]}") s)"
echo "on/off wall: $(ratio "$(median "${on_wall[@]}")" "$(median "${off_wall[@]}")")"
echo "on/off cpu:  $(ratio "$(median "${on_cpu[@]}")" "$(median "${off_cpu[@]}")")"
