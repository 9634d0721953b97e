/**
 * Defaulting of the workload kinds on create and update (SetDefaults_* in pkg/apis/apps/v1,
 * pkg/apis/batch/v1 and pkg/apis/core/v1 defaults.go; FIDELITY.md §5.6). Pod templates get the
 * PodSpec defaults a Pod gets, so the stored template is what the pods will be.
 */
import { base64 } from '../base64.ts'
import type { KObject } from '../../protocol.ts'
import { defaultPullPolicy } from '../pod-defaults.ts'

type Json = Record<string, unknown>

function obj(parent: Json, key: string): Json {
  const v = parent[key]
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Json
  const fresh: Json = {}
  parent[key] = fresh
  return fresh
}

/** SetDefaults_PodSpec and SetDefaults_Container, inside a template. */
export function defaultPodSpec(spec: Json): void {
  spec.restartPolicy ??= 'Always'
  spec.dnsPolicy ??= 'ClusterFirst'
  spec.terminationGracePeriodSeconds ??= 30 // v1.DefaultTerminationGracePeriodSeconds
  spec.schedulerName ??= 'default-scheduler'
  spec.securityContext ??= {}
  for (const list of ['initContainers', 'containers']) {
    const containers = spec[list]
    if (!Array.isArray(containers)) continue
    for (const c of containers as Json[]) {
      if (typeof c !== 'object' || c === null) continue
      if (typeof c.image === 'string') c.imagePullPolicy ??= defaultPullPolicy(c.image)
      c.terminationMessagePath ??= '/dev/termination-log'
      c.terminationMessagePolicy ??= 'File'
      c.resources ??= {}
      if (Array.isArray(c.ports)) for (const p of c.ports as Json[]) p.protocol ??= 'TCP'
    }
  }
}

function defaultTemplate(spec: Json): void {
  const template = spec.template
  if (typeof template !== 'object' || template === null) return
  const t = template as Json
  t.metadata ??= {}
  defaultPodSpec(obj(t, 'spec'))
}

function templateLabels(spec: Json): Json | undefined {
  return ((spec.template as Json | undefined)?.metadata as Json | undefined)?.labels as Json | undefined
}

/** Applies the defaults of `kind` to a new or updated object, in place. */
export function applyKindDefaults(kind: string, o: KObject): void {
  const spec = (o.spec ?? undefined) as Json | undefined
  switch (kind) {
    case 'Secret': {
      // SetDefaults_Secret: a Secret without a type is Opaque (pkg/apis/core/v1/defaults.go).
      ;(o as Json).type ??= 'Opaque'
      // Convert_v1_Secret_To_core_Secret: stringData is write-only, merged into data (base64)
      // over keys of the same name, and never stored or returned.
      const stringData = (o as Json).stringData as Record<string, string> | undefined
      if (stringData && typeof stringData === 'object') {
        const data = { ...(((o as Json).data as Record<string, string> | undefined) ?? {}) }
        for (const k of Object.keys(stringData)) data[k] = base64(String(stringData[k]))
        ;(o as Json).data = data
        delete (o as Json).stringData
      }
      return
    }
    case 'Namespace':
      // SetDefaults_Namespace: the immutable name label (pkg/apis/core/v1/defaults.go).
      if (typeof o.metadata.name === 'string') o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name }
      return
    case 'Deployment': {
      if (!spec) return
      spec.replicas ??= 1
      const strategy = obj(spec, 'strategy')
      strategy.type ??= 'RollingUpdate'
      if (strategy.type === 'RollingUpdate') {
        const ru = obj(strategy, 'rollingUpdate')
        ru.maxUnavailable ??= '25%'
        ru.maxSurge ??= '25%'
      }
      spec.revisionHistoryLimit ??= 10
      spec.progressDeadlineSeconds ??= 600
      defaultTemplate(spec)
      return
    }
    case 'ReplicaSet':
      if (!spec) return
      spec.replicas ??= 1
      defaultTemplate(spec)
      return
    case 'ReplicationController': {
      if (!spec) return
      const labels = templateLabels(spec)
      // SetDefaults_ReplicationController: selector and labels default to the template's labels.
      if (labels && !spec.selector) spec.selector = { ...labels }
      if (labels && !o.metadata.labels) o.metadata.labels = { ...(labels as Record<string, string>) }
      spec.replicas ??= 1
      defaultTemplate(spec)
      return
    }
    case 'DaemonSet': {
      if (!spec) return
      const strategy = obj(spec, 'updateStrategy')
      strategy.type ??= 'RollingUpdate'
      if (strategy.type === 'RollingUpdate') {
        const ru = obj(strategy, 'rollingUpdate')
        ru.maxUnavailable ??= 1
        ru.maxSurge ??= 0
      }
      spec.revisionHistoryLimit ??= 10
      defaultTemplate(spec)
      return
    }
    case 'StatefulSet': {
      if (!spec) return
      spec.replicas ??= 1
      spec.podManagementPolicy ??= 'OrderedReady'
      const strategy = obj(spec, 'updateStrategy')
      strategy.type ??= 'RollingUpdate'
      if (strategy.type === 'RollingUpdate') obj(strategy, 'rollingUpdate').partition ??= 0
      spec.revisionHistoryLimit ??= 10
      const retention = obj(spec, 'persistentVolumeClaimRetentionPolicy')
      retention.whenDeleted ??= 'Retain'
      retention.whenScaled ??= 'Retain'
      defaultTemplate(spec)
      return
    }
    case 'Job':
      if (!spec) return
      defaultJobSpec(spec)
      return
    case 'CronJob': {
      if (!spec) return
      spec.concurrencyPolicy ??= 'Allow'
      spec.suspend ??= false
      spec.successfulJobsHistoryLimit ??= 3
      spec.failedJobsHistoryLimit ??= 1
      const jobTemplate = obj(spec, 'jobTemplate')
      defaultJobSpec(obj(jobTemplate, 'spec'))
      return
    }
  }
}

/** SetDefaults_Job (pkg/apis/batch/v1/defaults.go). */
function defaultJobSpec(spec: Json): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1
    spec.parallelism = 1
  }
  spec.parallelism ??= 1
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6
  spec.completionMode ??= 'NonIndexed'
  spec.suspend ??= false
  if (spec.podFailurePolicy === undefined) spec.podReplacementPolicy ??= 'TerminatingOrFailed'
  defaultTemplate(spec)
}

/**
 * The Job strategy's PrepareForCreate (pkg/registry/batch/job/strategy.go generateSelector): a Job
 * without manualSelector selects its pods by its own uid, and its template carries the labels.
 */
export function prepareJob(o: KObject): void {
  const spec = o.spec as Json | undefined
  if (!spec || spec.manualSelector === true) return
  const uid = String(o.metadata.uid)
  const name = String(o.metadata.name)
  const t = obj(spec, 'template')
  const meta = obj(t, 'metadata')
  meta.labels = {
    ...((meta.labels as Json | undefined) ?? {}),
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  }
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }
}
