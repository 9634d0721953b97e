/**
 * The Job controller (pkg/controller/job/job_controller.go): keeps up to `parallelism` pods
 * running until `completions` have succeeded, counts failures against `backoffLimit` (default 6)
 * with the pod failure back-off (10 s doubling, capped at 6 min), and ends the Job with
 * SuccessCriteriaMet+Complete or FailureTarget+Failed and the real reasons and events.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import { rfc3339 } from '../../k8s/meta.ts'
import { resourceByKind, restPath } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import { canonicalJson, controllerRef, isPodReady, podStatus } from './objects.ts'
import { ownedPods, podFromTemplate } from './replicaset.ts'
import type { ControllerManagerState } from './state.ts'
import { emit, enqueue, send } from './workqueue.ts'

const ctrl = 'job-controller'
/** job_controller.go DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff. */
const backoffBaseMs = 10_000
const backoffMaxMs = 360_000

interface JobSpec {
  parallelism?: number
  completions?: number | null
  backoffLimit?: number
  suspend?: boolean
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown }
}

interface JobCondition {
  type: string
  status: string
  lastProbeTime: string
  lastTransitionTime: string
  reason: string
  message: string
}

function finished(job: KObject): boolean {
  const conds = ((job.status as { conditions?: JobCondition[] } | undefined)?.conditions ?? [])
  return conds.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')
}

export function syncJob(state: ControllerManagerState, ctx: Ctx, key: string): void {
  const job = state.caches.jobs![key]
  const ek = `${ctrl}/${key}`
  if (!job) {
    delete state.expectations[ek]
    return
  }
  if (finished(job)) return
  const spec = (job.spec ?? {}) as JobSpec
  const parallelism = spec.parallelism ?? 1
  const completions = spec.completions ?? null
  const backoffLimit = spec.backoffLimit ?? 6
  const pods = ownedPods(state, job)
  const phase = (p: KObject): string => podStatus(p).phase ?? ''
  const active = pods.filter((p) => !p.metadata.deletionTimestamp && phase(p) !== 'Succeeded' && phase(p) !== 'Failed')
  const old = (job.status ?? {}) as { succeeded?: number; failed?: number; startTime?: string; conditions?: JobCondition[] }
  const succeeded = Math.max(old.succeeded ?? 0, pods.filter((p) => phase(p) === 'Succeeded').length)
  const failed = Math.max(old.failed ?? 0, pods.filter((p) => phase(p) === 'Failed').length)
  const now = rfc3339(ctx.startTimeMs + ctx.now)
  const conditions = [...(old.conditions ?? [])]
  const cond = (type: string, reason: string, message: string): void => {
    if (!conditions.some((c) => c.type === type)) conditions.push({ type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message })
  }
  let done = false
  if (failed > backoffLimit) {
    cond('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')
    for (const p of active) send(state, ctx, ctrl, key, 'delete', restPath(resourceByKind('Pod')!, String(p.metadata.namespace), String(p.metadata.name)), { step: 'delete-pod', name: String(p.metadata.name) })
    if (!active.length) {
      cond('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')
      emit(state, ctx, ctrl, job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')
    }
  } else if ((completions !== null && succeeded >= completions) || (completions === null && succeeded > 0 && !active.length)) {
    cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods')
    if (!active.length) {
      cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods')
      emit(state, ctx, ctrl, job, 'Normal', 'Completed', 'Job completed')
      done = true
    }
  } else if (!spec.suspend) {
    const exp = state.expectations[ek]
    const want = completions === null ? (succeeded > 0 ? 0 : parallelism) : Math.min(parallelism, completions - succeeded)
    const diff = want - active.length
    if ((!exp || (exp.add <= 0 && exp.del <= 0)) && diff > 0) {
      // Pod failure back-off: the n-th failure delays new pods 10 s · 2^(n−1), at most 6 min.
      const wait = failed > 0 ? Math.min(backoffBaseMs * 2 ** (failed - 1), backoffMaxMs) : 0
      const lastFail = Math.max(0, ...pods.filter((p) => phase(p) === 'Failed').map((p) => Date.parse(String(p.metadata.creationTimestamp))))
      const readyAt = lastFail ? lastFail + wait - ctx.startTimeMs : 0
      if (readyAt > ctx.now) enqueue(state, ctx, ctrl, key, readyAt - ctx.now)
      else {
        state.expectations[ek] = { add: diff, del: 0 }
        const template = { ...spec.template, metadata: { ...spec.template?.metadata, labels: { ...jobLabels(job), ...spec.template?.metadata?.labels } } }
        for (let i = 0; i < diff; i++) send(state, ctx, ctrl, key, 'create', restPath(resourceByKind('Pod')!, String(job.metadata.namespace)), { body: podFromTemplate(job, template), step: 'create-pod' })
      }
    }
  }
  const status: Record<string, unknown> = {
    ...(conditions.length ? { conditions } : {}),
    startTime: old.startTime ?? now,
    ...(done ? { completionTime: now } : {}),
    ...(active.length ? { active: active.length } : {}),
    ...(succeeded ? { succeeded } : {}),
    ...(failed ? { failed } : {}),
    ready: active.filter(isPodReady).length,
    terminating: pods.filter((p) => p.metadata.deletionTimestamp && phase(p) !== 'Succeeded' && phase(p) !== 'Failed').length,
    uncountedTerminatedPods: {},
  }
  if (canonicalJson(status) !== canonicalJson(old)) send(state, ctx, ctrl, key, 'update', restPath(resourceByKind('Job')!, String(job.metadata.namespace), String(job.metadata.name), 'status'), { body: { ...job, status }, step: 'status' })
}

/** The labels the apiserver's Job defaulting puts on the template (batch/v1 SetDefaults_Job). */
function jobLabels(job: KObject): Record<string, string> {
  const uid = String(job.metadata.uid)
  const name = String(job.metadata.name)
  return { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name }
}

export function jobResponse(state: ControllerManagerState, ctx: Ctx, key: string, step: string | undefined, name: string | undefined, msg: ApiResponse): void {
  const job = state.caches.jobs![key]
  const exp = state.expectations[`${ctrl}/${key}`]
  const body = msg.body as KObject & { message?: string }
  if (step === 'create-pod') {
    if (msg.code === 201) {
      if (job) emit(state, ctx, ctrl, job, 'Normal', 'SuccessfulCreate', `Created pod: ${body.metadata.name}`)
    } else {
      if (exp) exp.add--
      if (job) emit(state, ctx, ctrl, job, 'Warning', 'FailedCreate', `Error creating: ${body.message ?? ''}`)
    }
  } else if (step === 'delete-pod' && msg.code === 200 && job) emit(state, ctx, ctrl, job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`)
  else if (msg.code === 409) enqueue(state, ctx, ctrl, key)
}

export function observeForJob(state: ControllerManagerState, ctx: Ctx, type: string, o: KObject, _old: KObject | undefined): void {
  if (o.kind === 'Job') return enqueue(state, ctx, ctrl, `${o.metadata.namespace}/${o.metadata.name}`)
  const ref = controllerRef(o)
  if (ref?.kind !== 'Job') return
  const key = `${o.metadata.namespace}/${ref.name}`
  const exp = state.expectations[`${ctrl}/${key}`]
  if (exp && type === 'ADDED') exp.add--
  enqueue(state, ctx, ctrl, key)
}
