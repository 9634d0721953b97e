/**
 * DefaultPreemption, the PostFilter of the default profile (framework/preemption/preemption.go,
 * plugins/defaultpreemption/default_preemption.go; FIDELITY.md §2.4). When no node fits, find
 * nodes where removing lower-priority pods would make room, keep as few victims as possible
 * (reprieve the most important first), pick one node by the real criteria, and report the
 * victims to delete and the node to nominate. Otherwise explain per node why it would not help.
 */
import type { KObject } from '../../protocol.ts'
import type { Cycle } from './cycle.ts'
import { histogram, runFilters, runPreFilters, type Decision } from './decide.ts'
import type { NodeInfo } from './node-info.ts'
import { podPriority } from './types.ts'

export interface PreemptionResult {
  /** The node to nominate; absent when preemption cannot help. */
  nominatedNode?: string
  victims: string[]
  /** The PostFilter message (`preemption: …`); '' on success. */
  message: string
  /** Lower-priority pods nominated to the chosen node, whose nomination is cleared. */
  clearNominated: string[]
}

/** DefaultPreemptionArgs: minCandidateNodesPercentage 10, minCandidateNodesAbsolute 100. */
export function numCandidates(numNodes: number): number {
  let n = Math.trunc((numNodes * 10) / 100)
  if (n < 100) n = 100
  return Math.min(n, numNodes)
}

interface Candidate {
  node: string
  victims: KObject[]
  keys: string[]
}

const notHelpful = 'Preemption is not helpful for scheduling'
const noVictims = 'No preemption victims found for incoming pod'

function startTime(p: KObject): string {
  return ((p.status as { startTime?: string } | undefined)?.startTime ?? '\uffff') as string
}

/** MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportantFirst(a: KObject, b: KObject): number {
  const pa = podPriority(a)
  const pb = podPriority(b)
  if (pa !== pb) return pb - pa
  return startTime(a) < startTime(b) ? -1 : startTime(a) > startTime(b) ? 1 : 0
}

function selectVictimsOnNode(c: Cycle, info: NodeInfo): { victims: string[] } | { reasons: string[] } {
  const lower = info.pods.filter((k) => c.pods[k] && podPriority(c.pods[k]) < c.priority)
  if (!lower.length) return { reasons: [noVictims] }
  c.removed = Object.fromEntries(lower.map((k) => [k, true as const]))
  let skipped = runPreFilters(c)
  const still = runFilters(c, info, skipped)
  if (still) {
    c.removed = null
    return { reasons: still.reasons }
  }
  const victims: string[] = []
  const sorted = [...lower].sort((a, b) => moreImportantFirst(c.pods[a]!, c.pods[b]!))
  for (const key of sorted) {
    delete c.removed[key]
    skipped = runPreFilters(c)
    if (runFilters(c, info, skipped)) {
      c.removed[key] = true
      victims.push(key)
    }
  }
  c.removed = null
  return { victims }
}

/** pickOneNodeForPreemption: fewest PDB violations, lowest top victim, lowest priority sum, fewest victims, latest start. */
function pickOne(cands: Candidate[]): Candidate {
  let list = cands
  const keep = (score: (cand: Candidate) => number): void => {
    let best = -Infinity
    for (const cand of list) best = Math.max(best, score(cand))
    list = list.filter((cand) => score(cand) === best)
  }
  keep((cand) => -Math.max(...cand.victims.map(podPriority)))
  // Each victim adds its priority + MaxInt32 + 1, so fewer victims weigh most.
  keep((cand) => -cand.victims.reduce((s, v) => s + podPriority(v) + 2 ** 31, 0))
  keep((cand) => -cand.victims.length)
  if (list.length > 1) {
    // The earliest start among each node's highest-priority victims: the latest of those wins.
    const earliest = (cand: Candidate): string => {
      const top = Math.max(...cand.victims.map(podPriority))
      return cand.victims.filter((v) => podPriority(v) === top).map(startTime).sort()[0]!
    }
    const latest = list.map(earliest).sort().at(-1)!
    list = list.filter((cand) => earliest(cand) === latest)
  }
  return list[0]!
}

export function preempt(c: Cycle, d: Decision, random: () => number): PreemptionResult {
  const none: PreemptionResult = { victims: [], message: '', clearNominated: [] }
  if (c.spec.preemptionPolicy === 'Never') return { ...none, message: 'preemption: not eligible due to preemptionPolicy=Never.' }
  const nominatedName = (c.pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName
  if (nominatedName) {
    const status = d.failed[nominatedName]
    const info = c.cache.nodes[nominatedName]
    if (info && status?.code !== 'UnschedulableAndUnresolvable') {
      const terminating = info.pods.some((k) => c.pods[k]?.metadata.deletionTimestamp && podPriority(c.pods[k]) < c.priority)
      if (terminating) return { ...none, message: 'preemption: not eligible due to a terminating pod on the nominated node.' }
    }
  }
  const statuses: Record<string, string[]> = {}
  const potential: NodeInfo[] = []
  for (const info of c.allNodes) {
    const f = d.failed[info.name]
    if (!f || f.code === 'UnschedulableAndUnresolvable') statuses[info.name] = [notHelpful]
    else potential.push(info)
  }
  const message = (): string => `preemption: 0/${c.allNodes.length} nodes are available: ${histogram(Object.values(statuses))}.`
  if (!potential.length) return { ...none, message: message() }
  const offset = Math.floor(random() * potential.length)
  const wanted = numCandidates(potential.length)
  const cands: Candidate[] = []
  for (let i = 0; i < potential.length && cands.length < wanted; i++) {
    const info = potential[(offset + i) % potential.length]!
    const r = selectVictimsOnNode(c, info)
    if ('reasons' in r) statuses[info.name] = r.reasons
    else cands.push({ node: info.name, keys: r.victims, victims: r.victims.map((k) => c.pods[k]!) })
  }
  if (!cands.length) return { ...none, message: message() }
  const best = pickOne(cands)
  return { nominatedNode: best.node, victims: best.keys, message: '', clearNominated: [] }
}
