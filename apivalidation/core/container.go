package core

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	fastnames "github.com/daemonlint/daemonlint/apivalidation/internal/names"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// containerValidator holds what container validation needs from the rest of
// the pod spec.
type containerValidator struct {
	volumes       map[string]*corev1.VolumeSource // the volumes that passed their own validation
	podClaimNames stringSet
	gracePeriod   *int64
	os            *corev1.PodOS
	restartPolicy corev1.RestartPolicy
	hostUsers     bool
	opts          Options
}

// validateContainers checks the regular containers: at least one, unique
// names, probes and lifecycle, and no host port used twice.
func (cv *containerValidator) validateContainers(containers []corev1.Container, fldPath *field.Path) field.ErrorList {
	if len(containers) == 0 {
		return field.ErrorList{field.Required(fldPath, "")}
	}
	var allErrs field.ErrorList
	names := newStringSet[string]()
	for i := range containers {
		c := &containers[i]
		path := fldPath.Index(i)
		allErrs = append(allErrs, cv.validateContainerCommon(c, path)...)
		if names.has(c.Name) {
			allErrs = append(allErrs, field.Duplicate(path.Child("name"), c.Name))
		} else {
			names.insert(c.Name)
		}
		if c.Lifecycle != nil {
			allErrs = append(allErrs, cv.validateLifecycle(c.Lifecycle, path.Child("lifecycle"))...)
		}
		allErrs = append(allErrs, cv.validateProbes(c, path)...)
		allErrs = append(allErrs, validateContainerRestartPolicy(c.RestartPolicy, c.RestartPolicyRules, path)...)
	}
	return append(allErrs, checkHostPortConflicts(containers, fldPath)...)
}

// validateInitContainers checks the init containers: names unique among
// all containers, host ports per container, and probes and lifecycle only
// for sidecars (restartPolicy: Always).
func (cv *containerValidator) validateInitContainers(containers, regular []corev1.Container, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	names := newStringSet[string]()
	for _, c := range regular {
		names.insert(c.Name)
	}
	for i := range containers {
		c := &containers[i]
		path := fldPath.Index(i)
		allErrs = append(allErrs, cv.validateContainerCommon(c, path)...)
		restartAlways := false
		if c.RestartPolicy == nil {
			if len(c.RestartPolicyRules) > 0 {
				allErrs = append(allErrs, field.Required(path.Child("restartPolicy"), "must specify restartPolicy when restart rules are used"))
			}
		} else {
			restartAlways = *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
			allErrs = append(allErrs, validateContainerRestartPolicy(c.RestartPolicy, c.RestartPolicyRules, path)...)
		}
		if names.has(c.Name) {
			allErrs = append(allErrs, field.Duplicate(path.Child("name"), c.Name))
		} else if c.Name != "" {
			names.insert(c.Name)
		}
		allErrs = append(allErrs, checkHostPortConflicts([]corev1.Container{*c}, fldPath)...)
		if restartAlways {
			if c.Lifecycle != nil {
				allErrs = append(allErrs, cv.validateLifecycle(c.Lifecycle, path.Child("lifecycle"))...)
			}
			allErrs = append(allErrs, cv.validateProbes(c, path)...)
		} else {
			const msg = "may not be set for init containers without restartPolicy=Always"
			if c.Lifecycle != nil {
				allErrs = append(allErrs, field.Forbidden(path.Child("lifecycle"), msg))
			}
			if c.LivenessProbe != nil {
				allErrs = append(allErrs, field.Forbidden(path.Child("livenessProbe"), msg))
			}
			if c.ReadinessProbe != nil {
				allErrs = append(allErrs, field.Forbidden(path.Child("readinessProbe"), msg))
			}
			if c.StartupProbe != nil {
				allErrs = append(allErrs, field.Forbidden(path.Child("startupProbe"), msg))
			}
			for j, p := range c.ResizePolicy {
				if p.RestartPolicy == corev1.RestartContainer {
					allErrs = append(allErrs, field.Invalid(path.Child("resizePolicy").Index(j).Child("restartPolicy"), p.RestartPolicy, "must not be set to 'RestartContainer' for non-sidecar initContainers"))
				}
			}
		}
	}
	return allErrs
}

// allowedEphemeralContainerFields are the fields an ephemeral container may
// set.
var allowedEphemeralContainerFields = newStringSet("Name", "Image", "Command", "Args", "WorkingDir", "EnvFrom", "Env",
	"VolumeMounts", "VolumeDevices", "TerminationMessagePath", "TerminationMessagePolicy", "ImagePullPolicy",
	"SecurityContext", "Stdin", "StdinOnce", "TTY")

