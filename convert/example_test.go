package convert_test

import (
	"fmt"

	"github.com/daemonlint/daemonlint/convert"
)

// Convert a ReplicaSet into a DaemonSet: the result is the same text with a
// few lines changed, and the notes say why each change was made.
func ExampleConvert() {
	src := []byte(`# The log collector, once a ReplicaSet.
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: fluentd
spec:
  # One per zone.
  replicas: 3
  selector:
    matchLabels:
      app: fluentd
  template:
    metadata:
      labels:
        app: fluentd
    spec:
      containers:
      - name: fluentd
        image: fluentd:v1.16   # pinned
`)
	out, notes, err := convert.Convert(src, convert.Options{File: "fluentd.yaml"})
	if err != nil {
		panic(err)
	}
	fmt.Print(string(out))
	for _, n := range notes {
		fmt.Println(n)
	}
	// Output:
	// # The log collector, once a ReplicaSet.
	// apiVersion: apps/v1
	// kind: DaemonSet
	// metadata:
	//   name: fluentd
	// spec:
	//   selector:
	//     matchLabels:
	//       app: fluentd
	//   template:
	//     metadata:
	//       labels:
	//         app: fluentd
	//     spec:
	//       containers:
	//       - name: fluentd
	//         image: fluentd:v1.16   # pinned
	// fluentd.yaml:8: note: spec.replicas (3) is removed: a DaemonSet runs one pod on each eligible node; choose the nodes with a nodeSelector, node affinity and tolerations
}
