#!/usr/bin/env bash
# Records the API server's verdict on every Pod, PodTemplate,
# ReplicationController, Deployment, StatefulSet, Job and CronJob document
# of the shared corpus in testdata/apiserver-corpus-pods/verdicts.tsv,
# using the oracle built from kube-apiserver v1.37.2
# (../shared/tools/oracle) as kubectl drives it (-kubectl). Run it by hand
# when the corpus changes; go test compares daemonlint with the recorded
# file whenever the corpus is present, and needs no oracle.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${DAEMONLINT_CORPUS:-$root/../shared/corpus}
[ -d "$corpus" ] || corpus=/work/shared/corpus
oracle=${ORACLE:-/tmp/oracle}
[ -x "$oracle" ] || { echo "oracle-verdicts-pods.sh: no oracle at $oracle (set ORACLE)" >&2; exit 2; }
out=$root/testdata/apiserver-corpus-pods/verdicts.tsv
cd "$corpus"
{
  echo "# The verdict of kube-apiserver v1.37.2 (tools/oracle -kubectl) on every pod-bearing document"
  echo "# of shared/corpus. Columns: file, document, List item (-1: none), apiVersion, kind, name,"
  echo "# verdict, errors (type field; ...)."
  find . \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | sed 's|^\./||' | LC_ALL=C sort |
    xargs "$oracle" -kubectl -warnings=false 2>/dev/null |
    python3 -c '
import json, sys
kinds = {("v1", "Pod"), ("v1", "PodTemplate"), ("v1", "ReplicationController"), ("apps/v1", "Deployment"),
         ("apps/v1", "StatefulSet"), ("batch/v1", "Job"), ("batch/v1", "CronJob")}
for line in sys.stdin:
    d = json.loads(line)
    if (d.get("apiVersion", ""), d.get("kind", "")) not in kinds:
        continue
    errs = "; ".join(e["type"] + " " + e.get("field", "") for e in d.get("errors") or [])
    print("\t".join(str(x) for x in (d["file"], d["doc"], d.get("item", -1), d["apiVersion"], d["kind"],
        d.get("name", ""), d["verdict"], errs)))
'
} > "$out"
echo "wrote $out ($(grep -vc '^#' "$out") documents)"
