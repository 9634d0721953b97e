/**
 * Tab completion for the console, as kubectl's shell completion offers it: the command first, then
 * a resource type for the verbs that take one, then names of the objects the page mirrors (in the
 * namespace given by -n / --namespace, `default` otherwise; cluster-scoped types in any).
 */
import type { KObject } from '../../../sim/protocol.ts'

export const commands = (
  'annotate api-resources api-versions apply auth cluster-info config cordon create delete describe drain edit events exec expose ' +
  'get label logs patch rollout run scale set taint top uncordon version wait'
).split(' ')

/** Verbs whose first argument is a resource type. */
const typed = new Set('get describe delete edit label annotate patch scale expose wait'.split(' '))
/** Flags whose value is the next word. */
const valueFlags = new Set('-n --namespace -o --output -l --selector -f --filename'.split(' '))
/** Verbs whose first argument is a pod, or a node. */
const podVerbs = new Set(['logs', 'exec'])
const nodeVerbs = new Set(['cordon', 'uncordon', 'drain', 'taint'])

interface ResourceType {
  names: string[]
  kind: string
  namespaced: boolean
}

/** Plural first (what completion offers), then singular and short names (what it accepts). */
const types: ResourceType[] = [
  { names: ['pods', 'pod', 'po'], kind: 'Pod', namespaced: true },
  { names: ['deployments', 'deployment', 'deploy'], kind: 'Deployment', namespaced: true },
  { names: ['replicasets', 'replicaset', 'rs'], kind: 'ReplicaSet', namespaced: true },
  { names: ['services', 'service', 'svc'], kind: 'Service', namespaced: true },
  { names: ['nodes', 'node', 'no'], kind: 'Node', namespaced: false },
  { names: ['namespaces', 'namespace', 'ns'], kind: 'Namespace', namespaced: false },
  { names: ['events', 'event', 'ev'], kind: 'Event', namespaced: true },
  { names: ['endpoints', 'ep'], kind: 'Endpoints', namespaced: true },
  { names: ['endpointslices', 'endpointslice'], kind: 'EndpointSlice', namespaced: true },
  { names: ['daemonsets', 'daemonset', 'ds'], kind: 'DaemonSet', namespaced: true },
  { names: ['statefulsets', 'statefulset', 'sts'], kind: 'StatefulSet', namespaced: true },
  { names: ['jobs', 'job'], kind: 'Job', namespaced: true },
  { names: ['cronjobs', 'cronjob', 'cj'], kind: 'CronJob', namespaced: true },
  { names: ['configmaps', 'configmap', 'cm'], kind: 'ConfigMap', namespaced: true },
  { names: ['secrets', 'secret'], kind: 'Secret', namespaced: true },
  { names: ['serviceaccounts', 'serviceaccount', 'sa'], kind: 'ServiceAccount', namespaced: true },
  { names: ['leases', 'lease'], kind: 'Lease', namespaced: true },
  {
    names: ['poddisruptionbudgets', 'poddisruptionbudget', 'pdb'],
    kind: 'PodDisruptionBudget',
    namespaced: true,
  },
]

export interface Completion {
  /** The line with the current word completed (unchanged when nothing fits). */
  line: string
  /** Every candidate when more than one fits, to show under the prompt. */
  candidates: string[]
}

/** The type a word names (`po`, `pods`, `deploy`), from kubectl's names and short names. */
export function typeOf(word: string): ResourceType | undefined {
  return types.find((t) => t.names.includes(word.toLowerCase()))
}

function namespaceOf(words: string[]): string {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if ((w === '-n' || w === '--namespace') && words[i + 1]) return words[i + 1]!
    const eq = w.match(/^(?:-n|--namespace)=(.+)$/)
    if (eq) return eq[1]!
  }
  return 'default'
}

function namesOf(type: ResourceType, ns: string, objects: Record<string, KObject>): string[] {
  const out: string[] = []
  for (const o of Object.values(objects)) {
    if (o.kind !== type.kind || !o.metadata.name) continue
    if (type.namespaced && (o.metadata.namespace ?? 'default') !== ns) continue
    out.push(o.metadata.name)
  }
  return out.sort()
}

function commonPrefix(list: string[]): string {
  if (list.length === 0) return ''
  let p = list[0]!
  for (const s of list) while (!s.startsWith(p)) p = p.slice(0, -1)
  return p
}

/** Candidates for the last word of `line` (which may be empty after a space). */
export function candidatesFor(line: string, objects: Record<string, KObject>): string[] {
  const all = line.replace(/^\s*kubectl\s+/, '').split(/\s+/)
  const current = all[all.length - 1] ?? ''
  // Positional words only: flags and a flag's value do not count.
  const before: string[] = []
  for (let i = 0; i < all.length - 1; i++) {
    const w = all[i]!
    if (w === '') continue
    if (w.startsWith('-')) {
      if (!w.includes('=') && valueFlags.has(w)) i++
      continue
    }
    before.push(w)
  }
  const ns = namespaceOf(all)
  const fits = (list: string[]): string[] => list.filter((c) => c.startsWith(current))
  if (current.startsWith('-')) return []
  if (before.length === 0) return fits(commands)
  const verb = before[0]!
  const first = before.length === 1
  if (podVerbs.has(verb) && first) return fits(namesOf(typeOf('pods')!, ns, objects))
  if (nodeVerbs.has(verb) && first) return fits(namesOf(typeOf('nodes')!, ns, objects))
  if (verb === 'rollout' && before.length === 1) {
    return fits(['history', 'pause', 'restart', 'resume', 'status', 'undo'])
  }
  if (!typed.has(verb) && verb !== 'rollout') return []
  const typeWords = verb === 'rollout' ? before.slice(2) : before.slice(1)
  if (verb === 'rollout' && before.length < 2) return []
  if (current.includes('/')) {
    const [t, partial] = current.split('/', 2) as [string, string]
    const type = typeOf(t)
    if (!type) return []
    return namesOf(type, ns, objects)
      .filter((n) => n.startsWith(partial))
      .map((n) => `${t}/${n}`)
  }
  if (typeWords.length === 0) {
    const offered =
      verb === 'rollout'
        ? ['deployments', 'daemonsets', 'statefulsets']
        : types.map((t) => t.names[0]!)
    return fits(offered)
  }
  const type = typeOf(typeWords[0]!)
  return type ? fits(namesOf(type, ns, objects)) : []
}

/** What Tab does to `line`: one candidate completes the word, several their common prefix. */
export function complete(line: string, objects: Record<string, KObject>): Completion {
  const candidates = candidatesFor(line, objects)
  if (candidates.length === 0) return { line, candidates: [] }
  const head = line.slice(0, line.length - (line.split(/\s+/).pop() ?? '').length)
  if (candidates.length === 1) return { line: `${head}${candidates[0]} `, candidates: [] }
  return { line: `${head}${commonPrefix(candidates)}`, candidates }
}
