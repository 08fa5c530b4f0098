package core

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	utilsysctl "k8s.io/component-helpers/node/util/sysctl"

	"github.com/daemonlint/daemonlint/apivalidation/internal/names"
	"github.com/daemonlint/daemonlint/internal/lazyre"
)

// validateSecurityContext checks a container's securityContext. A
// privileged container is an error only when opts.DisallowPrivileged.
func validateSecurityContext(sc *corev1.SecurityContext, fldPath *field.Path, hostUsers bool, opts Options) field.ErrorList {
	if sc == nil {
		return nil
	}
	var allErrs field.ErrorList
	if sc.Privileged != nil && *sc.Privileged && opts.DisallowPrivileged {
		allErrs = append(allErrs, field.Forbidden(fldPath.Child("privileged"), "disallowed by cluster policy"))
	}
	if sc.RunAsUser != nil {
		for _, msg := range validation.IsValidUserID(*sc.RunAsUser) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("runAsUser"), *sc.RunAsUser, msg))
		}
	}
	if sc.RunAsGroup != nil {
		for _, msg := range validation.IsValidGroupID(*sc.RunAsGroup) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("runAsGroup"), *sc.RunAsGroup, msg))
		}
	}
	if pm := sc.ProcMount; pm != nil {
		if *pm != corev1.DefaultProcMount && *pm != corev1.UnmaskedProcMount {
			allErrs = append(allErrs, field.NotSupported(fldPath.Child("procMount"), *pm, []corev1.ProcMountType{corev1.DefaultProcMount, corev1.UnmaskedProcMount}))
		}
		if hostUsers && *pm == corev1.UnmaskedProcMount {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("procMount"), *pm, "`hostUsers` must be false to use `Unmasked`"))
		}
	}
	if sc.SeccompProfile != nil {
		allErrs = append(allErrs, validateSeccompProfileField(sc.SeccompProfile, fldPath.Child("seccompProfile"))...)
	}
	if sc.AllowPrivilegeEscalation != nil && !*sc.AllowPrivilegeEscalation {
		if sc.Privileged != nil && *sc.Privileged {
			allErrs = append(allErrs, field.Invalid(fldPath, internalSecurityContext(sc), "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"))
		}
		if sc.Capabilities != nil {
			for _, c := range sc.Capabilities.Add {
				if c == "CAP_SYS_ADMIN" {
					allErrs = append(allErrs, field.Invalid(fldPath, internalSecurityContext(sc), "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"))
				}
			}
		}
	}
	if sc.WindowsOptions != nil {
		allErrs = append(allErrs, validateWindowsSecurityContextOptions(sc.WindowsOptions, fldPath.Child("windowsOptions"))...)
	}
	if sc.AppArmorProfile != nil {
		allErrs = append(allErrs, validateAppArmorProfileField(sc.AppArmorProfile, fldPath.Child("appArmorProfile"))...)
	}
	return allErrs
}

// The server validates internal types, which have no JSON tags: a security
// context in an error message is printed with Go field names and every
// field present. These types print the same.
type (
	internalSecurityContextValue struct {
		Capabilities             *internalCapabilities
		Privileged               *bool
		SELinuxOptions           *internalSELinuxOptions
		WindowsOptions           *internalWindowsOptions
		RunAsUser                *int64
		RunAsGroup               *int64
		RunAsNonRoot             *bool
		ReadOnlyRootFilesystem   *bool
		AllowPrivilegeEscalation *bool
		ProcMount                *corev1.ProcMountType
		SeccompProfile           *internalProfile
		AppArmorProfile          *internalProfile
	}
	internalCapabilities struct {
		Add  []corev1.Capability
		Drop []corev1.Capability
	}
	internalSELinuxOptions struct {
		User  string
		Role  string
		Type  string
		Level string
	}
	internalWindowsOptions struct {
		GMSACredentialSpecName *string
		GMSACredentialSpec     *string
		RunAsUserName          *string
		HostProcess            *bool
	}
	internalProfile struct {
		Type             string
		LocalhostProfile *string
	}
)

