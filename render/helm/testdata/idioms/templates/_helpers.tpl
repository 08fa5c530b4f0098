{{- define "idioms.labels" -}}
app: {{ .Values.name }}
chart: {{ .Chart.Name }}
{{- end }}
