#!/usr/bin/env bash
# Measure what importing packages costs every start of a program: builds a
# tiny main that imports the given packages (and nothing else), runs it RUNS
# times with GODEBUG=inittrace=1, and prints the median over runs of the
# summed package-initialisation clock time, the wall time of a whole start
# (fresh process, median), the binary size, and the packages whose init
# costs most (median per package).
#
#   scripts/initcost.sh [-n RUNS] [-base PKG,...] PKG...
#
# With -base, the packages of the base program are measured too and the
# difference is printed: what PKG... add to a program that already links the
# base. Example, the CRD libraries on top of the linter:
#
#   scripts/initcost.sh -base ./lint,./daemonset ./customresource
#
# Timings on a busy machine are noisy: compare medians of many runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=40
base=""
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    -base) base=$2; shift 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then
  echo "usage: scripts/initcost.sh [-n RUNS] [-base PKG,...] PKG..." >&2
  exit 2
fi
module=$(go list -m)
work=$(mktemp -d ./.initcost.XXXXXX)
trap 'rm -rf "$work"' EXIT

# build NAME PKG...: a main that imports PKG... for their side effects.
build() {
  local name=$1 p
  shift
  mkdir -p "$work/$name"
  {
    echo "package main"
    echo "import ("
    for p in "$@"; do
      case $p in ./*) p="$module/${p#./}" ;; esac
      echo "	_ \"$p\""
    done
    echo ")"
    echo "func main() {}"
  } > "$work/$name/main.go"
  go build -o "$work/$name/bin" "./$work/$name"
}

median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }

# run NAME: one traced start and one timed start of NAME's program,
# appended to $work/NAME/{sums,pkgs,wall}.
run() {
  local bin="$work/$1/bin" start end
  GODEBUG=inittrace=1 "$bin" 2> "$work/$1/trace" || true
  awk '$1 == "init" { s += $5; print $2, $5 >> "'"$work/$1/pkgs"'" } END { print s }' "$work/$1/trace" >> "$work/$1/sums"
  start=${EPOCHREALTIME/[.,]/}
  "$bin" > /dev/null 2>&1 || true
  end=${EPOCHREALTIME/[.,]/}
  echo "$((end - start))" >> "$work/$1/wall"
}

# result NAME: "init_ms wall_ms size_mb", medians over the runs.
result() {
  echo "$(median < "$work/$1/sums") $(awk '{ print $1 / 1000 }' "$work/$1/wall" | median) $(du -m "$work/$1/bin" | awk '{ print $1 }')"
}

# top NAME [EXCLUDE]: the ten packages with the largest median init time,
# leaving out those of EXCLUDE's program.
top() {
  awk -v ex="${2:+$work/$2/pkgs}" '
    BEGIN { if (ex != "") while ((getline l < ex) > 0) { split(l, f, " "); skip[f[1]] = 1 } }
    !($1 in skip)' "$work/$1/pkgs" | sort -k1,1 -k2,2g |
    awk '$1 != p { if (p != "") print v[int((n + 1) / 2)], p; p = $1; n = 0 } { v[++n] = $2 } END { print v[int((n + 1) / 2)], p }' |
    sort -rg | head -10 | awk '{ printf "  %6.2f ms  %s\n", $1, $2 }'
}

if [ -z "${EPOCHREALTIME:-}" ]; then
  echo "scripts/initcost.sh needs bash 5 (EPOCHREALTIME)" >&2
  exit 2
fi
IFS=, read -r -a basepkgs <<< "$base"
build with "${basepkgs[@]}" "$@"
[ -n "$base" ] && build base "${basepkgs[@]}"
# Alternate the programs so that both see the same load.
for i in $(seq "$runs"); do
  run with
  [ -n "$base" ] && run base
done
read -r wi wc ws <<< "$(result with)"
if [ -n "$base" ]; then
  read -r bi bc bs <<< "$(result base)"
  printf "base:        init %s ms (median sum), start %s ms wall, binary %s MB\n" "$bi" "$bc" "$bs"
  printf "base + pkgs: init %s ms (median sum), start %s ms wall, binary %s MB\n" "$wi" "$wc" "$ws"
  awk -v wi="$wi" -v bi="$bi" -v wc="$wc" -v bc="$bc" -v ws="$ws" -v bs="$bs" 'BEGIN { printf "added:       init %.2f ms, start %.2f ms, binary %d MB\n", wi - bi, wc - bc, ws - bs }'
  echo "packages the base does not link, by median init time:"
  top with base
else
  printf "init %s ms (median sum over %d runs), start %s ms wall, binary %s MB\n" "$wi" "$runs" "$wc" "$ws"
  top with
fi
