package core

import (
	"fmt"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// validateProbes checks a container's liveness, readiness and startup
// probes, at path (the container's); a probe's path is built only when the
// probe is set.
func (cv *containerValidator) validateProbes(c *corev1.Container, path *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if c.LivenessProbe != nil {
		allErrs = append(allErrs, cv.validateLivenessProbe(c.LivenessProbe, path.Child("livenessProbe"))...)
	}
	if c.ReadinessProbe != nil {
		allErrs = append(allErrs, cv.validateReadinessProbe(c.ReadinessProbe, path.Child("readinessProbe"))...)
	}
	if c.StartupProbe != nil {
		allErrs = append(allErrs, cv.validateStartupProbe(c.StartupProbe, path.Child("startupProbe"))...)
	}
	return allErrs
}

// validateLivenessProbe checks a liveness probe, whose successThreshold
// must be 1.
func (cv *containerValidator) validateLivenessProbe(p *corev1.Probe, fldPath *field.Path) field.ErrorList {
	if p == nil {
		return nil
	}
	allErrs := cv.validateProbe(p, fldPath)
	if p.SuccessThreshold != 1 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("successThreshold"), p.SuccessThreshold, "must be 1"))
	}
	return allErrs
}

// validateReadinessProbe checks a readiness probe, which has no
// terminationGracePeriodSeconds.
func (cv *containerValidator) validateReadinessProbe(p *corev1.Probe, fldPath *field.Path) field.ErrorList {
	if p == nil {
		return nil
	}
	allErrs := cv.validateProbe(p, fldPath)
	if p.TerminationGracePeriodSeconds != nil {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("terminationGracePeriodSeconds"), p.TerminationGracePeriodSeconds, "must not be set for readinessProbes"))
	}
	return allErrs
}

// validateStartupProbe checks a startup probe, whose successThreshold must
// be 1.
func (cv *containerValidator) validateStartupProbe(p *corev1.Probe, fldPath *field.Path) field.ErrorList {
	return cv.validateLivenessProbe(p, fldPath)
}

// validateProbe checks what every probe needs: exactly one handler and
// non-negative timings.
func (cv *containerValidator) validateProbe(p *corev1.Probe, fldPath *field.Path) field.ErrorList {
	h := handler{exec: p.Exec, httpGet: p.HTTPGet, tcpSocket: p.TCPSocket, grpc: p.GRPC}
	allErrs := cv.validateHandler(h, fldPath)
	nonnegative := func(value int32, name string) {
		if value < 0 { // the path is built only for an error
			allErrs = append(allErrs, validateNonnegative(int64(value), fldPath.Child(name))...)
		}
	}
	nonnegative(p.InitialDelaySeconds, "initialDelaySeconds")
	nonnegative(p.TimeoutSeconds, "timeoutSeconds")
	nonnegative(p.PeriodSeconds, "periodSeconds")
	nonnegative(p.SuccessThreshold, "successThreshold")
	nonnegative(p.FailureThreshold, "failureThreshold")
	if t := p.TerminationGracePeriodSeconds; t != nil && *t <= 0 {
		allErrs = append(allErrs, field.Invalid(fldPath.Child("terminationGracePeriodSeconds"), *t, "must be greater than 0"))
	}
	return allErrs
}

// handler is a probe's or lifecycle hook's action.
type handler struct {
	exec      *corev1.ExecAction
	httpGet   *corev1.HTTPGetAction
	tcpSocket *corev1.TCPSocketAction
	grpc      *corev1.GRPCAction
	sleep     *corev1.SleepAction
}

