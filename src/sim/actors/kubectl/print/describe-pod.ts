import type { Pod, ResourceRequirements } from 'kubernetes-types/core/v1'
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { KObject } from '../../../protocol.ts'
import { writeContainers, writeResources } from './describe-containers.ts'
import { writeVolumes } from './describe-volumes.ts'
import { since } from './duration.ts'
import { eventsFor, writeEvents } from './events-table.ts'
import { writeAnnotations, writeLabels, writeTolerations } from './multiline.ts'
import { PrefixWriter } from './prefix-writer.ts'
import { podQosClass } from './qos.ts'
import { describeTime } from './time.ts'

export interface DescribePodOptions {
  nowMs: number
}

/** printController: `Kind/name` of the owner marked controller, if any. */
function controlledBy(pod: Pod): string | undefined {
  const owners = (pod.metadata?.ownerReferences ?? []) as OwnerReference[]
  const owner = owners.find((o) => o.controller === true)
  return owner ? `${owner.kind}/${owner.name}` : undefined
}

function writeHeader(w: PrefixWriter, pod: Pod, nowMs: number): void {
  const { metadata = {}, spec, status = {} } = pod
  w.write(0, `Name:\t${metadata.name ?? ''}\n`)
  w.write(0, `Namespace:\t${metadata.namespace ?? ''}\n`)
  if (spec?.priority !== undefined && spec.priority !== null)
    w.write(0, `Priority:\t${spec.priority}\n`)
  if (spec?.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`)
  if (spec?.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`)
  if (spec?.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`)
  w.write(
    0,
    spec?.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n',
  )
  if (status.startTime) w.write(0, `Start Time:\t${describeTime(status.startTime)}\n`)
  writeLabels(w, 'Labels', metadata.labels)
  writeAnnotations(w, 'Annotations', metadata.annotations)
  const phase = status.phase ?? ''
  if (metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    // deletionTimestamp lies in the future during the grace period, so this reads "<invalid>".
    w.write(0, `Status:\tTerminating (lasts ${since(metadata.deletionTimestamp, nowMs)})\n`)
    w.write(0, `Termination Grace Period:\t${metadata.deletionGracePeriodSeconds ?? 0}s\n`)
  } else {
    w.write(0, `Status:\t${phase}\n`)
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`)
  if (status.message) w.write(0, `Message:\t${status.message}\n`)
  const seccomp = spec?.securityContext?.seccompProfile
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`)
    if (seccomp.type === 'Localhost')
      w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`)
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`)
  const ips = status.podIPs ?? []
  if (ips.length === 0) w.write(0, 'IPs:\t<none>\n')
  else {
    w.write(0, 'IPs:\n')
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`)
  }
  const owner = controlledBy(pod)
  if (owner) w.write(0, `Controlled By:\t${owner}\n`)
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`)
}

function writeConditions(w: PrefixWriter, pod: Pod): void {
  const gates = pod.spec?.readinessGates ?? []
  const conditions = pod.status?.conditions ?? []
  if (gates.length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n')
    for (const g of gates) {
      const status = conditions.find((c) => c.type === g.conditionType)?.status ?? '<none>'
      w.write(1, `${g.conditionType} \t${status} \n`)
    }
  }
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n')
    for (const c of conditions) w.write(1, `${c.type} \t${c.status} \n`)
  }
}

/**
 * `kubectl describe pod` (kubectl pkg/describe describePod), with the events the describer's
 * field selector would return picked out of `events`. Times are relative to `nowMs`.
 */
export function describePod(
  object: KObject,
  events: KObject[],
  options: DescribePodOptions,
): string {
  const pod = object as Pod
  const spec = pod.spec
  const w = new PrefixWriter()
  writeHeader(w, pod, options.nowMs)
  // Pod-level resources (v1.32+) are newer than the kubernetes-types release we build against.
  const podResources = (spec as { resources?: ResourceRequirements } | undefined)?.resources
  if (podResources) {
    w.write(0, 'Resources:\n')
    writeResources(w, podResources, 1)
  }
  if (spec?.initContainers?.length) {
    writeContainers(
      w,
      'Init Containers',
      spec.initContainers,
      pod.status?.initContainerStatuses,
      pod,
    )
  }
  writeContainers(w, 'Containers', spec?.containers ?? [], pod.status?.containerStatuses, pod)
  writeConditions(w, pod)
  writeVolumes(w, spec?.volumes)
  w.write(0, `QoS Class:\t${podQosClass(pod)}\n`)
  writeLabels(w, 'Node-Selectors', spec?.nodeSelector)
  writeTolerations(w, 'Tolerations', spec?.tolerations)
  writeEvents(w, eventsFor(object, events), options.nowMs)
  return w.render()
}
