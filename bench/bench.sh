#!/usr/bin/env bash
# The build benchmark (issue 9): bridgebook against Hugo on the same synthetic handbook.
#
#   bash bench/bench.sh              full bench; rewrites the generated part of docs/benchmarks.md
#   bash bench/bench.sh --smoke      500 pages, bridgebook only, one run; fails only if the
#                                    build fails (no timing assertions: for CI)
#
# Knobs (environment):
#   RUNS=5                 timed runs per tool and size (alternating bridgebook / Hugo)
#   SIZES="1000 10000"     corpus sizes in regular pages (the first and last give the growth)
#   GLOSSARY_TERMS=300     glossary terms in each corpus (0: no glossary)
#   SEED=1                 corpus seed (bench/gen_corpus.py)
#   EDITS=5                body edits timed in `bridgebook serve` (when serve exists)
#   BENCH_TMP=/dev/shm     where the corpora and outputs go (default: /dev/shm when it exists,
#                          so that the tools are measured, not the disk; BENCH_TMP=/tmp for disk)
#   OUT_MD=docs/benchmarks.md   where the results go (not written with --smoke)
#   BRIDGEBOOK_BIN=PATH    use this binary instead of `cargo build --release`
#   WAIT_IDLE=0            before each timed run, wait up to this many seconds for the machine
#                          to be idle (under 15% CPU busy over a second): for shared machines
#   SERVE_TIMEOUT=600      seconds to wait for `bridgebook serve` to answer
#   KEEP=1                 keep the work folder (corpora, outputs, logs)
#
# Needs: python3, cargo; installs Debian's `hugo`, `time` and `curl` with apt-get when missing.
# Wall time and peak RSS come from `/usr/bin/time -f '%e %M'`; output size from `du -sb`; the
# machine's busy time during each run (/proc/stat) minus the tool's own CPU time tells how much
# other work competed with it.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

SMOKE=0
case "${1:-}" in
  --smoke) SMOKE=1 ;;
  "") ;;
  -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
  *) echo "usage: bash bench/bench.sh [--smoke]" >&2; exit 2 ;;
esac

if [ "$SMOKE" = 1 ]; then
  RUNS=1; SIZES=500
else
  RUNS=${RUNS:-5}; SIZES=${SIZES:-"1000 10000"}