// internalSecurityContext converts sc to its rendering.
func internalSecurityContext(sc *corev1.SecurityContext) internalSecurityContextValue {
	v := internalSecurityContextValue{
		Privileged: sc.Privileged, RunAsUser: sc.RunAsUser, RunAsGroup: sc.RunAsGroup, RunAsNonRoot: sc.RunAsNonRoot,
		ReadOnlyRootFilesystem: sc.ReadOnlyRootFilesystem, AllowPrivilegeEscalation: sc.AllowPrivilegeEscalation, ProcMount: sc.ProcMount,
	}
	if c := sc.Capabilities; c != nil {
		v.Capabilities = &internalCapabilities{Add: c.Add, Drop: c.Drop}
	}
	if o := sc.SELinuxOptions; o != nil {
		v.SELinuxOptions = &internalSELinuxOptions{User: o.User, Role: o.Role, Type: o.Type, Level: o.Level}
	}
	if w := sc.WindowsOptions; w != nil {
		v.WindowsOptions = &internalWindowsOptions{GMSACredentialSpecName: w.GMSACredentialSpecName, GMSACredentialSpec: w.GMSACredentialSpec,
			RunAsUserName: w.RunAsUserName, HostProcess: w.HostProcess}
	}
	if p := sc.SeccompProfile; p != nil {
		v.SeccompProfile = &internalProfile{Type: string(p.Type), LocalhostProfile: p.LocalhostProfile}
	}
	if p := sc.AppArmorProfile; p != nil {
		v.AppArmorProfile = &internalProfile{Type: string(p.Type), LocalhostProfile: p.LocalhostProfile}
	}
	return v
}

// validatePodSecurityContext checks the pod's securityContext.
func validatePodSecurityContext(sc *corev1.PodSecurityContext, spec *corev1.PodSpec, fldPath *field.Path) field.ErrorList {
	if sc == nil {
		return nil
	}
	var allErrs field.ErrorList
	if sc.FSGroup != nil {
		for _, msg := range validation.IsValidGroupID(*sc.FSGroup) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("fsGroup"), *sc.FSGroup, msg))
		}
	}
	if sc.RunAsUser != nil {
		for _, msg := range validation.IsValidUserID(*sc.RunAsUser) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("runAsUser"), *sc.RunAsUser, msg))
		}
	}
	if sc.RunAsGroup != nil {
		for _, msg := range validation.IsValidGroupID(*sc.RunAsGroup) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("runAsGroup"), *sc.RunAsGroup, msg))
		}
	}
	for g, gid := range sc.SupplementalGroups {
		for _, msg := range validation.IsValidGroupID(gid) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("supplementalGroups").Index(g), gid, msg))
		}
	}
	if len(sc.Sysctls) != 0 {
		allErrs = append(allErrs, validateSysctls(sc.Sysctls, spec, fldPath.Child("sysctls"))...)
	}
	if p := sc.FSGroupChangePolicy; p != nil && *p != corev1.FSGroupChangeAlways && *p != corev1.FSGroupChangeOnRootMismatch {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("fsGroupChangePolicy"), *p,
			[]corev1.PodFSGroupChangePolicy{corev1.FSGroupChangeAlways, corev1.FSGroupChangeOnRootMismatch}))
	}
	if sc.SeccompProfile != nil {
		allErrs = append(allErrs, validateSeccompProfileField(sc.SeccompProfile, fldPath.Child("seccompProfile"))...)
	}
	if sc.WindowsOptions != nil {
		allErrs = append(allErrs, validateWindowsSecurityContextOptions(sc.WindowsOptions, fldPath.Child("windowsOptions"))...)
	}
	if sc.AppArmorProfile != nil {
		allErrs = append(allErrs, validateAppArmorProfileField(sc.AppArmorProfile, fldPath.Child("appArmorProfile"))...)
	}
	if p := sc.SupplementalGroupsPolicy; p != nil && *p != corev1.SupplementalGroupsPolicyMerge && *p != corev1.SupplementalGroupsPolicyStrict {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("supplementalGroupsPolicy"), *p,
			[]corev1.SupplementalGroupsPolicy{corev1.SupplementalGroupsPolicyMerge, corev1.SupplementalGroupsPolicyStrict}))
	}
	if p := sc.SELinuxChangePolicy; p != nil && *p != corev1.SELinuxChangePolicyMountOption && *p != corev1.SELinuxChangePolicyRecursive {
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("seLinuxChangePolicy"), *p,
			[]corev1.PodSELinuxChangePolicy{corev1.SELinuxChangePolicyMountOption, corev1.SELinuxChangePolicyRecursive}))
	}
	return allErrs
}

