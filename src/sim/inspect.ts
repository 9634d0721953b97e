/**
 * The component inspector's live half: reads one actor's plain-data state and turns it into
 * tables (the scheduler's queues, a kubelet's pod workers, etcd's revision). Read-only: it never
 * changes the world, so inspecting cannot change a run's trace hash.
 */
import type { ActorRecord, World } from './engine/world.ts'
import type { ActorInspection, InspectionSection } from './protocol.ts'
import type { SchedulerState } from './actors/scheduler/state.ts'
import { podInitialBackoffMs, podMaxBackoffMs } from './actors/scheduler/queue.ts'
import type { KubeletState } from './actors/kubelet/state.ts'
import type { RuntimeState } from './actors/runtime/state.ts'
import type { ApiserverState } from './actors/apiserver/state.ts'
import type { EtcdState } from './actors/etcd/etcd.ts'
import { quorum } from './actors/etcd/raft.ts'
import type { ControllerManagerState } from './actors/controller-manager/state.ts'
import type { KubeProxyState } from './actors/kube-proxy/kube-proxy.ts'
import type { CloudState } from './actors/cloud-controller-manager/service-lb.ts'
import type { RegistryState } from './actors/registry/registry.ts'
import type { KubectlState } from './actors/kubectl/state.ts'
import type { IngressNginxState } from './actors/ingress-nginx/state.ts'
import { inspectIngressNginx } from './actors/ingress-nginx/inspect.ts'
import { electorOf, leaseDurationSeconds, renewDeadlineMs, retryPeriodMs, type Elector } from './actors/leader-election.ts'

type Fact = ActorInspection['facts'][number]
type Read = { facts: Fact[]; sections: InspectionSection[] }

/** How many rows a table keeps: a 500-pod cluster must not ship 500 rows every frame. */
const maxRows = 50

