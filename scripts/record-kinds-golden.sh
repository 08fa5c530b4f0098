#!/usr/bin/env bash
# Records the API server's answer to each golden case of
# testdata/apiserver-golden-kinds (one folder per kind, one single-document
# NN-slug.yaml per case, whose first line is "# title") into NN-slug.want,
# using the oracle built from kube-apiserver v1.37.2 (../shared/tools/oracle)
# as kubectl drives it. The tests read the .want files and need no oracle.
#
#   scripts/record-kinds-golden.sh [CASE.yaml ...]   # default: every case
#
# A .want holds one fact a line:
#
#   # title                                  the case's first comment line
#   verdict 422                              201, 400, 422 or unknown-kind
#   error FieldValueInvalid spec.x Invalid value: …   type, field and detail of each cause
#   message …                                the message of a 400 or unknown-kind
#   warning …                                a warning kubectl would print
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oracle=${ORACLE:-/tmp/oracle}
[ -x "$oracle" ] || { echo "no oracle at $oracle: build ../shared/tools/oracle (see its README) or set ORACLE" >&2; exit 2; }
if [ $# -eq 0 ]; then
  set -- "$root"/testdata/apiserver-golden-kinds/*/*.yaml
fi
for f in "$@"; do
  want=${f%.yaml}.want
  "$oracle" -kubectl "$f" | python3 -c '
import json, sys
title = sys.argv[1]
lines = [json.loads(l) for l in sys.stdin if l.strip()]
if len(lines) != 1:
    sys.exit("%s: want one document, got %d" % (sys.argv[2], len(lines)))
d = lines[0]
out = ["# " + title]
v = d["verdict"]
if v == "valid":
    out.append("verdict 201")
elif v == "invalid":
    out.append("verdict %d" % d.get("code", 422))
    for e in d.get("errors", []):
        out.append("error %s %s %s" % (e["type"], e.get("field", ""), e.get("detail", "")))
elif v == "decode-error":
    out.append("verdict 400")
    out.append("message " + d.get("message", "").replace("\n", "\\n"))
else:
    out.append("verdict " + v)
    out.append("message " + d.get("message", "").replace("\n", "\\n"))
for w in d.get("warnings", []) or []:
    out.append("warning " + w.replace("\n", "\\n"))
print("\n".join(out))
' "$(head -1 "$f" | sed 's/^# *//')" "$f" > "$want"
done
echo "recorded $# cases"
