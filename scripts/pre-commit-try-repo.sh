#!/bin/sh
# Runs this repository's pre-commit hooks end to end, as a user meets them:
# pre-commit try-repo builds daemonlint from this checkout (its HEAD plus
# uncommitted changes to tracked files) with go install, and runs the hooks
# in a new git repository that holds the tutorial's ReplicaSet.
#
#	scripts/pre-commit-try-repo.sh
#
# It needs git, go and pre-commit (apt-get install pre-commit), and fails
# unless the daemonlint hook fails with the kind-spelling finding at 2:7,
# daemonlint-fix then fixes the file, and the daemonlint hook passes on it.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# pre-commit gives each hook a GOPATH of its own, and would download every
# module into it; use this machine's module cache instead. Keep pre-commit's
# cache of hook environments apart from the user's.
GOMODCACHE=$(go env GOMODCACHE)
export GOMODCACHE
export PRE_COMMIT_HOME="$work/cache"

mkdir "$work/project"
cd "$work/project"
git init -q
cp "$repo/examples/replicaset.yaml" replicaset.yaml
git add replicaset.yaml

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# try HOOK EXPECTED-EXIT: runs a hook on every file, shows its output, and
# checks how it ended.
try() {
	printf '\n$ pre-commit try-repo %s %s --all-files\n' "$repo" "$1"
	code=0
	pre-commit try-repo "$repo" "$1" --all-files >"$work/out" 2>&1 || code=$?
	cat "$work/out"
	[ "$code" -eq "$2" ] || fail "$1 exited with $code, want $2"
}

try daemonlint 1
grep -q 'replicaset.yaml:2:7: error: kind "Replicaset" is not a Kubernetes kind; did you mean "ReplicaSet"? (kind-spelling)' "$work/out" ||
	fail "the daemonlint hook did not report the kind's spelling at 2:7"

# pre-commit fails a hook that changed files, so that the change is
# reviewed before it is committed.
try daemonlint-fix 1
grep -q 'files were modified by this hook' "$work/out" || fail "daemonlint-fix changed nothing"
grep -qx 'kind: ReplicaSet' replicaset.yaml || fail "daemonlint-fix did not fix the kind"
printf '\n$ git diff\n'
git --no-pager diff

try daemonlint 0
echo
echo "PASS: the daemonlint hook fails on the tutorial's ReplicaSet, daemonlint-fix fixes it, and the hook then passes"