// validateEphemeralContainers checks ephemeral containers as the server
// does before it forbids them in a template.
func (cv *containerValidator) validateEphemeralContainers(ecs []corev1.EphemeralContainer, containers, initContainers []corev1.Container, fldPath *field.Path) field.ErrorList {
	if len(ecs) == 0 {
		return nil
	}
	var allErrs field.ErrorList
	otherNames, allNames := newStringSet[string](), newStringSet[string]()
	for _, c := range containers {
		otherNames.insert(c.Name)
		allNames.insert(c.Name)
	}
	for _, c := range initContainers {
		otherNames.insert(c.Name)
		allNames.insert(c.Name)
	}
	for i := range ecs {
		ec := &ecs[i]
		path := fldPath.Index(i)
		c := (*corev1.Container)(&ec.EphemeralContainerCommon)
		allErrs = append(allErrs, cv.validateContainerCommon(c, path)...)
		if len(c.Image) != len(strings.TrimSpace(c.Image)) {
			allErrs = append(allErrs, field.Invalid(path.Child("image"), c.Image, "must not have leading or trailing whitespace"))
		}
		if allNames.has(ec.Name) {
			allErrs = append(allErrs, field.Duplicate(path.Child("name"), ec.Name))
		} else {
			allNames.insert(ec.Name)
		}
		if ec.TargetContainerName != "" && !otherNames.has(ec.TargetContainerName) {
			allErrs = append(allErrs, field.NotFound(path.Child("targetContainerName"), ec.TargetContainerName))
		}
		rt, rv := reflect.TypeOf(ec.EphemeralContainerCommon), reflect.ValueOf(ec.EphemeralContainerCommon)
		for f := 0; f < rt.NumField(); f++ {
			sf := rt.Field(f)
			if allowedEphemeralContainerFields.has(sf.Name) || rv.Field(f).IsZero() {
				continue
			}
			r, n := utf8.DecodeRuneInString(sf.Name)
			allErrs = append(allErrs, field.Forbidden(path.Child(string(unicode.ToLower(r))+sf.Name[n:]), "cannot be set for an Ephemeral Container"))
		}
		for j, vm := range ec.VolumeMounts {
			if vm.SubPath != "" {
				allErrs = append(allErrs, field.Forbidden(path.Child("volumeMounts").Index(j).Child("subPath"), "cannot be set for an Ephemeral Container"))
			}
			if vm.SubPathExpr != "" {
				allErrs = append(allErrs, field.Forbidden(path.Child("volumeMounts").Index(j).Child("subPathExpr"), "cannot be set for an Ephemeral Container"))
			}
		}
	}
	return allErrs
}

// validateContainerCommon checks what every kind of container must get
// right: name, image, termination message policy, ports, env, mounts,
// devices, pull policy, resources, resize policy and security context.
func (cv *containerValidator) validateContainerCommon(c *corev1.Container, path *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if c.Name == "" {
		allErrs = append(allErrs, field.Required(path.Child("name"), ""))
	} else if !fastnames.DNS1123Label(c.Name) {
		allErrs = append(allErrs, validateDNS1123Label(c.Name, path.Child("name"))...)
	}
	if c.Image == "" {
		allErrs = append(allErrs, field.Required(path.Child("image"), ""))
	}
	switch c.TerminationMessagePolicy {
	case corev1.TerminationMessageReadFile, corev1.TerminationMessageFallbackToLogsOnError:
	case "":
		allErrs = append(allErrs, field.Required(path.Child("terminationMessagePolicy"), ""))
	default:
		allErrs = append(allErrs, field.NotSupported(path.Child("terminationMessagePolicy"), c.TerminationMessagePolicy,
			[]corev1.TerminationMessagePolicy{corev1.TerminationMessageReadFile, corev1.TerminationMessageFallbackToLogsOnError}))
	}
	mounts := make(map[string]string, len(c.VolumeMounts))
	for _, m := range c.VolumeMounts {
		mounts[m.Name] = m.MountPath
	}
	devices := make(map[string]string, len(c.VolumeDevices))
	for _, d := range c.VolumeDevices {
		devices[d.Name] = d.DevicePath
	}
	// A field's path is built only when there is something to check under
	// it: each of these checks reports nothing for an empty list, a nil
	// pointer or a valid pull policy.
	if len(c.Ports) > 0 {
		allErrs = append(allErrs, validateContainerPorts(c.Ports, path.Child("ports"))...)
	}
	if len(c.Env) > 0 {
		allErrs = append(allErrs, validateEnv(c.Env, path.Child("env"))...)
	}
	if len(c.EnvFrom) > 0 {
		allErrs = append(allErrs, validateEnvFrom(c.EnvFrom, path.Child("envFrom"))...)
	}
	if len(c.VolumeMounts) > 0 {
		allErrs = append(allErrs, cv.validateVolumeMounts(c.VolumeMounts, devices, c, path.Child("volumeMounts"))...)
	}
	if len(c.VolumeDevices) > 0 {
		allErrs = append(allErrs, cv.validateVolumeDevices(c.VolumeDevices, mounts, path.Child("volumeDevices"))...)
	}
	if !validPullPolicy(c.ImagePullPolicy) {
		allErrs = append(allErrs, validatePullPolicy(c.ImagePullPolicy, path.Child("imagePullPolicy"))...)
	}
	if len(c.Resources.Limits) > 0 || len(c.Resources.Requests) > 0 || len(c.Resources.Claims) > 0 {
		allErrs = append(allErrs, validateResourceRequirements(&c.Resources, validateContainerResourceName, cv.podClaimNames, path.Child("resources"))...)
	}
	if len(c.ResizePolicy) > 0 {
		allErrs = append(allErrs, cv.validateResizePolicy(c.ResizePolicy, path.Child("resizePolicy"))...)
	}
	if c.SecurityContext != nil {
		allErrs = append(allErrs, validateSecurityContext(c.SecurityContext, path.Child("securityContext"), cv.hostUsers, cv.opts)...)
	}
	return allErrs
}

