#!/usr/bin/env bash
# Where the time of a bridgebook build goes, without touching the code: builds variants of the
# same synthetic corpus that each take one kind of work away, and (when `perf` is installed)
# samples the full build and sorts the samples by pipeline stage.
#
#   bash bench/profile.sh            10,000 pages, 3 runs per variant
#   PAGES=2000 RUNS=5 bash bench/profile.sh
#
# Variants (the difference to "full" is the cost of what was taken away):
#   full            the bench corpus (bench/gen_corpus.py, glossary of GLOSSARY_TERMS terms)
#   no-highlight    the same, with the language removed from every code fence (plain <pre>)
#   min-templates   the same, with a site `templates/` holding one-line page/section/index/
#                   taxonomy templates (no sidebar, badges, ToC, inline CSS)
#   no-taxonomies   the same, without audience/roles/tags in the front matter (3 + 9 + 40 fewer
#                   term pages, which list up to thousands of pages each; no badges)
#   no-sidebar      the theme's base.html without the sidebar
#   no-inline-css   the theme's base.html linking the stylesheet instead of inlining it
# CPU time (user + sys) is reported next to wall time: on a shared machine it moves less, but
# still moves; COUNT=1 also counts each variant's instructions under callgrind, which other work
# does not change at all (slow: about a minute per variant at PAGES=1000, ten at 10000).
# Knobs: PAGES=10000 RUNS=3 GLOSSARY_TERMS=300 SEED=1 BENCH_TMP=/dev/shm BRIDGEBOOK_BIN=PATH
#        COUNT=1 for instruction counts; PERF=0 to skip perf; KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-10000}
RUNS=${RUNS:-3}
GLOSSARY_TERMS=${GLOSSARY_TERMS:-300}
SEED=${SEED:-1}
if [ -z "${BENCH_TMP:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then BENCH_TMP=/dev/shm; else BENCH_TMP=${TMPDIR:-/tmp}; fi
fi
if [ -n "${BRIDGEBOOK_BIN:-}" ]; then
  BIN=$(realpath "$BRIDGEBOOK_BIN")
else
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
  cargo build --release --quiet
  BIN=$CARGO_TARGET_DIR/release/bridgebook
fi
[ -x /usr/bin/time ] || { echo "profile: needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
WORK=$(mktemp -d -p "$BENCH_TMP" bridgebook-profile.XXXXXX)
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "profile: kept $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "profile: generating $PAGES pages and the variants" >&2
python3 bench/gen_corpus.py --pages "$PAGES" --out "$WORK/full" --glossary-terms "$GLOSSARY_TERMS" --seed "$SEED"

cp -r "$WORK/full" "$WORK/no-highlight"
find "$WORK/no-highlight/content" -name '*.md' -exec sed -i 's/^```[a-z]\+$/```/' {} +

cp -r "$WORK/full" "$WORK/no-taxonomies"
find "$WORK/no-taxonomies/content" -name '*.md' -exec sed -i '/^\(audience\|roles\|tags\): /d' {} +

cp -r "$WORK/full" "$WORK/min-templates"
mkdir -p "$WORK/min-templates/templates"
for t in page section index; do
  printf '<!doctype html><title>{{ page.title }}</title><h1>{{ page.title }}</h1>{{ page.content | safe }}\n' \
    >"$WORK/min-templates/templates/$t.html"
done
printf '<!doctype html><title>{{ page.title }}</title><ul>{%% for p in term.pages %%}<li><a href="{{ root }}{{ p.url }}">{{ p.title }}</a></li>{%% endfor %%}</ul>\n' \
  >"$WORK/min-templates/templates/taxonomy_term.html"

# The theme's base.html without the sidebar loop, and with a <link> instead of the inlined CSS.
for v in no-sidebar no-inline-css; do
  cp -r "$WORK/full" "$WORK/$v"
  mkdir -p "$WORK/$v/templates"
  cp themes/default/templates/base.html "$WORK/$v/templates/base.html"
done
python3 - "$WORK" <<'EOF'
import sys
work = sys.argv[1]
for variant, old, new in [
    ("no-sidebar", "{% for item in nav %}{{ macros::nav_item(item=item, root=root) }}{% endfor %}", ""),
    ("no-inline-css", "<style>{{ site.stylesheet | safe }}</style>", '<link rel="stylesheet" href="{{ root }}bridgebook.css">'),
]:
    path = f"{work}/{variant}/templates/base.html"
    text = open(path).read()
    if old not in text:
        sys.exit(f"profile: the theme's base.html changed; update the {variant} variant")
    open(path, "w").write(text.replace(old, new))
EOF

VARIANTS="full no-highlight min-templates no-taxonomies no-sidebar no-inline-css"
: >"$WORK/results.tsv"
for r in $(seq 0 "$RUNS"); do   # run 0 is a warm-up
  for v in $VARIANTS; do
    rm -rf "$WORK/out-$v"
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "$BIN" build -r "$WORK/$v" -o "$WORK/out-$v" >"$WORK/$v.log" 2>&1 \
      || { echo "profile: build of $v failed" >&2; tail "$WORK/$v.log" >&2; exit 1; }
    [ "$r" = 0 ] || printf '%s\t%s\n' "$v" "$(cat "$WORK/time.txt")" >>"$WORK/results.tsv"
  done
done

echo "## Variants of the $PAGES-page corpus ($RUNS runs each, medians; load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo
python3 - "$WORK/results.tsv" <<'EOF'
import statistics, sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    v, t = line.rstrip("\n").split("\t")
    e, u, s, m = t.split()
    rows[v].append((float(e), float(u) + float(s), int(m)))
med = {v: (statistics.median(x[0] for x in r), statistics.median(x[1] for x in r), max(x[2] for x in r)) for v, r in rows.items()}
full = med["full"]
print("| variant | wall (median) | CPU user+sys (median) | CPU saved vs full | peak RSS |")
print("|---|---:|---:|---:|---:|")
for v, (e, c, m) in med.items():
    saved = "" if v == "full" else f"{full[1] - c:.2f} s ({100 * (full[1] - c) / full[1]:.0f}%)"
    print(f"| {v} | {e:.2f} s | {c:.2f} s | {saved} | {m / 1024:.0f} MB |")
EOF

if [ "${COUNT:-0}" = 1 ]; then
  command -v valgrind >/dev/null 2>&1 || { echo "profile: COUNT=1 needs valgrind (apt-get install -y valgrind)" >&2; exit 2; }
  echo
  echo "## Instructions per variant (callgrind; deterministic, unaffected by other work)"
  echo
  echo "| variant | instructions | saved vs full |"
  echo "|---|---:|---:|"
  full_ir=
  for v in $VARIANTS; do
    rm -rf "$WORK/out-$v"
    ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" build -r "$WORK/$v" -o "$WORK/out-$v" 2>&1 \
      | awk '/I *refs:/ { gsub(",", "", $NF); print $NF }')
    [ -n "$full_ir" ] || full_ir=$ir
    python3 -c "f, i = $full_ir, $ir; print(f'| $v | {i / 1e9:.2f} G | ' + ('' if i == f else f'{(f - i) / 1e9:.2f} G ({100 * (f - i) / f:.0f}%)') + ' |')"
  done
fi

if [ "${PERF:-1}" = 1 ] && command -v perf >/dev/null 2>&1; then
  echo
  echo "## perf: samples of the full build by stage"
  echo
  rm -rf "$WORK/out-full"
  perf record -q -F 299 --call-graph dwarf,16384 -o "$WORK/perf.data" \
    "$BIN" build -r "$WORK/full" -o "$WORK/out-full" >/dev/null 2>&1
  perf script -i "$WORK/perf.data" -F tid,time,ip,sym --no-inline 2>/dev/null >"$WORK/perf.txt"
  python3 bench/perf_stages.py "$WORK/perf.txt"
fi
