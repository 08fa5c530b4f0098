#!/usr/bin/env bash
# Records the API server's verdict on every document of the shared corpus in
# lint/testdata/corpus/oracle-verdicts.txt, using the oracle built from
# kube-apiserver v1.37.2 (../shared/tools/oracle). Tests read the recorded
# file, so they need neither the oracle nor a cluster.
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
files=$(find . \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | sed 's|^\./||' | LC_ALL=C sort)
out=$root/lint/testdata/corpus/oracle-verdicts.txt
{
  echo "# The verdict of kube-apiserver v1.37.2 (the oracle in shared/tools/oracle, run as"
  echo "# oracle -kubectl) on every document of the shared corpus: file#document[/item] kind/name verdict."
  echo "# Regenerate with scripts/oracle-verdicts.sh."
  # shellcheck disable=SC2086
  "$oracle" -kubectl $files 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    key = "%s#%d" % (d["file"], d["doc"])
    if "item" in d:
        key += "/%d" % d["item"]
    print("%s %s/%s %s" % (key, d.get("kind") or "-", d.get("name") or "-", d["verdict"]))
'
} > "$out"
echo "wrote $out ($(grep -vc '^#' "$out") documents)"
