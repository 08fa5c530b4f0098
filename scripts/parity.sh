#!/usr/bin/env bash
# parity.sh compares daemonlint's verdicts on the documents of every kind it
# judges in full (DaemonSets, Deployments, Pods, Services, ConfigMaps, RBAC
# objects, ...) in the shared corpus (and the API server's golden cases)
# with the reference oracle's, which runs the real kube-apiserver v1.37.2
# code. It prints each disagreement and "agree N / disagree M".
#
#   scripts/parity.sh [PATH...]      default: the shared corpus
#
# The oracle is $ORACLE, else /tmp/oracle when it exists, else it is built
# from ../shared/tools/oracle into /tmp/oracle (about 10 minutes the first
# time). scripts/oracle-verdicts.sh records the oracle's verdicts in
# lint/rules/testdata/corpus/verdicts.tsv, which go test checks without it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

find_up() {
	local dir="$root"
	while [ "$dir" != "/" ]; do
		if [ -d "$dir/$1" ]; then
			echo "$dir/$1"
			return 0
		fi
		dir="$(dirname "$dir")"
	done
	return 1
}

corpus="${DAEMONLINT_CORPUS:-$(find_up shared/corpus || true)}"
oracle="${ORACLE:-/tmp/oracle}"
if [ ! -x "$oracle" ]; then
	src="$(find_up shared/tools/oracle || true)"
	if [ -z "$src" ]; then
		echo "parity.sh: no oracle at $oracle and no shared/tools/oracle to build it from" >&2
		exit 2
	fi
	echo "parity.sh: building the oracle from $src into $oracle" >&2
	(cd "$src" && go build -o "$oracle" .)
fi

if [ "$#" -eq 0 ]; then
	if [ -z "$corpus" ]; then
		echo "parity.sh: no shared/corpus found; name the files to compare" >&2
		exit 2
	fi
	set -- "$corpus"
fi

status=0
echo "== $*"
go run ./scripts/parity/main.go -oracle "$oracle" "$@" || status=$?
if [ "$#" -eq 1 ] && [ "$1" = "$corpus" ]; then
	echo "== testdata/apiserver-golden (API server flag --allow-privileged=false, as the golden cases ran)"
	go run ./scripts/parity/main.go -oracle "$oracle" -allow-privileged=false testdata/apiserver-golden || status=$?
fi
exit "$status"
