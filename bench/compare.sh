#!/usr/bin/env bash
# Compare daemonlint with kubeconform and with the yaml.v3 parse floor on the
# generated corpus (go run bench/gen.go), and print the ratios that matter.
#
#   bench/compare.sh [RUNS]        RUNS defaults to 5 (21 for the 20-document file)
#
# It builds daemonlint, daemonlint-engines and bench/floor.go, installs kubeconform v0.8.0 into a
# temporary GOBIN, and writes kubeconform's schemas as its users get them
# from its default location: made from the release's swagger.json (in the
# k8s.io/kubernetes module) as openapi2jsonschema --expanded --kubernetes
# --stand-alone --strict makes them, descriptions kept (bench/kcschemas.go);
# a second set without descriptions gives a second kubeconform figure.
# daemonlint runs twice: with every rule, and with the rules that judge what
# the API server judges only (the node-agent rules disabled in a config file).
# The programs run alternately, each run a fresh process, with /usr/bin/time
# for peak memory. A 20-template Helm chart (DIR/chart of bench/gen.go) is
# timed like the 20-document file: daemonlint hands it to daemonlint-engines,
# so its time includes both starts. The package initialisation of both
# programs (GODEBUG=inittrace=1 PROGRAM version, the sum of the init lines) is
# printed too. Run it on an otherwise idle machine.
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
go build -o "$work/" ./cmd/...
go build -o "$work/floor" bench/floor.go
GOBIN="$work/bin" go install github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0
go run bench/gen.go "$work/corpus"

