#!/usr/bin/env bash
# Converts every ReplicaSet and Deployment of the shared corpus into a
# DaemonSet, asks the oracle (a kube-apiserver v1.37.2 create path, see
# shared/tools/oracle) about each original and its conversion, and about the
# DaemonSets of the golden cases' outputs; records the verdicts in
# testdata/convert/corpus-oracle.tsv and golden-oracle.tsv (which
# `go test ./convert` then checks without the oracle); and prints how many
# of the corpus originals the API server accepts and how many of their
# conversions it accepts as DaemonSets.
#
#   scripts/convert-corpus.sh            # oracle at $ORACLE, or /tmp/oracle
#   DAEMONLINT_CORPUS=DIR scripts/convert-corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."

oracle=${ORACLE:-/tmp/oracle}
if [[ ! -x $oracle ]]; then
	src=""
	for dir in ../shared/tools/oracle ../../shared/tools/oracle; do
		[[ -f $dir/main.go ]] && src=$dir && break
	done
	if [[ -z $src ]]; then
		echo "convert-corpus: no oracle at $oracle and no oracle source to build it from" >&2
		exit 2
	fi
	echo "convert-corpus: building the oracle from $src into $oracle (minutes on a cold cache)" >&2
	(cd "$src" && go build -o "$oracle" .)
fi

out=$(DAEMONLINT_ORACLE=$oracle go test ./convert/ -run '^(TestCorpus|TestGoldenAccepted)$' -count=1 -record-oracle -v 2>&1) || {
	echo "$out" >&2
	exit 1
}
echo "$out" | grep -oE '[0-9]+ (ReplicaSets and Deployments|DaemonSets converted in the golden cases).*' || {
	echo "$out" >&2
	exit 1
}
git --no-pager diff --stat -- testdata/convert/corpus-oracle.tsv testdata/convert/golden-oracle.tsv
