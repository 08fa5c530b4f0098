{{- define "lib.labels" -}}
app.kubernetes.io/part-of: {{ .Chart.Name }}
{{- end }}
