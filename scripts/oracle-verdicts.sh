#!/usr/bin/env bash
# Records the API server's verdict on every document of the shared corpus in
# lint/rules/testdata/corpus/verdicts.tsv, using the oracle built from
# kube-apiserver v1.37.2 (../shared/tools/oracle) as kubectl drives it.
# Tests read the recorded file, so they need neither the oracle nor a
# cluster. scripts/parity.sh compares daemonlint with the oracle live.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${DAEMONLINT_CORPUS:-$root/../shared/corpus}
oracle_src=${ORACLE_SRC:-$root/../shared/tools/oracle}
oracle=${ORACLE:-/tmp/oracle}
if [ ! -x "$oracle" ]; then
  [ -d "$oracle_src" ] || { echo "no oracle: set ORACLE or ORACLE_SRC" >&2; exit 2; }
  work=$(mktemp -d)
  cp -r "$oracle_src"/. "$work"
  (cd "$work" && go build -o "$oracle" .)
fi
cd "$corpus"
out=$root/lint/rules/testdata/corpus/verdicts.tsv
{
  echo "# The verdict of kube-apiserver v1.37.2 on every document of shared/corpus, as"
  echo "# \`oracle -kubectl\` (tools/oracle, the real v1.37.2 code behind kubectl apply"
  echo "# --dry-run=server) gives it. Columns: file, document, List item (-1: none),"
  echo "# apiVersion, kind, name, verdict, HTTP code (0: refused by kubectl)."
  find . \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | sed 's|^\./||' | LC_ALL=C sort |
    xargs "$oracle" -kubectl 2>/dev/null |
    python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print("\t".join(str(x) for x in (d["file"], d["doc"], d.get("item", -1), d.get("apiVersion", ""),
        d.get("kind", ""), d.get("name", ""), d["verdict"], d.get("code", 0))))
'
} > "$out"
echo "wrote $out ($(grep -vc '^#' "$out") documents)"