// validateContainerPorts checks ports: names, numbers and protocols.
func validateContainerPorts(ports []corev1.ContainerPort, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	names := newStringSet[string]()
	for i, port := range ports {
		// The port's path is built only for an error.
		if port.Name != "" {
			if msgs := fastnames.PortNameErrors(port.Name); len(msgs) != 0 {
				for _, msg := range msgs {
					allErrs = append(allErrs, field.Invalid(fldPath.Index(i).Child("name"), port.Name, msg))
				}
			} else if names.has(port.Name) {
				allErrs = append(allErrs, field.Duplicate(fldPath.Index(i).Child("name"), port.Name))
			} else {
				names.insert(port.Name)
			}
		}
		if port.ContainerPort == 0 {
			allErrs = append(allErrs, field.Required(fldPath.Index(i).Child("containerPort"), ""))
		} else {
			for _, msg := range validation.IsValidPortNum(int(port.ContainerPort)) {
				allErrs = append(allErrs, field.Invalid(fldPath.Index(i).Child("containerPort"), port.ContainerPort, msg))
			}
		}
		if port.HostPort != 0 {
			for _, msg := range validation.IsValidPortNum(int(port.HostPort)) {
				allErrs = append(allErrs, field.Invalid(fldPath.Index(i).Child("hostPort"), port.HostPort, msg))
			}
		}
		switch port.Protocol {
		case corev1.ProtocolTCP, corev1.ProtocolUDP, corev1.ProtocolSCTP:
		case "":
			allErrs = append(allErrs, field.Required(fldPath.Index(i).Child("protocol"), ""))
		default:
			allErrs = append(allErrs, field.NotSupported(fldPath.Index(i).Child("protocol"), port.Protocol,
				[]corev1.Protocol{corev1.ProtocolSCTP, corev1.ProtocolTCP, corev1.ProtocolUDP}))
		}
	}
	return allErrs
}

// checkHostPortConflicts reports a host port (by protocol, host IP and
// number) used twice among containers.
func checkHostPortConflicts(containers []corev1.Container, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	seen := newStringSet[string]()
	for ci, c := range containers {
		for pi, p := range c.Ports {
			if p.HostPort == 0 {
				continue
			}
			key := fmt.Sprintf("%s/%s/%d", p.Protocol, p.HostIP, p.HostPort)
			if seen.has(key) {
				allErrs = append(allErrs, field.Duplicate(fldPath.Index(ci).Child("ports").Index(pi).Child("hostPort"), key))
			} else {
				seen.insert(key)
			}
		}
	}
	return allErrs
}

// validPullPolicy reports whether policy is one of the image pull
// policies, for which validatePullPolicy reports nothing.
func validPullPolicy(policy corev1.PullPolicy) bool {
	switch policy {
	case corev1.PullAlways, corev1.PullIfNotPresent, corev1.PullNever:
		return true
	}
	return false
}

