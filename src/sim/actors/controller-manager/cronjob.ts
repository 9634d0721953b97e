/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go): at each scheduled time
 * (virtual time, UTC) it creates the Job `<cronjob>-<scheduled time in minutes since the epoch>`,
 * keeps status.active and lastScheduleTime, honours concurrencyPolicy and suspend, notes finished
 * Jobs, and trims history to successfulJobsHistoryLimit (3) and failedJobsHistoryLimit (1).
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiResponse } from '../../messages.ts'
import { rfc3339 } from '../../k8s/meta.ts'
import { resourceByKind, restPath } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'
import { nextRun, parseSchedule } from './cron.ts'
import { canonicalJson, controllerRef, epochOf, newControllerRef } from './objects.ts'
import type { ControllerManagerState } from './state.ts'
import { emit, enqueue, send } from './workqueue.ts'

const ctrl = 'cronjob-controller'

interface CronSpec {
  schedule?: string
  suspend?: boolean
  concurrencyPolicy?: string
  successfulJobsHistoryLimit?: number
  failedJobsHistoryLimit?: number
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown }
}

function jobState(job: KObject): 'Complete' | 'Failed' | undefined {
  const conds = ((job.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [])
  return conds.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type as 'Complete' | 'Failed' | undefined
}

export function syncCronJob(state: ControllerManagerState, ctx: Ctx, key: string): void {
  const cj = state.caches.cronjobs![key]
  if (!cj || cj.metadata.deletionTimestamp) return
  const spec = (cj.spec ?? {}) as CronSpec
  const ns = String(cj.metadata.namespace)
  const name = String(cj.metadata.name)
  const schedule = parseSchedule(spec.schedule ?? '')
  const old = (cj.status ?? {}) as { active?: { name: string; uid: string }[]; lastScheduleTime?: string; lastSuccessfulTime?: string }
  const jobs = Object.values(state.caches.jobs!).filter((j) => j.metadata.namespace === ns && controllerRef(j)?.uid === cj.metadata.uid)
  const now = ctx.startTimeMs + ctx.now
  let lastSuccessfulTime = old.lastSuccessfulTime
  const active = (old.active ?? []).filter((ref) => {
    const job = jobs.find((j) => j.metadata.uid === ref.uid)
    if (!job) return false
    const st = jobState(job)
    if (!st) return true
    emit(state, ctx, ctrl, cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${st}`)
    if (st === 'Complete') lastSuccessfulTime = (job.status as { completionTime?: string }).completionTime ?? rfc3339(now)
    return false
  })
  let lastScheduleTime = old.lastScheduleTime
  if (!schedule) {
    emit(state, ctx, ctrl, cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${spec.schedule}"`)
    return
  }
  const from = epochOf(old.lastScheduleTime ?? cj.metadata.creationTimestamp)
  const due = nextRun(schedule, from)
  if (due !== undefined && due <= now && !spec.suspend) {
    lastScheduleTime = rfc3339(due)
    const policy = spec.concurrencyPolicy ?? 'Allow'
    if (policy === 'Forbid' && active.length) {
      emit(state, ctx, ctrl, cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid')
    } else {
      if (policy === 'Replace')
        for (const ref of active.splice(0)) send(state, ctx, ctrl, key, 'delete', restPath(resourceByKind('Job')!, ns, ref.name), { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } })
      const jobName = `${name}-${Math.floor(due / 60_000)}`
      const job: KObject = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name: jobName,
          namespace: ns,
          labels: { ...spec.jobTemplate?.metadata?.labels },
          annotations: { ...spec.jobTemplate?.metadata?.annotations, 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(due) },
          ownerReferences: [newControllerRef(cj)],
        },
        spec: spec.jobTemplate?.spec ?? {},
      }
      send(state, ctx, ctrl, key, 'create', restPath(resourceByKind('Job')!, ns), { body: job, step: 'create-job', name: jobName })
    }
  }
  // History limits: the oldest finished Jobs beyond the limits go (with their pods, in the background).
  for (const [st, limit] of [['Complete', spec.successfulJobsHistoryLimit ?? 3], ['Failed', spec.failedJobsHistoryLimit ?? 1]] as const) {
    const done = jobs.filter((j) => jobState(j) === st && !j.metadata.deletionTimestamp).sort((a, b) => epochOf(a.metadata.creationTimestamp) - epochOf(b.metadata.creationTimestamp))
    for (const j of done.slice(0, Math.max(0, done.length - limit))) {
      send(state, ctx, ctrl, key, 'delete', restPath(resourceByKind('Job')!, ns, String(j.metadata.name)), { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } })
      emit(state, ctx, ctrl, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`)
    }
  }
  const status = { ...(active.length ? { active } : {}), ...(lastScheduleTime ? { lastScheduleTime } : {}), ...(lastSuccessfulTime ? { lastSuccessfulTime } : {}) }
  if (canonicalJson(status) !== canonicalJson(old)) send(state, ctx, ctrl, key, 'update', restPath(resourceByKind('CronJob')!, ns, name, 'status'), { body: { ...cj, status }, step: 'status' })
  const next = nextRun(schedule, Math.max(now, due !== undefined && due <= now ? due : from))
  if (next !== undefined && state.cronArmed[key] !== next) {
    state.cronArmed[key] = next
    enqueue(state, ctx, ctrl, key, Math.max(2, next - now))
  }
}

export function cronJobResponse(state: ControllerManagerState, ctx: Ctx, key: string, step: string | undefined, name: string | undefined, msg: ApiResponse): void {
  const cj = state.caches.cronjobs![key]
  if (step === 'create-job' && cj) {
    if (msg.code === 201) emit(state, ctx, ctrl, cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`)
    else if (msg.code !== 409) emit(state, ctx, ctrl, cj, 'Warning', 'FailedCreate', `Error creating job: ${(msg.body as { message?: string }).message ?? ''}`)
  } else if (msg.code === 409) enqueue(state, ctx, ctrl, key)
}

export function observeCronJob(state: ControllerManagerState, ctx: Ctx, o: KObject): void {
  if (o.kind === 'CronJob') return enqueue(state, ctx, ctrl, `${o.metadata.namespace}/${o.metadata.name}`)
  const ref = controllerRef(o)
  if (ref?.kind === 'CronJob') enqueue(state, ctx, ctrl, `${o.metadata.namespace}/${ref.name}`)
}
