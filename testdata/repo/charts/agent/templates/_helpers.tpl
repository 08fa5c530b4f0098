{{- define "agent.fullname" -}}
{{ .Release.Name }}-{{ .Chart.Name }}
{{- end }}

{{- define "agent.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "agent.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}-agent
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}
