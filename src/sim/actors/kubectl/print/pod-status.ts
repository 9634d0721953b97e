import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1'
import type { KObject } from '../../../protocol.ts'
import { humanDuration } from './duration.ts'
import { parseTime } from './time.ts'

/** What `kubectl get pods` shows in READY, STATUS and RESTARTS. */
export interface PodStatusColumns {
  ready: string
  status: string
  restarts: string
}

/** kubelet's pod reason when its node stopped reporting (pkg/util/node NodeUnreachablePodReason). */
const nodeUnreachablePodReason = 'NodeLost'

const isSidecar = (c: Container | undefined): boolean => c?.restartPolicy === 'Always'

const conditionTrue = (conditions: PodCondition[] | undefined, type: string): boolean =>
  (conditions ?? []).some((c) => c.type === type && c.status === 'True')

/** The later of a restart time so far and this container's last termination. */
function lastRestart(current: number | undefined, status: ContainerStatus): number | undefined {
  const finished = parseTime(status.lastState?.terminated?.finishedAt)
  if (finished === undefined) return current
  return current === undefined || finished > current ? finished : current
}

/** printPod (pkg/printers/internalversion/printers.go): READY, STATUS and RESTARTS of one pod. */
export function podStatus(object: KObject, nowMs: number): PodStatusColumns {
  const pod = object as Pod
  const status = pod.status ?? {}
  const phase = status.phase ?? ''
  let reason = status.reason || phase
  if (
    (status.conditions ?? []).some(
      (c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated',
    )
  ) {
    reason = 'SchedulingGated'
  }

  const sidecars = new Map<string, boolean>()
  let total = pod.spec?.containers?.length ?? 0
  for (const c of pod.spec?.initContainers ?? []) {
    sidecars.set(c.name, isSidecar(c))
    if (isSidecar(c)) total++
  }

  let ready = 0
  let restarts = 0
  let sidecarRestarts = 0
  let lastRestartMs: number | undefined
  let lastSidecarRestartMs: number | undefined
  let initializing = false
  // The first init container that is neither done nor a started sidecar decides the reason.
  for (const [i, c] of (status.initContainerStatuses ?? []).entries()) {
    restarts += c.restartCount ?? 0
    lastRestartMs = lastRestart(lastRestartMs, c)
    const sidecar = sidecars.get(c.name) ?? false
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0
      lastSidecarRestartMs = lastRestart(lastSidecarRestartMs, c)
    }
    const terminated = c.state?.terminated
    const waiting = c.state?.waiting?.reason
    if (terminated && terminated.exitCode === 0) continue
    if (sidecar && c.started) {
      if (c.ready) ready++
      continue
    }
    if (terminated) {
      if (terminated.reason) reason = `Init:${terminated.reason}`
      else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`
      else reason = `Init:ExitCode:${terminated.exitCode}`
    } else if (waiting && waiting !== 'PodInitializing') {
      reason = `Init:${waiting}`
    } else {
      reason = `Init:${i}/${pod.spec?.initContainers?.length ?? 0}`
    }
    initializing = true
    break
  }

  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts
    lastRestartMs = lastSidecarRestartMs
    let hasRunning = false
    const containers = status.containerStatuses ?? []
    // Walked last to first, so the first container's state wins.
    for (let i = containers.length - 1; i >= 0; i--) {
      const c = containers[i]!
      restarts += c.restartCount ?? 0
      lastRestartMs = lastRestart(lastRestartMs, c)
      const { waiting, terminated, running } = c.state ?? {}
      if (waiting?.reason) reason = waiting.reason
      else if (terminated?.reason) reason = terminated.reason
      else if (terminated) {
        reason = terminated.signal
          ? `Signal:${terminated.signal}`
          : `ExitCode:${terminated.exitCode}`
      } else if (c.ready && running) {
        hasRunning = true
        ready++
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady'
    }
  }

  const deleting = Boolean(pod.metadata?.deletionTimestamp)
  if (deleting && status.reason === nodeUnreachablePodReason) reason = 'Unknown'
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating'

  let restartsText = String(restarts)
  if (restarts !== 0 && lastRestartMs !== undefined) {
    restartsText = `${restarts} (${humanDuration(nowMs - lastRestartMs)} ago)`
  }
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText }
}