// validateHandler checks that exactly one action is set, and that action.
func (cv *containerValidator) validateHandler(h handler, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	n := 0
	one := func(set bool, name string, check func() field.ErrorList) {
		if !set {
			return
		}
		if n > 0 {
			allErrs = append(allErrs, field.Forbidden(fldPath.Child(name), "may not specify more than 1 handler type"))
			return
		}
		n++
		allErrs = append(allErrs, check()...)
	}
	one(h.exec != nil, "exec", func() field.ErrorList {
		if len(h.exec.Command) == 0 {
			return field.ErrorList{field.Required(fldPath.Child("exec", "command"), "")}
		}
		return nil
	})
	one(h.httpGet != nil, "httpGet", func() field.ErrorList { return validateHTTPGetAction(h.httpGet, fldPath) })
	one(h.tcpSocket != nil, "tcpSocket", func() field.ErrorList {
		if validPortNumOrName(h.tcpSocket.Port) {
			return nil
		}
		return validatePortNumOrName(h.tcpSocket.Port, fldPath.Child("tcpSocket", "port"))
	})
	one(h.grpc != nil, "grpc", func() field.ErrorList {
		port := intstr.FromInt32(h.grpc.Port)
		if validPortNumOrName(port) {
			return nil
		}
		return validatePortNumOrName(port, fldPath.Child("grpc", "port"))
	})
	one(h.sleep != nil, "sleep", func() field.ErrorList {
		if g := cv.gracePeriod; g != nil && (h.sleep.Seconds < 0 || h.sleep.Seconds > *g) {
			return field.ErrorList{field.Invalid(fldPath.Child("sleep"), h.sleep.Seconds,
				fmt.Sprintf("must be non-negative and less than terminationGracePeriodSeconds (%d)", *g))}
		}
		return nil
	})
	if n == 0 {
		allErrs = append(allErrs, field.Required(fldPath, "must specify a handler type"))
	}
	return allErrs
}

// validateHTTPGetAction checks an httpGet action (path and scheme are
// defaulted) at fldPath.httpGet, where fldPath is its probe's or hook's
// path; the action's path is built only for an error.
func validateHTTPGetAction(h *corev1.HTTPGetAction, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if h.Path == "" {
		allErrs = append(allErrs, field.Required(fldPath.Child("httpGet", "path"), ""))
	}
	if !validPortNumOrName(h.Port) {
		allErrs = append(allErrs, validatePortNumOrName(h.Port, fldPath.Child("httpGet", "port"))...)
	}
	if h.Scheme != corev1.URISchemeHTTP && h.Scheme != corev1.URISchemeHTTPS {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("httpGet", "scheme"), h.Scheme, []corev1.URIScheme{corev1.URISchemeHTTP, corev1.URISchemeHTTPS}))
	}
	for _, header := range h.HTTPHeaders {
		for _, msg := range validation.IsHTTPHeaderName(header.Name) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("httpGet", "httpHeaders"), header.Name, msg))
		}
	}
	return allErrs
}

// validPortNumOrName reports whether port is a valid number or name, for
// which validatePortNumOrName reports nothing.
func validPortNumOrName(port intstr.IntOrString) bool {
	switch port.Type {
	case intstr.Int:
		return len(validation.IsValidPortNum(port.IntValue())) == 0
	case intstr.String:
		return len(names.PortNameErrors(port.StrVal)) == 0
	}
	return false
}

// validatePortNumOrName checks a port given as a number or a name.
func validatePortNumOrName(port intstr.IntOrString, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	switch port.Type {
	case intstr.Int:
		for _, msg := range validation.IsValidPortNum(port.IntValue()) {
			allErrs = append(allErrs, field.Invalid(fldPath, port.IntValue(), msg))
		}
	case intstr.String:
		for _, msg := range names.PortNameErrors(port.StrVal) {
			allErrs = append(allErrs, field.Invalid(fldPath, port.StrVal, msg))
		}
	default:
		allErrs = append(allErrs, field.InternalError(fldPath, fmt.Errorf("unknown type: %v", port.Type)))
	}
	return allErrs
}

// validateLifecycle checks postStart and preStop hooks.
func (cv *containerValidator) validateLifecycle(lc *corev1.Lifecycle, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	for _, hook := range []struct {
		name string
		h    *corev1.LifecycleHandler
	}{{"postStart", lc.PostStart}, {"preStop", lc.PreStop}} {
		if hook.h != nil {
			h := handler{exec: hook.h.Exec, httpGet: hook.h.HTTPGet, tcpSocket: hook.h.TCPSocket, sleep: hook.h.Sleep}
			allErrs = append(allErrs, cv.validateHandler(h, fldPath.Child(hook.name))...)
		}
	}
	return allErrs
}