// sysctlRegexp is the format of a sysctl name.
var sysctlRegexp = lazyre.New(`^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`)

// validateSysctls checks sysctl names: format, uniqueness, and no
// namespaced sysctl of a namespace the pod shares with the host.
func validateSysctls(sysctls []corev1.Sysctl, spec *corev1.PodSpec, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	names := newStringSet[string]()
	for i, s := range sysctls {
		namePath := fldPath.Index(i).Child("name")
		switch {
		case s.Name == "":
			allErrs = append(allErrs, field.Required(namePath, ""))
		case len(s.Name) > 253 || !sysctlRegexp().MatchString(s.Name):
			allErrs = append(allErrs, field.Invalid(namePath, s.Name, fmt.Sprintf("must have at most %d characters and match regex %s", 253, sysctlRegexp())))
		case names.has(s.Name):
			allErrs = append(allErrs, field.Duplicate(namePath, s.Name))
		}
		ns, _, _ := utilsysctl.GetNamespace(s.Name)
		switch {
		case spec.HostNetwork && ns == utilsysctl.NetNamespace:
			allErrs = append(allErrs, field.Invalid(namePath, s.Name, "may not be specified when 'hostNetwork' is true"))
		case spec.HostIPC && ns == utilsysctl.IPCNamespace:
			allErrs = append(allErrs, field.Invalid(namePath, s.Name, "may not be specified when 'hostIPC' is true"))
		}
		names.insert(s.Name)
	}
	return allErrs
}

// validateSeccompProfileField checks a seccompProfile.
func validateSeccompProfileField(sp *corev1.SeccompProfile, fldPath *field.Path) field.ErrorList {
	if sp == nil {
		return nil
	}
	var allErrs field.ErrorList
	switch sp.Type {
	case corev1.SeccompProfileTypeLocalhost, corev1.SeccompProfileTypeRuntimeDefault, corev1.SeccompProfileTypeUnconfined:
	case "":
		allErrs = append(allErrs, field.Required(fldPath.Child("type"), "type is required when seccompProfile is set"))
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("type"), sp.Type,
			[]corev1.SeccompProfileType{corev1.SeccompProfileTypeLocalhost, corev1.SeccompProfileTypeRuntimeDefault, corev1.SeccompProfileTypeUnconfined}))
	}
	if sp.Type == corev1.SeccompProfileTypeLocalhost {
		if sp.LocalhostProfile == nil {
			allErrs = append(allErrs, field.Required(fldPath.Child("localhostProfile"), "must be set when seccomp type is Localhost"))
		} else {
			allErrs = append(allErrs, validateLocalDescendingPath(*sp.LocalhostProfile, fldPath.Child("localhostProfile"))...)
		}
	} else if sp.LocalhostProfile != nil {
		v := &internalProfile{Type: string(sp.Type), LocalhostProfile: sp.LocalhostProfile}
		allErrs = append(allErrs, field.Invalid(fldPath.Child("localhostProfile"), v, "can only be set when seccomp type is Localhost"))
	}
	return allErrs
}

