#!/usr/bin/env bash
# Checks placement.Placement against the DaemonSet controller itself: builds a
# throwaway program that imports k8s.io/kubernetes v1.37.2 (with the module
# list of the oracle in ../shared/tools/oracle, so it builds from the module
# cache) and compares NodeShouldRunDaemonPod's shouldRun and
# shouldContinueRunning with Placement's Runs and KeepsRunning, for every
# DaemonSet of placement/testdata and of the shared corpus, on the
# six fixture nodes and the built-in node profiles. The project itself never
# imports k8s.io/kubernetes; this script is for maintainers.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared
[ -d "$shared" ] || shared=$root/../../shared # from a worktree in wt/
corpus=${DAEMONLINT_CORPUS:-$shared/corpus}
oracle_src=${ORACLE_SRC:-$shared/tools/oracle}
[ -f "$oracle_src/go.mod" ] || { echo "no oracle module: set ORACLE_SRC" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$oracle_src/go.mod" "$oracle_src/go.sum" "$work"/
chmod u+w "$work"/go.mod "$work"/go.sum
sed -i 's/^module .*/module placementcheck/' "$work/go.mod"
printf '\nrequire github.com/daemonlint/daemonlint v0.0.0\nreplace github.com/daemonlint/daemonlint => %s\n' "$root" >>"$work/go.mod"
cat >"$work/main.go" <<'GO'
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/daemonlint/daemonlint/manifest"
	"github.com/daemonlint/daemonlint/placement"
	"github.com/go-logr/logr"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/controller/daemon"
)

func objects(path string) (dss []*appsv1.DaemonSet, nodes []corev1.Node) {
	src, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	docs, _ := manifest.Parse(manifest.NewFile(path, src))
	for _, d := range docs {
		obj, _, err := d.Decode()
		if err != nil {
			continue
		}
		switch o := obj.(type) {
		case *appsv1.DaemonSet:
			dss = append(dss, o)
		case *corev1.Node:
			nodes = append(nodes, *o)
		}
	}
	return dss, nodes
}

func main() {
	fixture, corpus := os.Args[1], os.Args[2]
	_, fixtureNodes := objects(filepath.Join(fixture, "nodes.yaml"))
	nodes := append(placement.DefaultNodes(), fixtureNodes...)
	var dss []*appsv1.DaemonSet
	fixtureDSs, _ := objects(filepath.Join(fixture, "daemonsets.yaml"))
	dss = append(dss, fixtureDSs...)
	filepath.WalkDir(corpus, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".json")) {
			more, _ := objects(p)
			dss = append(dss, more...)
		}
		return nil
	})
	pairs, diffs := 0, 0
	for _, ds := range dss {
		verdicts := placement.Placement(ds, nodes)
		for i := range nodes {
			run, keep := daemon.NodeShouldRunDaemonPod(logr.Discard(), &nodes[i], ds)
			v := verdicts[i]
			pairs++
			if run != v.Runs || keep != v.KeepsRunning || v.Runs != (len(v.Reasons) == 0) {
				diffs++
				fmt.Printf("DaemonSet %s on %s: controller %v/%v, Placement %v/%v %v\n", ds.Name, nodes[i].Name, run, keep, v.Runs, v.KeepsRunning, v.Reasons)
			}
		}
	}
	fmt.Printf("%d DaemonSets on %d nodes: %d pairs, %d differences\n", len(dss), len(nodes), pairs, diffs)
	if diffs > 0 {
		os.Exit(1)
	}
}
GO
(cd "$work" && GOFLAGS=-mod=mod go build -o placementcheck . && ./placementcheck "$root/placement/testdata" "$corpus")
