{{/* Chart name, overridable. */}}
{{- define "sluice.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every object name; kept to 40 characters so that "<prefix>-<component>-<suffix>" fits 63. */}}
{{- define "sluice.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "sluice.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "sluice.labels" -}}
helm.sh/chart: {{ include "sluice.chart" . }}
app.kubernetes.io/name: {{ include "sluice.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: sluice
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selector labels of one component; call with (dict "root" $ "component" "parquet-lander"). */}}
{{- define "sluice.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sluice.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All labels of one component's objects and pods. */}}
{{- define "sluice.componentLabels" -}}
{{ include "sluice.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "sluice.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "sluice.queryRunnerServiceAccount" -}}
{{- printf "%s-query-runner" (include "sluice.fullname" .) }}
{{- end }}

{{/* Where each server is: the bundled one's Service when its dependency is enabled, else the configured address. */}}
{{- define "sluice.kafkaBootstrapServers" -}}
{{- if .Values.dependencies.kafka.enabled }}
{{- printf "%s-kafka:9092" (include "sluice.fullname" .) }}
{{- else if .Values.kafka.bootstrapServers }}
{{- .Values.kafka.bootstrapServers }}
{{- else }}
{{- fail "kafka.bootstrapServers is empty: set it to your brokers (host:port) or set dependencies.kafka.enabled=true" }}
{{- end }}
{{- end }}

{{- define "sluice.s3Endpoint" -}}
{{- if .Values.dependencies.minio.enabled }}
{{- printf "http://%s-minio:9000" (include "sluice.fullname" .) }}
{{- else if .Values.s3.endpoint }}
{{- .Values.s3.endpoint }}
{{- else }}
{{- fail "s3.endpoint is empty: set it to your S3 endpoint URL or set dependencies.minio.enabled=true" }}
{{- end }}
{{- end }}

{{- define "sluice.clickhouseUrl" -}}
{{- if .Values.dependencies.clickhouse.enabled }}
{{- printf "jdbc:clickhouse://%s-clickhouse:8123/default" (include "sluice.fullname" .) }}
{{- else if .Values.engines.clickhouse.url }}
{{- .Values.engines.clickhouse.url }}
{{- else }}
{{- fail "engines.clickhouse.url is empty: set it (jdbc:clickhouse://host:8123/db), set dependencies.clickhouse.enabled=true or engines.clickhouse.enabled=false" }}
{{- end }}
{{- end }}

{{- define "sluice.trinoUrl" -}}
{{- if .Values.dependencies.trino.enabled }}
{{- printf "jdbc:trino://%s-trino:8080" (include "sluice.fullname" .) }}
{{- else if .Values.engines.trino.url }}
{{- .Values.engines.trino.url }}
{{- else }}
{{- fail "engines.trino.url is empty: set it (jdbc:trino://host:8080), set dependencies.trino.enabled=true or engines.trino.enabled=false" }}
{{- end }}
{{- end }}

{{- define "sluice.sparkNamespace" -}}
{{- default .Release.Namespace .Values.engines.spark.namespace }}
{{- end }}

{{- define "sluice.kafkaUsesSasl" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol }}true{{ end }}
{{- end }}

{{- define "sluice.kafkaUsesTls" -}}
{{- if hasSuffix "SSL" .Values.kafka.securityProtocol }}true{{ end }}
{{- end }}

{{- define "sluice.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end }}

{{/*
The sinks that land every chunk: what the tracker waits for before DatasetReady and the query runner before a plan.
A disabled lander in this list would hold every dataset back until the tracker's land timeout fails it.
*/}}
{{- define "sluice.sinks" -}}
{{- $sinks := list }}
{{- if .Values.parquetLander.enabled }}{{ $sinks = append $sinks "parquet" }}{{ end }}
{{- if .Values.engines.clickhouse.enabled }}{{ $sinks = append $sinks "clickhouse" }}{{ end }}
{{- if not $sinks }}
{{- fail "no lander runs: set parquetLander.enabled=true or engines.clickhouse.enabled=true" }}
{{- end }}
{{- join "," $sinks }}
{{- end }}

{{/*
Row topics the landers read: the release's benchmark (every scale factor of it) when the Job generates it; any
benchmark in listener mode, where GenerateDataset commands choose it.
*/}}
{{- define "sluice.landerSources" -}}
{{- if eq .Values.generator.mode "listener" }}tpch,tpcds{{ else }}{{ .Values.benchmark }}{{ end }}
{{- end }}

{{/*
Environment of one service; call with (dict "root" $ "groups" (list "kafka" "s3" ...)). Each group is the
settings one part of the service reads: kafka, s3 (store and keys), bucket (the bucket name only), clickhouse,
trino, spark, lander (row topics), tracker and queryRunner (the sinks they wait for).
*/}}
{{- define "sluice.env" -}}
{{- $v := .root.Values }}
- name: SLUICE_LOG_FORMAT
  value: {{ $v.logFormat | quote }}
{{- if has "kafka" .groups }}
- name: SLUICE_KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "sluice.kafkaBootstrapServers" .root | quote }}
- name: SLUICE_KAFKA_SECURITY_PROTOCOL
  value: {{ $v.kafka.securityProtocol | quote }}
- name: SLUICE_KAFKA_SESSION_TIMEOUT_MS
  value: {{ $v.kafka.sessionTimeoutMs | int64 | quote }}
{{- if include "sluice.kafkaUsesSasl" .root }}
- name: SLUICE_KAFKA_SASL_MECHANISM
  value: {{ $v.kafka.sasl.mechanism | quote }}
{{ include "sluice.secretEnv" (dict "env" "SLUICE_KAFKA_SASL_JAAS_CONFIG" "secret" $v.kafka.sasl.jaasConfigSecret.name "key" $v.kafka.sasl.jaasConfigSecret.key) }}
{{- end }}
{{- if include "sluice.kafkaUsesTls" .root }}
- name: SLUICE_KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "/etc/sluice/kafka-tls/%s" $v.kafka.tls.truststoreSecret.truststoreKey | quote }}
{{ include "sluice.secretEnv" (dict "env" "SLUICE_KAFKA_SSL_TRUSTSTORE_PASSWORD" "secret" $v.kafka.tls.truststoreSecret.name "key" $v.kafka.tls.truststoreSecret.passwordKey) }}
{{- end }}
{{- end }}
{{- if or (has "s3" .groups) (has "bucket" .groups) }}
- name: SLUICE_S3_BUCKET
  value: {{ $v.s3.bucket | quote }}
{{- end }}
{{- if has "s3" .groups }}
- name: SLUICE_S3_ENDPOINT
  value: {{ include "sluice.s3Endpoint" .root | quote }}
- name: SLUICE_S3_REGION
  value: {{ $v.s3.region | quote }}
{{ include "sluice.secretEnv" (dict "env" "SLUICE_S3_ACCESS_KEY" "secret" $v.s3.credentialsSecret.name "key" $v.s3.credentialsSecret.accessKeyKey) }}
{{ include "sluice.secretEnv" (dict "env" "SLUICE_S3_SECRET_KEY" "secret" $v.s3.credentialsSecret.name "key" $v.s3.credentialsSecret.secretKeyKey) }}
{{- end }}
{{- if and (has "clickhouse" .groups) $v.engines.clickhouse.enabled }}
- name: SLUICE_CLICKHOUSE_URL
  value: {{ include "sluice.clickhouseUrl" .root | quote }}
{{ include "sluice.secretEnv" (dict "env" "SLUICE_CLICKHOUSE_USER" "secret" $v.engines.clickhouse.credentialsSecret.name "key" $v.engines.clickhouse.credentialsSecret.userKey) }}
{{ include "sluice.secretEnv" (dict "env" "SLUICE_CLICKHOUSE_PASSWORD" "secret" $v.engines.clickhouse.credentialsSecret.name "key" $v.engines.clickhouse.credentialsSecret.passwordKey) }}
{{- end }}
{{- if and (has "trino" .groups) $v.engines.trino.enabled }}
- name: SLUICE_TRINO_JDBC_URL
  value: {{ include "sluice.trinoUrl" .root | quote }}
- name: SLUICE_TRINO_CATALOG
  value: {{ $v.engines.trino.catalog | quote }}
{{- with $v.engines.trino.credentialsSecret }}
{{- if .name }}
{{ include "sluice.secretEnv" (dict "env" "SLUICE_TRINO_USER" "secret" .name "key" .userKey) }}
{{ include "sluice.secretEnv" (dict "env" "SLUICE_TRINO_PASSWORD" "secret" .name "key" .passwordKey) }}
{{- end }}
{{- end }}
{{- end }}
{{- if and (has "spark" .groups) $v.engines.spark.enabled }}
- name: SLUICE_SPARK_MASTER
  value: {{ $v.engines.spark.master | quote }}
- name: SLUICE_SPARK_K8S_IMAGE
  value: {{ $v.engines.spark.image | quote }}
- name: SLUICE_SPARK_K8S_NAMESPACE
  value: {{ include "sluice.sparkNamespace" .root | quote }}
- name: SLUICE_SPARK_K8S_SERVICE_ACCOUNT
  value: {{ $v.engines.spark.serviceAccount | quote }}
{{- end }}
{{- if has "spill" .groups }}
{{- /* scratch data belongs on the scratch volume, where the IOChaos latency experiment acts too (not /tmp) */}}
- name: SLUICE_PARQUET_SPILL_DIR
  value: /var/lib/sluice/parquet-spill
{{- end }}
{{- if has "lander" .groups }}
- name: SLUICE_LANDER_SOURCES
  value: {{ include "sluice.landerSources" .root | quote }}
{{- end }}
{{- if has "tracker" .groups }}
- name: SLUICE_TRACKER_SINKS
  value: {{ include "sluice.sinks" .root | quote }}
{{- /* a standby needs another replica to live on */}}
- name: SLUICE_TRACKER_STANDBY_REPLICAS
  value: {{ ternary "1" "0" (ge (int $v.tracker.replicas) 2) | quote }}
{{- end }}
{{- if has "queryRunner" .groups }}
- name: SLUICE_QUERY_RUNNER_SINKS
  value: {{ include "sluice.sinks" .root | quote }}
{{- end }}
{{- if and (has "faults" .groups) $v.faults.enabled }}
- name: SLUICE_FAULT_INJECTOR
  value: "kubernetes"
- name: SLUICE_FAULT_NAMESPACE
  value: {{ .root.Release.Namespace | quote }}
- name: SLUICE_FAULT_RELEASE
  value: {{ .root.Release.Name | quote }}
{{- end }}
{{- end }}

{{/*
The environment of one service container: the chart's settings ("sluice.env"), then the component's `env` value.
Call with (dict "root" $ "groups" (list ...) "key" "<values key>"). A variable of `env` that the chart sets
itself fails the render, naming it.
*/}}
{{- define "sluice.serviceEnv" -}}
{{- $env := include "sluice.env" (dict "root" .root "groups" .groups) | trim }}
{{- $set := list }}
{{- range $env | fromYamlArray }}
{{- $set = append $set .name }}
{{- end }}
{{ $env }}
{{- $key := .key }}
{{- range $name, $value := (index .root.Values .key).env }}
{{- if has $name $set }}
{{- fail (printf "%s.env.%s: the chart sets %s itself from other values; remove it from %s.env" $key $name $name $key) }}
{{- end }}
- name: {{ $name }}
  {{- /* numbers of a values file arrive as floats, which would print as 3.6e+06 */}}
  value: {{ ternary (int64 $value | toString) (toString $value) (kindIs "float64" $value) | quote }}
{{- end }}
{{- end }}

{{/*
Volume mounts and volumes every service pod has. The root file system is read-only, so the JVM's temporary
files (and the native libraries zstd-jni and snappy unpack there) go to /tmp, and scratch data to /var/lib/sluice.
*/}}
{{- define "sluice.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: scratch
  mountPath: /var/lib/sluice
{{- if include "sluice.kafkaUsesTls" .root }}
- name: kafka-tls
  mountPath: /etc/sluice/kafka-tls
  readOnly: true
{{- end }}
{{- if .plans }}
- name: plans
  mountPath: /etc/sluice/plans
  readOnly: true
{{- end }}
{{- end }}

{{- define "sluice.volumes" -}}
- name: tmp
  emptyDir: {}
- name: scratch
  emptyDir: {}
{{- if include "sluice.kafkaUsesTls" .root }}
- name: kafka-tls
  secret:
    secretName: {{ .root.Values.kafka.tls.truststoreSecret.name }}
    items:
      - key: {{ .root.Values.kafka.tls.truststoreSecret.truststoreKey }}
        path: {{ .root.Values.kafka.tls.truststoreSecret.truststoreKey }}
{{- end }}
{{- if .plans }}
- name: plans
  configMap:
    name: {{ include "sluice.fullname" .root }}-plans
{{- end }}
{{- end }}

{{- define "sluice.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}

{{/* Pod settings shared by the Job and the Deployments; call with (dict "root" $ "values" <component values>). */}}
{{- define "sluice.podCommon" -}}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
  seccompProfile:
    type: RuntimeDefault
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The long-running services, as YAML: name -> values key, command arguments, settings groups, whether it mounts
the plans and uses the query runner's service account, and a termination grace period above Kubernetes' 30 s. Deployments, Services, PDBs and HPAs iterate over it.
*/}}
{{- define "sluice.services" -}}
{{- $v := .Values }}
{{- if eq $v.generator.mode "listener" }}
generator:
  values: generator
  args: [generate, --listen]
  groups: [kafka]
{{- end }}
{{- if $v.parquetLander.enabled }}
parquet-lander:
  values: parquetLander
  args: [ingest, parquet]
  groups: [kafka, lander, s3, spill]
{{- end }}
{{- if $v.engines.clickhouse.enabled }}
clickhouse-lander:
  values: clickhouseLander
  args: [ingest, clickhouse]
  groups: [kafka, lander, clickhouse]
{{- end }}
tracker:
  values: tracker
  args: [ingest, tracker]
  groups: [kafka, tracker]
{{- /* Registers the Parquet tables in Trino on each Parquet DatasetReady; Trino benchmark runs need them. */}}
{{- if and $v.engines.trino.enabled $v.parquetLander.enabled }}
registration:
  values: registration
  args: [ingest, registration]
  groups: [kafka, bucket, trino]
{{- end }}
{{- if $v.queryRunner.enabled }}
query-runner:
  values: queryRunner
  args: [query-runner, --plan, {{ printf "/etc/sluice/plans/%s.yaml" $v.queryRunner.plan }}]
  {{- /* The S3 store only for Spark, which reads the Parquet objects itself; Trino and ClickHouse have their own access. */}}
  groups: [kafka, clickhouse, trino, spark, queryRunner, faults{{ if $v.engines.spark.enabled }}, s3{{ end }}]
  plans: true
  serviceAccount: true
  {{- /* Above the query runner's close wait (QueryRunnerService.CLOSE_WAIT, 90 s): a stop cancels the run's queries and lifts its faults before the kill. */}}
  stopSeconds: 120
{{- end }}
{{- end }}