// validateAppArmorProfileField checks an appArmorProfile.
func validateAppArmorProfileField(p *corev1.AppArmorProfile, fldPath *field.Path) field.ErrorList {
	if p == nil {
		return nil
	}
	var allErrs field.ErrorList
	switch p.Type {
	case corev1.AppArmorProfileTypeLocalhost:
		if p.LocalhostProfile == nil {
			allErrs = append(allErrs, field.Required(fldPath.Child("localhostProfile"), "must be set when AppArmor type is Localhost"))
			break
		}
		trimmed := strings.TrimSpace(*p.LocalhostProfile)
		if trimmed != *p.LocalhostProfile {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("localhostProfile"), *p.LocalhostProfile, "must not be padded with whitespace"))
		} else if trimmed == "" {
			allErrs = append(allErrs, field.Required(fldPath.Child("localhostProfile"), "must be set when AppArmor type is Localhost"))
		}
		if len(*p.LocalhostProfile) > 4095 {
			allErrs = append(allErrs, field.TooLong(fldPath.Child("localhostProfile"), "", 4095))
		}
	case corev1.AppArmorProfileTypeRuntimeDefault, corev1.AppArmorProfileTypeUnconfined:
		if p.LocalhostProfile != nil {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("localhostProfile"), p.LocalhostProfile, "can only be set when AppArmor type is Localhost"))
		}
	case "":
		allErrs = append(allErrs, field.Required(fldPath.Child("type"), "type is required when appArmorProfile is set"))
	default:
		allErrs = append(allErrs, field.NotSupported(fldPath.Child("type"), p.Type,
			[]corev1.AppArmorProfileType{corev1.AppArmorProfileTypeLocalhost, corev1.AppArmorProfileTypeRuntimeDefault, corev1.AppArmorProfileTypeUnconfined}))
	}
	return allErrs
}

// Formats of Windows user names.
var (
	ctrlRegex                      = lazyre.New(`[[:cntrl:]]+`)
	validNetBiosRegex              = lazyre.New(`^[^\\/:\*\?"<>|\.][^\\/:\*\?"<>|]{0,14}$`)
	validWindowsUserDomainDNSRegex = lazyre.New(`^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$`)
	invalidUserNameCharsRegex      = lazyre.New(`["/\\:;|=,\+\*\?<>@\[\]]`)
	invalidUserNameDotsSpacesRegex = lazyre.New(`^[\. ]+$`)
)

// validateWindowsSecurityContextOptions checks windowsOptions.
func validateWindowsSecurityContextOptions(w *corev1.WindowsSecurityContextOptions, fldPath *field.Path) field.ErrorList {
	if w == nil {
		return nil
	}
	var allErrs field.ErrorList
	if w.GMSACredentialSpecName != nil {
		for _, msg := range names.DNS1123SubdomainErrors(*w.GMSACredentialSpecName) {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("gmsaCredentialSpecName"), w.GMSACredentialSpecName, msg))
		}
	}
	if w.GMSACredentialSpec != nil {
		if l := len(*w.GMSACredentialSpec); l == 0 {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("gmsaCredentialSpec"), w.GMSACredentialSpec, "gmsaCredentialSpec cannot be an empty string"))
		} else if l > 64*1024 {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("gmsaCredentialSpec"), w.GMSACredentialSpec, "gmsaCredentialSpec size must be under 64 KiB"))
		}
	}
	if w.RunAsUserName != nil {
		p := fldPath.Child("runAsUserName")
		name := *w.RunAsUserName
		invalid := func(msg string) { allErrs = append(allErrs, field.Invalid(p, w.RunAsUserName, msg)) }
		parts := strings.Split(name, "\\")
		switch {
		case name == "":
			invalid("runAsUserName cannot be an empty string")
		case ctrlRegex().MatchString(name):
			invalid("runAsUserName cannot contain control characters")
		case len(parts) > 2:
			invalid("runAsUserName cannot contain more than one backslash")
		default:
			hasDomain, domain, user := false, "", parts[0]
			if len(parts) == 2 {
				hasDomain, domain, user = true, parts[0], parts[1]
			}
			if len(domain) >= 256 {
				invalid("runAsUserName's Domain length must be under 256 characters")
			}
			if hasDomain && !(validNetBiosRegex().MatchString(domain) || validWindowsUserDomainDNSRegex().MatchString(domain)) {
				invalid("runAsUserName's Domain doesn't match the NetBios nor the DNS format")
			}
			if l := len(user); l == 0 {
				invalid("runAsUserName's User cannot be empty")
			} else if l > 104 {
				invalid("runAsUserName's User length must not be longer than 104 characters")
			}
			if invalidUserNameDotsSpacesRegex().MatchString(user) {
				invalid("runAsUserName's User cannot contain only periods or spaces")
			}
			if invalidUserNameCharsRegex().MatchString(user) {
				invalid(`runAsUserName's User cannot contain the following characters: "/\:;|=,+*?<>@[]`)
			}
		}
	}
	return allErrs
}

