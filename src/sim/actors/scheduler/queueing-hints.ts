/**
 * Queueing hints for a Node change: whether the change may make a parked pod schedulable, per
 * rejecting plugin (pkg/scheduler/framework/plugins/tainttoleration and nodeunschedulable,
 * isSchedulableAfterNodeChange). A plugin without a hint here answers Queue, as a plugin
 * registering events without a hint does.
 */
import type { KObject, Taint } from '../../protocol.ts'
import { untolerated, type Toleration } from './taints.ts'

export interface NodeChange {
  /** Undefined for a Node just added. */
  old?: KObject
  now: KObject
}

// helper.DoNotScheduleTaintsFilterFunc: the taints the TaintToleration filter looks at.
const doNotSchedule = ['NoSchedule', 'NoExecute']

const taintsOf = (node: KObject): Taint[] => (node.spec as { taints?: Taint[] } | undefined)?.taints ?? []
const unschedulable = (node: KObject): boolean => (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true

/** Queue (true) or QueueSkip (false) for `plugin`, which rejected `pod`, after `change`. */
export function nodeChangeMayHelp(plugin: string, pod: KObject, change: NodeChange): boolean {
  if (plugin === 'TaintToleration') {
    const tolerations = (pod.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? []
    // Queue only when the change turns an untolerated node into a tolerated one.
    const was = change.old ? untolerated(taintsOf(change.old), tolerations, doNotSchedule) !== undefined : true
    const is = untolerated(taintsOf(change.now), tolerations, doNotSchedule) !== undefined
    return was && !is
  }
  if (plugin === 'NodeUnschedulable') {
    const was = change.old ? !unschedulable(change.old) : false
    return !was && !unschedulable(change.now)
  }
  return true
}