# Schemas: the release's swagger.json becomes kubeconform's
# vRELEASE-standalone-strict/KIND[-GROUP]-VERSION.json.
release=$(sed -n 's/^const Release = "v\{0,1\}\([0-9.]*\)".*/\1/p' internal/schema/*.go | head -1)
if [ -z "$release" ]; then
  echo "bench/compare.sh: no const Release in internal/schema" >&2
  exit 2
fi
kdir=$(cd "$work" && go mod download -json "k8s.io/kubernetes@v$release" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
swagger="$kdir/api/openapi-spec/swagger.json"
if [ ! -f "$swagger" ]; then
  echo "bench/compare.sh: no swagger.json in k8s.io/kubernetes@v$release ($swagger)" >&2
  exit 2
fi
go run bench/kcschemas.go "$swagger" "$work/schemas/v$release-standalone-strict" 2> /dev/null
go run bench/kcschemas.go -no-descriptions "$swagger" "$work/schemas-nodesc/v$release-standalone-strict" 2> /dev/null

# Configurations: every rule, and the API server's rules only. The rules
# that judge what the API server (and kubectl before it) judges are listed
# here, with the outcomes of rendering charts and building kustomizations;
# every other rule that `daemonlint rules` lists (the node-agent advice) is
# disabled.
apiserver_rules="syntax missing-type kind-spelling api-version deprecated-api selector-mismatch validation unknown-field field-type schema custom-resource daemonset-replicas duplicate-key ignore-directive render build"
all_rules=$("$work/daemonlint" rules --format json | sed -n 's/^    "name": "\([a-z0-9-]*\)",$/\1/p')
printf 'rules: {}\n' > "$work/all.yaml"
{
  echo "rules:"
  disabled=0
  for r in $all_rules; do
    case " $apiserver_rules " in
      *" $r "*) ;;
      *) printf '  %s:\n    enabled: false\n' "$r"; disabled=$((disabled + 1)) ;;
    esac
  done
} > "$work/apiserver.yaml"
for r in $apiserver_rules; do
  if ! grep -qx "$r" <<< "$all_rules"; then
    echo "bench/compare.sh: daemonlint rules does not list $r; update apiserver_rules" >&2
    exit 2
  fi
done
node_rules=$(grep -c 'enabled: false' "$work/apiserver.yaml" || true)

dl=("$work/daemonlint" lint --config "$work/all.yaml")
dlapi=("$work/daemonlint" lint --config "$work/apiserver.yaml")
kc=("$work/bin/kubeconform" -strict -summary -n 2 -schema-location "$work/schemas" -kubernetes-version "$release")
kcnd=("$work/bin/kubeconform" -strict -summary -n 2 -schema-location "$work/schemas-nodesc" -kubernetes-version "$release")
floor=("$work/floor")

# measure FILE TOOL PATH: run TOOL once on PATH, append "wall_ns peak_rss_kb
# user_s sys_s" to FILE. The wall time includes starting /usr/bin/time (about a
# millisecond).
measure() {
  local out=$1 tool=$2 path=$3 start end
  local -a cmd
  case $tool in
    daemonlint) cmd=("${dl[@]}") ;;
    daemonlint-api) cmd=("${dlapi[@]}") ;;
    kubeconform) cmd=("${kc[@]}") ;;
    kubeconform-nodesc) cmd=("${kcnd[@]}") ;;
    floor) cmd=("${floor[@]}") ;;
    daemonlint-engines) cmd=("$work/daemonlint-engines" lint --config "$work/all.yaml") ;;
  esac
  start=${EPOCHREALTIME/[.,]/}
  /usr/bin/time -f '%M %U %S' -o "$work/rss" "${cmd[@]}" "$path" > /dev/null 2>&1 || true
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
      measure "$work/$name.$tool" "$tool" "$path"
    done
  done
}

median_ms() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1e6 }'; }
# median_cpu_ms FILE: the median of user + system CPU time, which a loaded
# machine disturbs less than wall time.
median_cpu_ms() { awk '{ print ($3 + $4) * 1000 }' "$1" | sort -n | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }'; }
peak_mb() { awk '$2 > m { m = $2 } END { printf "%.0f", m / 1024 }' "$1"; }
# init_ms PROGRAM: the median over 21 starts of the sum of the package
# initialisation times that GODEBUG=inittrace=1 prints.
init_ms() {
  local i
  for i in $(seq 21); do
    GODEBUG=inittrace=1 "$work/$1" version 2>&1 > /dev/null | awk '/^init/ { s += $5 } END { printf "%.2f\n", s }'
  done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[11] }'
}
init_count() { GODEBUG=inittrace=1 "$work/$1" version 2>&1 > /dev/null | grep -c '^init'; }
docs_of() { "${floor[@]}" "$1" | awk '{ print $1 }'; }
bytes_of() { du -sb "$1" | awk '{ print $1 }'; }

many="$work/corpus/many"
one="$work/corpus/one/one.yaml"
stream="$work/corpus/stream/stream.yaml"

# What each program found on the 10 000 documents, once, so that a timing
# is never of a program that failed to start.
dl_summary=$("${dl[@]}" "$many" 2> /dev/null | tail -1 || true)
dlapi_summary=$("${dlapi[@]}" "$many" 2> /dev/null | tail -1 || true)
kc_summary=$("${kc[@]}" "$many" 2> /dev/null | tail -1 || true)
kcnd_summary=$("${kcnd[@]}" "$many" 2> /dev/null | tail -1 || true)

echo "timing: $runs runs of 10 000 documents, $small_runs of one 20-document file, $runs of the 100 MB stream" >&2
bench many "$many" "$runs" daemonlint daemonlint-api kubeconform kubeconform-nodesc floor
bench one "$one" "$small_runs" daemonlint daemonlint-api kubeconform kubeconform-nodesc floor
bench chart "$work/corpus/chart" "$small_runs" daemonlint daemonlint-engines
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
    -v cpu="$(median_cpu_ms "$f")" \
    'BEGIN { printf "%-7s %-19s %10.1f %10.0f %8.1f %8s %8s\n", c, t, ms, d / (ms / 1000), b / 1e6 / (ms / 1000), rss, cpu }'
}
ms() { median_ms "$work/$1.$2"; }
cpu() { median_cpu_ms "$work/$1.$2"; }

echo "daemonlint $(git describe --always --dirty) vs kubeconform v0.8.0 (-strict -summary -n 2, schemas of Kubernetes v$release"
echo "made as openapi2jsonschema --expanded --kubernetes --stand-alone --strict makes them, descriptions kept)"
echo "and the yaml.v3 parse floor (bench/floor.go, one goroutine per core over the files);"
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
echo "daemonlint-api: the $(wc -w <<< "$apiserver_rules") API-server rules only ($node_rules node-agent rules disabled)"
echo
echo "ratios (medians), all rules on, realistic kubeconform schemas:"
awk -v dl="$(ms many daemonlint)" -v kc="$(ms many kubeconform)" -v fl="$(ms many floor)" 'BEGIN {
  printf "  10 000 documents: daemonlint docs/s / kubeconform docs/s = %.2f (target >= 3)\n", kc / dl
  printf "  10 000 documents: daemonlint wall / parse floor wall     = %.2f (target <= 1.5)\n", dl / fl }'
awk -v dl="$(ms one daemonlint)" -v kc="$(ms one kubeconform)" 'BEGIN {
  printf "  one 20-document file: daemonlint median wall            = %.1f ms (target <= 15 ms)\n", dl
  printf "  one 20-document file: kubeconform wall / daemonlint wall = %.1f (target >= 10)\n", kc / dl }'
awk -v rss="$(peak_mb "$work/stream.daemonlint")" -v b="${bytes[stream]}" \
  -v sms="$(ms stream daemonlint)" -v sd="${docs[stream]}" -v mms="$(ms many daemonlint)" -v md="${docs[many]}" 'BEGIN {
  printf "  100 MB stream: daemonlint peak RSS / input size          = %.2f (target <= 2)\n", rss * 1048576 / b
  printf "  100 MB stream: docs/s / docs/s of 10 000 documents       = %.2f (target >= 0.8)\n", (sd / sms) / (md / mms) }'
awk -v dl="$(ms chart daemonlint)" -v en="$(ms chart daemonlint-engines)" 'BEGIN {
  printf "  a 20-template chart: daemonlint median wall (handed over) = %.1f ms (daemonlint-engines alone: %.1f ms)\n", dl, en }'
echo "  start-up, package initialisation (GODEBUG=inittrace=1, median of 21): daemonlint $(init_ms daemonlint) ms" \
  "($(init_count daemonlint) packages), daemonlint-engines (Helm, kustomize, CRDs) $(init_ms daemonlint-engines) ms" \
  "($(init_count daemonlint-engines) packages)"
echo
echo "the same with the API-server rules only, and against kubeconform without descriptions:"
awk -v dl="$(ms many daemonlint-api)" -v kc="$(ms many kubeconform)" -v fl="$(ms many floor)" \
  -v dla="$(ms many daemonlint)" -v kcn="$(ms many kubeconform-nodesc)" 'BEGIN {
  printf "  10 000 documents: daemonlint-api docs/s / kubeconform docs/s        = %.2f\n", kc / dl
  printf "  10 000 documents: daemonlint-api wall / parse floor wall            = %.2f\n", dl / fl
  printf "  10 000 documents: daemonlint docs/s / kubeconform-nodesc docs/s     = %.2f\n", kcn / dla
  printf "  10 000 documents: daemonlint-api docs/s / kubeconform-nodesc docs/s = %.2f\n", kcn / dl }'
awk -v dl="$(ms one daemonlint-api)" -v kc="$(ms one kubeconform)" -v kcn="$(ms one kubeconform-nodesc)" -v dla="$(ms one daemonlint)" 'BEGIN {
  printf "  one 20-document file: daemonlint-api median wall                   = %.1f ms\n", dl
  printf "  one 20-document file: kubeconform wall / daemonlint-api wall        = %.1f\n", kc / dl
  printf "  one 20-document file: kubeconform-nodesc wall / daemonlint wall     = %.1f\n", kcn / dla }'
echo
echo "CPU time (user + system, medians), less disturbed by other work on the machine than wall time:"
awk -v dl="$(cpu many daemonlint)" -v dla="$(cpu many daemonlint-api)" -v kc="$(cpu many kubeconform)" -v fl="$(cpu many floor)" \
  -v odl="$(cpu one daemonlint)" -v okc="$(cpu one kubeconform)" 'BEGIN {
  printf "  10 000 documents: kubeconform CPU / daemonlint CPU       = %.2f (daemonlint-api: %.2f)\n", kc / dl, kc / dla
  printf "  10 000 documents: daemonlint CPU / parse floor CPU       = %.2f (daemonlint-api: %.2f)\n", dl / fl, dla / fl
  printf "  one 20-document file: kubeconform CPU / daemonlint CPU   = %.1f\n", okc / odl }'
echo
printf "%-7s %-19s %10s %10s %8s %8s %8s\n" case tool "wall ms" "docs/s" "MB/s" "peak MB" "CPU ms"
for c in many one; do
  for t in daemonlint daemonlint-api kubeconform kubeconform-nodesc floor; do row "$c" "$t"; done
done
for t in daemonlint floor; do row stream "$t"; done
echo
echo "many: ${docs[many]} documents in 200 files, $(( ${bytes[many]} / 1000000 )) MB; one: ${docs[one]} documents;" \
  "stream: ${docs[stream]} documents, $(( ${bytes[stream]} / 1000000 )) MB"
echo "found on many: daemonlint: $dl_summary"
echo "               daemonlint-api: $dlapi_summary"
echo "               kubeconform: $kc_summary"
echo "               kubeconform-nodesc: $kcnd_summary"