// validateWindowsHostProcessPod checks hostProcess containers: all or none,
// with hostNetwork, and only where the cluster allows privileged pods.
func validateWindowsHostProcessPod(spec *corev1.PodSpec, fldPath *field.Path, opts Options) field.ErrorList {
	var allErrs field.ErrorList
	var podHostProcess *bool
	if sc := spec.SecurityContext; sc != nil && sc.WindowsOptions != nil {
		podHostProcess = sc.WindowsOptions.HostProcess
	}
	count, hostProcessCount := 0, 0
	for _, ref := range allContainers(spec, fldPath) {
		count++
		var hp *bool
		if sc := ref.c.SecurityContext; sc != nil && sc.WindowsOptions != nil {
			hp = sc.WindowsOptions.HostProcess
		}
		if podHostProcess != nil && hp != nil && *podHostProcess != *hp {
			allErrs = append(allErrs, field.Invalid(ref.path().Child("securityContext", "windowsOptions", "hostProcess"), *hp,
				fmt.Sprintf("pod hostProcess value must be identical if both are specified, was %v", *podHostProcess)))
		}
		switch {
		case hp != nil && *hp:
			hostProcessCount++
		case hp == nil && podHostProcess != nil && *podHostProcess:
			hostProcessCount++
		}
	}
	if hostProcessCount > 0 {
		if hostProcessCount != count {
			allErrs = append(allErrs, field.Invalid(fldPath, "", "If pod contains any hostProcess containers then all containers must be HostProcess containers"))
		}
		if !spec.HostNetwork {
			allErrs = append(allErrs, field.Invalid(fldPath.Child("hostNetwork"), spec.HostNetwork, "hostNetwork must be true if pod contains any hostProcess containers"))
		}
		if opts.DisallowPrivileged {
			allErrs = append(allErrs, field.Forbidden(fldPath, "hostProcess containers are disallowed by cluster policy"))
		}
	}
	return allErrs
}

// validateSeccompAnnotationsAndFields checks that a deprecated seccomp
// annotation agrees with the field it stands for.
func validateSeccompAnnotationsAndFields(annotations map[string]string, spec *corev1.PodSpec, specPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	if sc := spec.SecurityContext; sc != nil && sc.SeccompProfile != nil {
		if a, ok := annotations[corev1.SeccompPodAnnotationKey]; ok {
			if err := seccompAnnotationMismatch(a, sc.SeccompProfile, specPath.Child("securityContext", "seccompProfile")); err != nil {
				allErrs = append(allErrs, err)
			}
		}
	}
	for _, ref := range allContainers(spec, specPath) {
		if ref.c.SecurityContext == nil || ref.c.SecurityContext.SeccompProfile == nil {
			continue
		}
		if a, ok := annotations[corev1.SeccompContainerAnnotationKeyPrefix+ref.c.Name]; ok {
			if err := seccompAnnotationMismatch(a, ref.c.SecurityContext.SeccompProfile, ref.path().Child("securityContext", "seccompProfile")); err != nil {
				allErrs = append(allErrs, err)
			}
		}
	}
	return allErrs
}