function section(title: string, columns: string[], rows: string[][], empty: string): InspectionSection {
  return { title, columns, rows: rows.slice(0, maxRows), empty }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s`
}

/** The pod's backoff as scheduling_queue.go computes it: initial · 2^(attempts−1), capped. */
function backoffMs(attempts: number): number {
  return Math.min(podInitialBackoffMs * 2 ** Math.max(0, attempts - 1), podMaxBackoffMs)
}

function scheduler(s: SchedulerState): Read {
  const q = s.queue
  const byWhere = (where: string): [string, (typeof q.info)[string]][] =>
    Object.entries(q.info)
      .filter(([, i]) => i.where === where)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  // activeQ is kept in pop order; the bootstrap list holds pods seen before the loop ran.
  const active = [...q.activeQ, ...s.activeQ.filter((p) => !q.activeQ.includes(p))]
  return {
    facts: [
      { label: 'scheduling cycle', value: String(q.schedulingCycle) },
      { label: 'nodes in cache', value: String(Object.keys(s.nodes).length) },
      { label: 'pods assumed', value: String(Object.keys(s.assumed).length) },
    ],
    sections: [
      section('activeQ', ['pod', 'priority', 'attempts'], active.map((p) => [p, String(q.info[p]?.priority ?? 0), String(q.info[p]?.attempts ?? 0)]), 'empty'),
      section(
        'backoffQ',
        ['pod', 'attempts', 'leaves at'],
        byWhere('backoff').map(([p, i]) => [p, String(i.attempts), `t=${seconds(i.timestamp + backoffMs(i.attempts))}`]),
        'empty',
      ),
      section(
        'unschedulable pods',
        ['pod', 'attempts', 'rejected by'],
        byWhere('unschedulable').map(([p, i]) => [p, String(i.attempts), i.unschedulablePlugins.join(', ') || '—']),
        'none',
      ),
      section('in flight (binding)', ['pod', 'node'], Object.entries(s.assumed).map(([p, n]) => [p, n]), 'none'),
    ],
  }
}

function kubelet(s: KubeletState): Read {
  const workers = Object.values(s.pods).map((w) => [
    `${w.namespace}/${w.name}`,
    w.step,
    w.containers.map((c) => `${c.name}: ${c.waitingReason ?? c.phase}${c.restartCount ? ` (${c.restartCount} restarts)` : ''}`).join('; ') || '—',
    w.podIP ?? '—',
  ])
  const lease = s.lease?.spec as { renewTime?: string } | undefined
  return {
    facts: [
      { label: 'node', value: s.node },
      { label: 'node IP', value: s.hostIP },
      { label: 'lease renewTime', value: lease?.renewTime ?? 'not yet' },
      { label: 'CRI calls waiting', value: String(Object.keys(s.calls).length) },
    ],
    sections: [section('pod workers', ['pod', 'step', 'containers', 'pod IP'], workers, 'no pods bound to this node')],
  }
}

function runtime(s: RuntimeState): Read {
  return {
    facts: [
      { label: 'node', value: s.node },
      { label: 'image pulls in progress', value: String(Object.keys(s.pulls).length) },
    ],
    sections: [
      section('pod sandboxes', ['id', 'pod', 'IP', 'state'], Object.values(s.sandboxes).map((b) => [b.id.slice(0, 13), `${b.namespace}/${b.name}`, b.ip, b.state]), 'none'),
      section('containers', ['id', 'name', 'image', 'state'], Object.values(s.containers).map((c) => [c.id.slice(0, 13), c.name, c.image, c.state]), 'none'),
      section('images', ['image', 'size'], Object.entries(s.images).map(([ref, i]) => [ref, `${(i.sizeBytes / 1e6).toFixed(1)} MB`]), 'none'),
    ],
  }
}

function apiserver(s: ApiserverState): Read {
  return {
    facts: [
      { label: 'watch cache objects', value: String(Object.keys(s.cache).length) },
      { label: 'requests waiting on etcd', value: String(Object.keys(s.pending).length) },
      { label: 'open watches', value: String(s.watchers.length) },
    ],
    sections: [
      section(
        'watchers',
        ['client', 'resource', 'selector'],
        s.watchers.map((w) => [
          w.client,
          // A resource without a watch cache (events) is served from a watch on etcd.
          `${w.prefix.replace('/registry/', '')}${w.namespace ? ` -n ${w.namespace}` : ''}${w.fromEtcd ? ' (from etcd)' : ''}`,
          [w.fieldSelector, w.labelSelector].filter(Boolean).join(' ') || '—',
        ]),
        'no watches open',
      ),
    ],
  }
}

function etcd(s: EtcdState): Read {
  const byResource: Record<string, number> = {}
  for (const key of Object.keys(s.store.kv)) {
    const resource = key.split('/')[2] ?? key
    byResource[resource] = (byResource[resource] ?? 0) + 1
  }
  const r = s.raft
  const raftFacts = r
    ? [
        { label: 'raft role', value: r.role },
        { label: 'term', value: String(r.term) },
        { label: 'leader', value: r.leader ?? 'none known' },
        { label: 'log', value: `last index ${r.offset + r.log.length}, committed ${r.commit}, applied ${r.applied}` },
        { label: 'quorum', value: `${quorum(r)} of ${r.peers.length} members` },
        { label: 'requests waiting', value: String(Object.keys(r.waiting).length) },
      ]
    : []
  return {
    facts: [
      ...raftFacts,
      { label: 'revision', value: String(s.store.revision) },
      { label: 'keys', value: String(Object.keys(s.store.kv).length) },
      { label: 'watch cache streams', value: s.watchers.join(', ') || 'none' },
      { label: 'not streamed to a watch cache', value: s.uncached.join(', ') || 'nothing' },
    ],
    sections: [
      section('keys by resource', ['/registry/…', 'keys'], Object.entries(byResource).sort().map(([r, n]) => [r, String(n)]), 'empty'),
      section('watches for single clients', ['apiserver', 'watch', 'prefix'], s.prefixWatches.map((w) => [w.apiserver, w.watchId, w.prefix]), 'none'),
      ...(r && r.role === 'leader'
        ? [section('followers (leader\'s view)', ['member', 'match index', 'next index'], r.peers.filter((p) => r.match[p] !== undefined && p !== r.leader).map((p) => [p, String(r.match[p]), String(r.next[p])]), 'none')]
        : []),
    ],
  }
}

/** The controllers' last requests, newest first: what each control loop last reconciled. */
function lastRequests(world: World, id: string, limit: number): string[][] {
  const out: string[][] = []
  for (let i = world.flows.length - 1; i >= 0 && out.length < limit; i--) {
    const f = world.flows[i]!
    if (f.from === id && f.via && !f.ambient) out.push([f.via, f.label, `t=${seconds(f.sentAt)}`])
  }
  return out
}

function controllerManager(s: ControllerManagerState, recent: string[][]): Read {
  const rows: string[][] = []
  for (const [name, q] of Object.entries(s.queues)) {
    if (!q) continue
    rows.push([name, q.queue.join(', ') || '—', Object.keys(q.busy).join(', ') || '—'])
  }
  const nl = s.nodeLifecycle
  return {
    facts: [
      { label: 'pending API requests', value: String(Object.keys(s.client.pending).length) },
      { label: 'expectations', value: String(Object.keys(s.expectations).length) },
    ],
    sections: [
      section('work queues', ['controller', 'queued', 'syncing'], rows, 'no controller has work yet'),
      section(
        'node-lifecycle-controller',
        ['node', 'last heartbeat', 'lease renewTime'],
        nl ? Object.entries(nl.health).map(([n, h]) => [n, h.heartbeat, h.renew]) : [],
        'no nodes probed yet',
      ),
      section('last requests (newest first)', ['controller', 'request', 'sent'], recent, 'none yet'),
      section('informer caches', ['resource', 'objects'], Object.entries(s.caches).map(([r, c]) => [r, String(Object.keys(c).length)]), 'none'),
    ],
  }
}

function kubeProxy(s: KubeProxyState): Read {
  const rules = s.rules
  const ruleLines = rules ? rules.text.split('\n').filter((l) => l.startsWith('-A ')).length : 0
  return {
    facts: [
      { label: 'node', value: s.node },
      { label: 'syncs', value: String(s.syncs) },
      { label: 'last sync', value: s.lastSyncAt < 0 ? 'never' : `t=${seconds(s.lastSyncAt)}` },
      { label: 'iptables rules', value: String(ruleLines) },
    ],
    sections: [
      section(
        'service ports',
        ['destination', 'endpoints'],
        rules ? Object.entries(rules.byDestination).map(([d, i]) => [d, String(rules.ports[i]?.endpoints.length ?? 0)]) : [],
        'no Services yet',
      ),
    ],
  }
}

function cloud(s: Partial<CloudState>): Read {
  // Without a cloud provider the actor is dormant and its state is empty.
  return {
    facts: [{ label: 'Services watched', value: String(Object.keys(s.services ?? {}).length) }],
    sections: [section('load balancers', ['Service', 'address'], Object.entries(s.balancers ?? {}), 'none')],
  }
}

function registry(s: RegistryState): Read {
  return {
    facts: [{ label: 'repositories', value: String(Object.keys(s.images).length) }],
    sections: [section('images', ['image', 'size'], Object.entries(s.images).map(([r, b]) => [r, `${(b / 1e6).toFixed(1)} MB`]), 'none')],
  }
}

function kubectl(s: KubectlState): Read {
  return {
    facts: [{ label: 'commands run', value: String(s.nextCmd) }],
    sections: [section('running commands', ['line'], Object.values(s.commands).map((c) => [c.line]), 'none')],
  }
}

function read(a: ActorRecord, world: World): Read {
  const s = a.state
  switch (a.kind) {
    case 'kube-scheduler':
      return scheduler(s as SchedulerState)
    case 'kubelet':
      return kubelet(s as KubeletState)
    case 'container-runtime':
      return runtime(s as RuntimeState)
    case 'kube-apiserver':
      return apiserver(s as ApiserverState)
    case 'etcd':
      return etcd(s as EtcdState)
    case 'kube-controller-manager':
      return controllerManager(s as ControllerManagerState, lastRequests(world, a.id, 8))
    case 'kube-proxy':
      return kubeProxy(s as KubeProxyState)
    case 'cloud-controller-manager':
      return cloud(s as CloudState)
    case 'image-registry':
      return registry(s as RegistryState)
    case 'kubectl':
      return kubectl(s as KubectlState)
    case 'ingress-nginx':
      return inspectIngressNginx(s as IngressNginxState)
    default:
      return { facts: [], sections: [] }
  }
}

/** Where a leader-elected component stands: its identity, and whether and since when it leads. */
function electionFacts(el: Elector, now: number): { label: string; value: string }[] {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
  const holder = String((el.observed?.spec as { holderIdentity?: string } | undefined)?.holderIdentity ?? '') || 'nobody'
  const facts = [
    { label: 'leader election', value: el.leading ? `leads (Lease kube-system/${el.lease})` : `candidate for Lease kube-system/${el.lease}` },
    { label: 'identity', value: el.identity },
  ]
  if (el.leading) {
    facts.push({ label: 'last renewed', value: el.renewedAt === null ? '—' : `${seconds(now - el.renewedAt)} ago (every ${retryPeriodMs / 1000} s; gives up after ${renewDeadlineMs / 1000} s)` })
  } else if (el.observed) {
    const expires = el.observedAt + leaseDurationSeconds * 1000
    facts.push({ label: 'lease held by', value: holder })
    facts.push({ label: 'may take it', value: holder === 'nobody' || now >= expires ? 'at its next try' : `in ${seconds(expires - now)} (${leaseDurationSeconds} s after it last saw the record change)` })
  } else facts.push({ label: 'lease held by', value: 'not read yet' })
  return facts
}

/** One component's live state, or null when no actor has that id. */
export function inspectActor(world: World, id: string): ActorInspection | null {
  const a = world.actors[id]
  if (!a) return null
  const { facts, sections } = read(a, world)
  const el = a.running ? electorOf(a.state) : undefined
  return {
    id: a.id,
    kind: a.kind,
    running: a.running,
    ...(a.node !== undefined ? { node: a.node } : {}),
    atMs: world.now,
    facts: el ? [...electionFacts(el, world.now), ...facts] : facts,
    sections,
  }
}
