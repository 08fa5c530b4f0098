#!/usr/bin/env bash
# Compare daemonlint with kubeconform and with the yaml.v3 parse floor on the
# generated corpus (go run bench/gen.go), and print the ratios that matter.
#
#   bench/compare.sh [RUNS]        RUNS defaults to 5 (21 for the 20-document file)
#
# It builds daemonlint and bench/floor.go, installs kubeconform v0.8.0 into a
# temporary GOBIN, writes strict standalone schemas in kubeconform's layout
# from daemonlint's embedded schemas (internal/schema/data, de-referenced by
# bench/kcschemas.go as openapi2jsonschema --stand-alone does), and times the
# three programs alternately, each run a fresh process, with /usr/bin/time
# for peak memory. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${EPOCHREALTIME:-}" ]; then
  echo "bench/compare.sh needs bash 5 (EPOCHREALTIME)" >&2
  exit 2
fi
runs=${1:-5}
small_runs=$(( runs > 21 ? runs : 21 ))

if [ ! -x /usr/bin/time ]; then
  echo "bench/compare.sh needs /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building daemonlint, the parse floor and kubeconform v0.8.0; generating the corpus" >&2
go build -o "$work/daemonlint" ./cmd/daemonlint
go build -o "$work/floor" bench/floor.go
GOBIN="$work/bin" go install github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0
go run bench/gen.go "$work/corpus"

# Schemas: internal/schema/data/GROUP.VERSION.KIND.json.gz become
# kubeconform's vRELEASE-standalone-strict/KIND-GROUPPREFIX-VERSION.json,
# de-referenced as the schemas of kubeconform's default location are.
release=$(sed -n 's/^const Release = "v\{0,1\}\([0-9.]*\)".*/\1/p' internal/schema/*.go | head -1)
go run bench/kcschemas.go internal/schema/data "$work/schemas/v$release-standalone-strict"

dl=("$work/daemonlint" lint)
kc=("$work/bin/kubeconform" -strict -summary -n 2 -schema-location "$work/schemas" -kubernetes-version "$release")
floor=("$work/floor")

# measure FILE CMD...: run CMD once, append "wall_ns peak_rss_kb" to FILE.
# The wall time includes starting /usr/bin/time (about a millisecond).
measure() {
  local out=$1
  shift
  local start end
  start=${EPOCHREALTIME/[.,]/}
  /usr/bin/time -f '%M' -o "$work/rss" "$@" > /dev/null 2>&1 || true
  end=${EPOCHREALTIME/[.,]/}
  echo "$(((end - start) * 1000)) $(tail -1 "$work/rss")" >> "$out"
}

# bench CASE PATH RUNS TOOL...: time the tools alternately on PATH.
bench() {
  local name=$1 path=$2 n=$3
  shift 3
  local tool i
  for i in $(seq "$n"); do
    for tool in "$@"; do
      case $tool in
        daemonlint) measure "$work/$name.$tool" "${dl[@]}" "$path" ;;
        kubeconform) measure "$work/$name.$tool" "${kc[@]}" "$path" ;;
        floor) measure "$work/$name.$tool" "${floor[@]}" "$path" ;;
      esac
    done
  done
}

median_ms() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1e6 }'; }
peak_mb() { awk '$2 > m { m = $2 } END { printf "%.0f", m / 1024 }' "$1"; }
docs_of() { "${floor[@]}" "$1" | awk '{ print $1 }'; }
bytes_of() { du -sb "$1" | awk '{ print $1 }'; }

many="$work/corpus/many"
one="$work/corpus/one/one.yaml"
stream="$work/corpus/stream/stream.yaml"

echo "timing: $runs runs of 10 000 documents, $small_runs of one 20-document file, $runs of the 100 MB stream" >&2
bench many "$many" "$runs" daemonlint kubeconform floor
bench one "$one" "$small_runs" daemonlint kubeconform floor
# kubeconform takes minutes on the stream and has no target there.
bench stream "$stream" "$runs" daemonlint floor

declare -A docs bytes
for c in many one stream; do
  p=$many
  [ "$c" = one ] && p=$one
  [ "$c" = stream ] && p=$stream
  docs[$c]=$(docs_of "$p")
  bytes[$c]=$(bytes_of "$p")
done

row() { # case tool
  local f="$work/$1.$2" ms
  ms=$(median_ms "$f")
  awk -v c="$1" -v t="$2" -v ms="$ms" -v d="${docs[$1]}" -v b="${bytes[$1]}" -v rss="$(peak_mb "$f")" \
    'BEGIN { printf "%-7s %-12s %10.1f %10.0f %8.1f %8s\n", c, t, ms, d / (ms / 1000), b / 1e6 / (ms / 1000), rss }'
}
ms() { median_ms "$work/$1.$2"; }

echo "daemonlint $(git describe --always --dirty) vs kubeconform v0.8.0 (-strict -summary -n 2, local schemas of Kubernetes v$release)"
echo "and the yaml.v3 parse floor (bench/floor.go, one core); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
echo
echo "ratios (medians):"
awk -v dl="$(ms many daemonlint)" -v kc="$(ms many kubeconform)" -v fl="$(ms many floor)" 'BEGIN {
  printf "  10 000 documents: daemonlint docs/s / kubeconform docs/s = %.2f (target >= 3)\n", kc / dl
  printf "  10 000 documents: daemonlint wall / parse floor wall     = %.2f (target <= 2)\n", dl / fl }'
awk -v dl="$(ms one daemonlint)" -v kc="$(ms one kubeconform)" 'BEGIN {
  printf "  one 20-document file: daemonlint median wall            = %.1f ms (target <= 25 ms)\n", dl
  printf "  one 20-document file: kubeconform wall / daemonlint wall = %.1f (target >= 10)\n", kc / dl }'
awk -v rss="$(peak_mb "$work/stream.daemonlint")" -v b="${bytes[stream]}" \
  -v sms="$(ms stream daemonlint)" -v sd="${docs[stream]}" -v mms="$(ms many daemonlint)" -v md="${docs[many]}" 'BEGIN {
  printf "  100 MB stream: daemonlint peak RSS / input size          = %.2f (target <= 2)\n", rss * 1048576 / b
  printf "  100 MB stream: docs/s / docs/s of 10 000 documents       = %.2f (target >= 0.8)\n", (sd / sms) / (md / mms) }'
echo
printf "%-7s %-12s %10s %10s %8s %8s\n" case tool "wall ms" "docs/s" "MB/s" "peak MB"
for c in many one; do
  for t in daemonlint kubeconform floor; do row "$c" "$t"; done
done
for t in daemonlint floor; do row stream "$t"; done
echo
echo "many: ${docs[many]} documents in 200 files, $(( ${bytes[many]} / 1000000 )) MB; one: ${docs[one]} documents;" \
  "stream: ${docs[stream]} documents, $(( ${bytes[stream]} / 1000000 )) MB"