// seccompAnnotationMismatch reports a seccomp annotation that disagrees
// with the profile field.
func seccompAnnotationMismatch(a string, sp *corev1.SeccompProfile, fldPath *field.Path) *field.Error {
	switch sp.Type {
	case corev1.SeccompProfileTypeUnconfined:
		if a != corev1.SeccompProfileNameUnconfined {
			return field.Forbidden(fldPath.Child("type"), "seccomp type in annotation and field must match")
		}
	case corev1.SeccompProfileTypeRuntimeDefault:
		if a != corev1.SeccompProfileRuntimeDefault && a != corev1.DeprecatedSeccompProfileDockerDefault {
			return field.Forbidden(fldPath.Child("type"), "seccomp type in annotation and field must match")
		}
	case corev1.SeccompProfileTypeLocalhost:
		if !strings.HasPrefix(a, corev1.SeccompLocalhostProfileNamePrefix) {
			return field.Forbidden(fldPath.Child("type"), "seccomp type in annotation and field must match")
		} else if sp.LocalhostProfile == nil || strings.TrimPrefix(a, corev1.SeccompLocalhostProfileNamePrefix) != *sp.LocalhostProfile {
			return field.Forbidden(fldPath.Child("localhostProfile"), "seccomp profile in annotation and field must match")
		}
	}
	return nil
}

// validateAppArmorAnnotationsAndFields checks that a deprecated AppArmor
// annotation agrees with the profile a container gets from its fields.
func validateAppArmorAnnotationsAndFields(annotations map[string]string, spec *corev1.PodSpec, specPath *field.Path) field.ErrorList {
	if spec.OS != nil && spec.OS.Name == corev1.Windows {
		return nil
	}
	var allErrs field.ErrorList
	var podProfile *corev1.AppArmorProfile
	if spec.SecurityContext != nil {
		podProfile = spec.SecurityContext.AppArmorProfile
	}
	for _, ref := range allContainers(spec, specPath) {
		profile := podProfile
		if sc := ref.c.SecurityContext; sc != nil && sc.AppArmorProfile != nil {
			profile = sc.AppArmorProfile
		}
		if profile == nil {
			continue
		}
		a, ok := annotations[corev1.DeprecatedAppArmorBetaContainerAnnotationKeyPrefix+ref.c.Name]
		if !ok {
			continue
		}
		p := ref.path().Child("securityContext", "appArmorProfile")
		switch profile.Type {
		case corev1.AppArmorProfileTypeUnconfined:
			if a != corev1.DeprecatedAppArmorBetaProfileNameUnconfined {
				allErrs = append(allErrs, field.Forbidden(p.Child("type"), "apparmor type in annotation and field must match"))
			}
		case corev1.AppArmorProfileTypeRuntimeDefault:
			if a != corev1.DeprecatedAppArmorBetaProfileRuntimeDefault {
				allErrs = append(allErrs, field.Forbidden(p.Child("type"), "apparmor type in annotation and field must match"))
			}
		case corev1.AppArmorProfileTypeLocalhost:
			if !strings.HasPrefix(a, corev1.DeprecatedAppArmorBetaProfileNamePrefix) {
				allErrs = append(allErrs, field.Forbidden(p.Child("type"), "apparmor type in annotation and field must match"))
			} else if profile.LocalhostProfile == nil || strings.TrimPrefix(a, corev1.DeprecatedAppArmorBetaProfileNamePrefix) != *profile.LocalhostProfile {
				allErrs = append(allErrs, field.Forbidden(p.Child("localhostProfile"), "apparmor profile in annotation and field must match"))
			}
		}
	}
	return allErrs
}
