// Package scheduling validates the PriorityClass of the scheduling.k8s.io/v1
// API group as kube-apiserver v1.37.2 does on create, with the server's
// field paths, error types and detail texts.
//
// The rules are re-expressed from the server's own code (k8s.io/kubernetes
// pkg/apis/scheduling/validation and pkg/apis/scheduling/v1, Apache-2.0) on
// the k8s.io/api v1 types.
package scheduling

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	schedulingv1 "k8s.io/api/scheduling/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
	"github.com/daemonlint/daemonlint/apivalidation/objectmeta"
)

// Options describe what a cluster decides that changes the server's
// verdict; nothing does for this group yet, so the zero Options is the
// only one.
type Options struct{}

// ValidateObject validates obj if it is one of the kinds of this package,
// and reports whether it was.
func ValidateObject(obj runtime.Object, opts Options) (field.ErrorList, bool) {
	if o, ok := obj.(*schedulingv1.PriorityClass); ok {
		return ValidatePriorityClass(o, opts), true
	}
	return nil, false
}

const (
	// systemPriorityClassPrefix starts the names reserved for the system's
	// own priority classes.
	systemPriorityClassPrefix = "system-"
	// highestUserDefinablePriority is the highest value a user's class may
	// have.
	highestUserDefinablePriority = 1000000000
	// systemCriticalPriority is the value of system-cluster-critical.
	systemCriticalPriority = 2 * highestUserDefinablePriority
)

// systemPriorityClasses are the classes the server creates itself; a class
// named with the system- prefix must be one of them, with their value.
var systemPriorityClasses = []schedulingv1.PriorityClass{
	{Value: systemCriticalPriority + 1000},
	{Value: systemCriticalPriority},
}

var systemPriorityClassNames = []string{"system-node-critical", "system-cluster-critical"}

// PriorityClassWithDefaults returns a copy of pc with the server's
// default: preemptionPolicy PreemptLowerPriority.
func PriorityClassWithDefaults(pc *schedulingv1.PriorityClass) *schedulingv1.PriorityClass {
	pc = pc.DeepCopy()
	if pc.PreemptionPolicy == nil {
		pc.PreemptionPolicy = ptr.To(corev1.PreemptLowerPriority)
	}
	return pc
}

// ValidatePriorityClass returns the server's errors for creating pc: its
// metadata, the names reserved for the system (system-node-critical and
// system-cluster-critical, with their values and not the global default),
// the highest value a user's class may have (one billion) and the
// preemptionPolicy.
func ValidatePriorityClass(pc *schedulingv1.PriorityClass, _ Options) field.ErrorList {
	pc = PriorityClassWithDefaults(pc)
	objectmeta.Prepare(&pc.ObjectMeta, false)
	allErrs := objectmeta.Validate(&pc.ObjectMeta, false, names.NameIsDNSSubdomain, true, field.NewPath("metadata"))
	if strings.HasPrefix(pc.Name, systemPriorityClassPrefix) {
		if err := knownSystemPriorityClass(pc.Name, pc.Value, pc.GlobalDefault); err != nil {
			allErrs = append(allErrs, field.Forbidden(field.NewPath("metadata", "name"), "priority class names with '"+systemPriorityClassPrefix+"' prefix are reserved for system use only. error: "+err.Error()))
		}
	} else if pc.Value > highestUserDefinablePriority {
		allErrs = append(allErrs, field.Forbidden(field.NewPath("value"), fmt.Sprintf("maximum allowed value of a user defined priority is %v", highestUserDefinablePriority)))
	}
	if p := pc.PreemptionPolicy; p != nil {
		switch *p {
		case corev1.PreemptLowerPriority, corev1.PreemptNever:
		case "":
			allErrs = append(allErrs, field.Required(field.NewPath("preemptionPolicy"), ""))
		default:
			allErrs = append(allErrs, field.NotSupported(field.NewPath("preemptionPolicy"), p, []corev1.PreemptionPolicy{corev1.PreemptLowerPriority, corev1.PreemptNever}))
		}
	}
	return objectmeta.Finish(allErrs, &pc.ObjectMeta, false)
}

// knownSystemPriorityClass is the server's IsKnownSystemPriorityClass.
func knownSystemPriorityClass(name string, value int32, globalDefault bool) error {
	for i, n := range systemPriorityClassNames {
		if n != name {
			continue
		}
		spc := systemPriorityClasses[i]
		if spc.Value != value {
			return fmt.Errorf("value of %v PriorityClass must be %v", name, spc.Value)
		}
		if spc.GlobalDefault != globalDefault {
			return fmt.Errorf("globalDefault of %v PriorityClass must be %v", name, spc.GlobalDefault)
		}
		return nil
	}
	return fmt.Errorf("%v is not a known system priority class", name)
}