fi
GLOSSARY_TERMS=${GLOSSARY_TERMS:-300}
SEED=${SEED:-1}
EDITS=${EDITS:-5}
OUT_MD=${OUT_MD:-docs/benchmarks.md}
if [ -z "${BENCH_TMP:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then BENCH_TMP=/dev/shm; else BENCH_TMP=${TMPDIR:-/tmp}; fi
fi

log() { echo "bench: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  log "installing $* (Debian packages)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || {
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  }
}

# -- tools ------------------------------------------------------------------------------------
need=()
[ "$SMOKE" = 1 ] || [ -x /usr/bin/time ] || need+=(time)
[ "$SMOKE" = 1 ] || command -v hugo >/dev/null 2>&1 || need+=(hugo)
[ "$SMOKE" = 1 ] || command -v curl >/dev/null 2>&1 || need+=(curl)
[ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"

if [ -n "${BRIDGEBOOK_BIN:-}" ]; then
  BIN=$(realpath "$BRIDGEBOOK_BIN")
else
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
  log "cargo build --release"
  cargo build --release --quiet
  BIN=$CARGO_TARGET_DIR/release/bridgebook
fi

WORK=$(mktemp -d -p "$BENCH_TMP" bridgebook-bench.XXXXXX)
SERVE_PID=
stop_serve() { # TERM, then KILL if it is still there after 5 s
  [ -n "$SERVE_PID" ] || return 0
  kill "$SERVE_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SERVE_PID" 2>/dev/null || true
  wait "$SERVE_PID" 2>/dev/null || true
  SERVE_PID=
}
cleanup() {
  stop_serve
  if [ "${KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# -- smoke ------------------------------------------------------------------------------------
if [ "$SMOKE" = 1 ]; then
  python3 bench/gen_corpus.py --pages 500 --out "$WORK/site" --glossary-terms "$GLOSSARY_TERMS" --seed "$SEED"
  if ! "$BIN" build -r "$WORK/site" -o "$WORK/out"; then
    echo "bench --smoke: bridgebook build of the 500-page corpus failed" >&2
    exit 1
  fi
  [ -f "$WORK/out/index.html" ] || { echo "bench --smoke: no index.html written" >&2; exit 1; }
  log "smoke ok: $(find "$WORK/out" -name '*.html' | wc -l) HTML files"
  exit 0
fi

# -- corpora ----------------------------------------------------------------------------------
RESULTS=$WORK/results.tsv   # kind  tool  size  value...
: >"$RESULTS"
for n in $SIZES; do
  log "generating $n pages"
  python3 bench/gen_corpus.py --pages "$n" --out "$WORK/bb-$n" --hugo "$WORK/hugo-$n" \
    --glossary-terms "$GLOSSARY_TERMS" --seed "$SEED"
done

HZ=$(getconf CLK_TCK)
NCPU=$(nproc)
# CPU time the whole machine has spent busy since boot, in clock ticks.
busy_jiffies() {
  local a; a=($(head -1 /proc/stat))
  echo $(( a[1] + a[2] + a[3] + a[6] + a[7] + a[8] ))
}
# Percent of CPU time not idle over the last second, all CPUs.
busy_percent() {
  local a b
  a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  local idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}
# Measures how busy the machine is just before a timed run (recorded with the results); with
# WAIT_IDLE=S, first waits up to S seconds for it to be under 15% busy.
wait_idle() {
  local deadline=$(( $(date +%s) + ${WAIT_IDLE:-0} )) busy
  while busy=$(busy_percent); [ "$busy" -ge 15 ] && [ "$(date +%s)" -lt "$deadline" ]; do :; done
  [ "${WAIT_IDLE:-0}" = 0 ] || [ "$busy" -lt 15 ] || log "  machine still ${busy}% busy after ${WAIT_IDLE}s; running anyway"
  printf 'busy\t%s\n' "$busy" >>"$RESULTS"
}

# One timed run: appends "run TOOL SIZE WALL_S RSS_KB" to the results.
timed() { # tool size out-dir command...
  local tool=$1 size=$2 out=$3; shift 3
  rm -rf "$out"
  [ "$RUN_KIND" = warmup ] || wait_idle
  local before after
  before=$(busy_jiffies)
  if ! /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" "$@" >"$WORK/$tool-$size.log" 2>&1; then
    echo "bench: $tool failed on $size pages:" >&2
    tail -20 "$WORK/$tool-$size.log" >&2
    exit 1
  fi
  after=$(busy_jiffies)
  read -r wall rss user sys <"$WORK/time.txt"
  # The machine's CPU time minus the tool's own, over the run: other work that competed with it.
  other=$(python3 -c "print(max(0.0, ($after - $before) / $HZ - $user - $sys) / max($wall, 0.01) / $NCPU * 100)")
  printf '%s\t%s\t%s\t%s\t%s\t%.0f\n' "$RUN_KIND" "$tool" "$size" "$wall" "$rss" "$other" >>"$RESULTS"
  log "  $tool $size pages: ${wall}s, $((rss / 1024)) MB (other work: $(printf %.0f "$other")% of the CPUs)"
}
run_bb() { timed bridgebook "$1" "$WORK/out-bb-$1" "$BIN" build -r "$WORK/bb-$1" -o "$WORK/out-bb-$1"; }
run_hugo() { timed hugo "$1" "$WORK/out-hugo-$1" hugo --quiet -s "$WORK/hugo-$1" -d "$WORK/out-hugo-$1"; }

# Page 0 has the same source and the same sidebar branch in every corpus of 1008+ pages;
# page 48 is the first page three levels deep (its branch lists more sections as N grows).
page_url() { # site-dir page-index -> URL path of that page, e.g. start-here/x-y-z-0/
  local f
  f=$(cd "$1/content" && find . -name "*-$2.md" -printf '%P\n' | head -1)
  echo "${f%.md}/"
}

# -- builds -----------------------------------------------------------------------------------
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for n in $SIZES; do
  log "warm-up, $n pages (not counted)"
  RUN_KIND=warmup; run_bb "$n"; run_hugo "$n"
  RUN_KIND=run
  for r in $(seq 1 "$RUNS"); do
    if [ $((r % 2)) = 1 ]; then run_bb "$n"; run_hugo "$n"; else run_hugo "$n"; run_bb "$n"; fi
  done
  for tool in bridgebook hugo; do
    case $tool in bridgebook) out=$WORK/out-bb-$n ;; hugo) out=$WORK/out-hugo-$n ;; esac
    printf 'size\t%s\t%s\t%s\t%s\n' "$tool" "$n" "$(du -sb "$out" | cut -f1)" \
      "$(find "$out" -name '*.html' | wc -l)" >>"$RESULTS"
    for p in 0 48; do
      url=$(page_url "$WORK/bb-$n" "$p")
      if [ -f "$out/${url}index.html" ]; then
        printf 'page\t%s\t%s\t%s\t%s\n' "$tool" "$n" "$p" "$(stat -c %s "$out/${url}index.html")" >>"$RESULTS"
      fi
    done
  done
  grep -h '^built' "$WORK/bridgebook-$n.log" | sed "s/^/bridgebook $n: /" >&2 || true
done
LARGEST=$(for n in $SIZES; do echo "$n"; done | sort -n | tail -1)

# -- check ------------------------------------------------------------------------------------
if "$BIN" check --help >/dev/null 2>&1; then
  log "bridgebook check, $LARGEST pages"
  for r in $(seq 1 "$RUNS"); do
    if /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$BIN" check -r "$WORK/bb-$LARGEST" >"$WORK/check.log" 2>&1; then
      read -r wall rss <"$WORK/time.txt"
      printf 'check\tbridgebook\t%s\t%s\t%s\n' "$LARGEST" "$wall" "$rss" >>"$RESULTS"
      log "  check: ${wall}s"
    else
      log "  check exited non-zero; not timed:"; tail -5 "$WORK/check.log" >&2
      printf 'note\tcheck exited non-zero on the corpus (see bench log)\n' >>"$RESULTS"
      break
    fi
  done
else
  printf 'note\t`bridgebook check` does not exist in this build: not measured\n' >>"$RESULTS"
fi

# -- serve ------------------------------------------------------------------------------------
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
if "$BIN" serve --help >/dev/null 2>&1; then
  log "bridgebook serve, $LARGEST pages"
  site=$WORK/serve-site
  cp -r "$WORK/bb-$LARGEST" "$site"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  edit_index=$((LARGEST / 2))
  url_path=$(page_url "$site" "$edit_index")
  file=$site/content/${url_path%/}.md
  url=http://127.0.0.1:$port/$url_path
  t0=$(now_ms)
  "$BIN" serve -r "$site" -p "$port" >"$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  ready=0
  while [ $(( $(now_ms) - t0 )) -lt $(( ${SERVE_TIMEOUT:-600} * 1000 )) ]; do
    if curl -sf -o /dev/null "$url"; then ready=1; break; fi
    kill -0 "$SERVE_PID" 2>/dev/null || break
    sleep 0.05
  done
  if [ "$ready" = 1 ]; then
    printf 'serve_start\tbridgebook\t%s\t%s\n' "$LARGEST" "$(( $(now_ms) - t0 ))" >>"$RESULTS"
    sleep 1
    for e in $(seq 1 "$EDITS"); do
      marker="benchmarker${e}x$$x$(date +%s%N)"
      start=$(now_ms)
      printf '\nThe marker word is %s.\n' "$marker" >>"$file"
      seen=0
      while [ $(( $(now_ms) - start )) -lt 120000 ]; do
        if curl -s "$url" | grep -q "$marker"; then seen=1; break; fi
      done
      if [ "$seen" = 1 ]; then
        ms=$(( $(now_ms) - start ))
        printf 'serve_edit\tbridgebook\t%s\t%s\n' "$LARGEST" "$ms" >>"$RESULTS"
        log "  edit $e: ${ms} ms"
      else
        log "  edit $e: the marker never appeared within 120 s"
        printf 'note\tserve: an edit did not appear within 120 s\n' >>"$RESULTS"
      fi
      sleep 1
    done
  else
    log "serve never answered $url; log:"; tail -5 "$WORK/serve.log" >&2
    printf 'note\t`bridgebook serve` did not answer at %s pages (see bench log)\n' "$LARGEST" >>"$RESULTS"
  fi
  stop_serve
else
  printf 'note\t`bridgebook serve` does not exist in this build: not measured\n' >>"$RESULTS"
fi

# -- report -----------------------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src themes Cargo.toml Cargo.lock || echo "+changes")
fs=$(df -T "$WORK" | awk 'NR == 2 {print $2}')
export BENCH_MACHINE="$(nproc) CPUs ($cpu), $mem RAM, $os, Linux $(uname -r)"
export BENCH_VERSIONS="bridgebook $commit (release build), $(rustc --version), $(hugo version | cut -d' ' -f1-2 | sed 's/^hugo /Hugo /'), $(python3 --version)"
export BENCH_COMMAND="RUNS=$RUNS SIZES=\"$SIZES\" GLOSSARY_TERMS=$GLOSSARY_TERMS SEED=$SEED${WAIT_IDLE:+ WAIT_IDLE=$WAIT_IDLE} bash bench/bench.sh"
export BENCH_FS="$BENCH_TMP ($fs)"
export BENCH_DATE=$(date -u +%Y-%m-%d)
export BENCH_LOAD="$LOAD_START at the start of the builds, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
table=$(python3 bench/report.py "$RESULTS")
echo "$table"

marker='<!-- Generated by bench/bench.sh above this line; the hand-written part below is kept. -->'
mkdir -p "$(dirname "$OUT_MD")"
if [ -f "$OUT_MD" ] && grep -qxF "$marker" "$OUT_MD"; then
  kept=$(awk -v m="$marker" 'found { print } $0 == m { found = 1 }' "$OUT_MD")
else
  kept=$'\n## Profile\n\n(Not written yet: where the time of a 10,000-page build goes, measured with perf.)'
fi
{ echo "$table"; echo; echo "$marker"; echo "$kept"; } >"$OUT_MD"
log "wrote $OUT_MD"