// validatePullPolicy checks an image pull policy (defaulted from the tag).
func validatePullPolicy(policy corev1.PullPolicy, fldPath *field.Path) field.ErrorList {
	switch {
	case validPullPolicy(policy):
		return nil
	case policy == "":
		return field.ErrorList{field.Required(fldPath, "")}
	}
	return field.ErrorList{field.NotSupported(fldPath, policy, []corev1.PullPolicy{corev1.PullAlways, corev1.PullIfNotPresent, corev1.PullNever})}
}

// validateResizePolicy checks a container's resizePolicy.
func (cv *containerValidator) validateResizePolicy(policies []corev1.ContainerResizePolicy, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	seen := newStringSet[string]()
	for i, p := range policies {
		if seen.has(string(p.ResourceName)) {
			allErrs = append(allErrs, field.Duplicate(fldPath.Index(i), p.ResourceName))
		}
		seen.insert(string(p.ResourceName))
		switch p.ResourceName {
		case corev1.ResourceCPU, corev1.ResourceMemory:
		case "":
			allErrs = append(allErrs, field.Required(fldPath, ""))
		default:
			allErrs = append(allErrs, field.NotSupported(fldPath, p.ResourceName, []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory}))
		}
		switch p.RestartPolicy {
		case corev1.NotRequired, corev1.RestartContainer:
		case "":
			allErrs = append(allErrs, field.Required(fldPath, ""))
		default:
			allErrs = append(allErrs, field.NotSupported(fldPath, p.RestartPolicy, []corev1.ResourceResizeRestartPolicy{corev1.NotRequired, corev1.RestartContainer}))
		}
		if cv.restartPolicy == corev1.RestartPolicyNever && p.RestartPolicy != corev1.NotRequired {
			allErrs = append(allErrs, field.Invalid(fldPath, p.RestartPolicy, "must be 'NotRequired' when pod `restartPolicy` is 'Never'"))
		}
	}
	return allErrs
}

// validateContainerRestartPolicy checks a container's restartPolicy and
// restartPolicyRules.
func validateContainerRestartPolicy(policy *corev1.ContainerRestartPolicy, rules []corev1.ContainerRestartRule, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if policy == nil {
		if len(rules) == 0 {
			return nil
		}
		allErrs = append(allErrs, field.Required(fldPath.Child("restartPolicy"), "must specify restartPolicy when restart rules are used"))
	} else {
		switch *policy {
		case corev1.ContainerRestartPolicyAlways, corev1.ContainerRestartPolicyNever, corev1.ContainerRestartPolicyOnFailure:
		default:
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("restartPolicy"), *policy,
				[]corev1.ContainerRestartPolicy{corev1.ContainerRestartPolicyAlways, corev1.ContainerRestartPolicyNever, corev1.ContainerRestartPolicyOnFailure}))
		}
	}
	if len(rules) > 20 {
		allErrs = append(allErrs, field.TooMany(fldPath.Child("restartPolicyRules"), len(rules), 20))
	}
	for i, rule := range rules {
		rulePath := fldPath.Child("restartPolicyRules").Index(i)
		switch rule.Action {
		case corev1.ContainerRestartRuleActionRestart, corev1.ContainerRestartRuleActionRestartAllContainers:
		default:
			allErrs = append(allErrs, field.NotSupported(rulePath.Child("action"), rule.Action,
				[]corev1.ContainerRestartRuleAction{corev1.ContainerRestartRuleActionRestart, corev1.ContainerRestartRuleActionRestartAllContainers}))
		}
		if rule.ExitCodes == nil {
			allErrs = append(allErrs, field.Required(rulePath.Child("exitCodes"), "must be specified"))
			continue
		}
		codesPath := rulePath.Child("exitCodes")
		switch rule.ExitCodes.Operator {
		case corev1.ContainerRestartRuleOnExitCodesOpIn, corev1.ContainerRestartRuleOnExitCodesOpNotIn:
		default:
			allErrs = append(allErrs, field.NotSupported(codesPath.Child("operator"), rule.ExitCodes.Operator,
				[]corev1.ContainerRestartRuleOnExitCodesOperator{corev1.ContainerRestartRuleOnExitCodesOpIn, corev1.ContainerRestartRuleOnExitCodesOpNotIn}))
		}
		if len(rule.ExitCodes.Values) > 255 {
			allErrs = append(allErrs, field.TooMany(codesPath.Child("values"), len(rule.ExitCodes.Values), 255))
		}
	}
	return allErrs
}
