#!/usr/bin/env bash
# Records the API server's answer to each case of
# testdata/apiserver-golden-pods (one manifest per .yaml file, its first
# line a "# title" comment, and a "# allow-privileged false" line to judge
# it as a server started with --allow-privileged=false) in the .want file
# beside it, using the oracle
# built from kube-apiserver v1.37.2 (../shared/tools/oracle). Run it by
# hand after adding a case; go test reads the .want files and needs no
# oracle.
#
#   scripts/gengolden-pods.sh [CASE.yaml...]   default: every case
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oracle=${ORACLE:-/tmp/oracle}
[ -x "$oracle" ] || { echo "gengolden-pods.sh: no oracle at $oracle (set ORACLE, or build ../shared/tools/oracle)" >&2; exit 2; }
cd "$root/testdata/apiserver-golden-pods"
if [ "$#" -eq 0 ]; then set -- *.yaml; fi
for f in "$@"; do
  f=$(basename "$f")
  title=$(head -1 "$f" | sed 's/^# *//')
  privileged=true
  if grep -qx '# allow-privileged false' "$f"; then privileged=false; fi
  "$oracle" -allow-privileged="$privileged" "$f" | python3 -c '
import json, re, sys
uid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
title = sys.argv[1]
docs = [json.loads(l) for l in sys.stdin if l.strip()]
if len(docs) != 1:
    sys.exit("%s: want one document, got %d" % (sys.argv[2], len(docs)))
d = docs[0]
print("# " + title)
print("verdict %s" % d.get("code", d["verdict"]))
if "message" in d and d["verdict"] != "invalid":
    print("message " + d["message"].replace("\n", " "))
for e in d.get("errors") or []:
    # the UID of a new object is random: it is recorded as <uid>
    print(uid.sub("<uid>", "error %s %s %s" % (e["type"], e.get("field", ""), e.get("detail", ""))))
print("allow-privileged " + sys.argv[3])
' "$title" "$f" "$privileged" > "${f%.yaml}.want"
  echo "${f%.yaml}.want: $(sed -n 2p "${f%.yaml}.want")"
done
