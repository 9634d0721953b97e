/**
 * Leader election of kube-scheduler and kube-controller-manager (FIDELITY.md §7; client-go
 * tools/leaderelection with a Lease lock and the component-base defaults: leaseDuration 15 s,
 * renewDeadline 10 s, retryPeriod 2 s; kube-scheduler sets ReleaseOnCancel, kube-controller-manager
 * does not).
 */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../protocol.ts'
import { loadScenario } from '../../scenarios/index.ts'
import { createSimulation } from '../index.ts'
import { TestCluster, withoutEtcdQuorum } from '../testing/test-cluster.ts'

interface LeaseSpec {
  holderIdentity?: string
  leaseDurationSeconds?: number
  leaseTransitions?: number
  acquireTime?: string
  renewTime?: string
}

const lease = (c: TestCluster, name: string): LeaseSpec => c.object(`/registry/leases/kube-system/${name}`)!.spec as LeaseSpec
const leasePut = (name: string) => `PUT /apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`
const leaseGet = (name: string) => `GET /apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`
const fact = (c: TestCluster, id: string, label: string) => c.sim.inspect(id)?.facts.find((f) => f.label === label)?.value
const status = (c: TestCluster, id: string) => c.sim.actors().find((a) => a.id === id)?.status

function leaderEvents(c: TestCluster): KObject[] {
  return Object.entries(c.sim.objects())
    .filter(([k, o]) => k.startsWith('/registry/events/kube-system/') && o.reason === 'LeaderElection')
    .map(([, o]) => o)
}

describe('leader election', () => {
  it('both hold a Lease in kube-system from the start and renew it every 2 s', () => {
    const c = new TestCluster()
    for (const name of ['kube-scheduler', 'kube-controller-manager']) {
      const spec = lease(c, name)
      expect(spec.holderIdentity).toMatch(/^control-plane_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(spec).toMatchObject({ leaseDurationSeconds: 15, leaseTransitions: 0 })
    }
    c.run(7_000)
    const renewals = c.flows({ from: 'kube-scheduler:0', label: leasePut('kube-scheduler') })
    // Every retryPeriod after the last renewal returned (wait.Until is sliding): 2 s, then 2 s plus a round trip.
    expect(renewals.map((f) => f.sentAt)).toEqual([2_000, expect.any(Number), expect.any(Number)])
    expect(renewals[1]!.sentAt - renewals[0]!.sentAt).toBeGreaterThanOrEqual(2_000)
    expect(renewals[1]!.sentAt - renewals[0]!.sentAt).toBeLessThan(2_100)
    expect(renewals.every((f) => f.ambient)).toBe(true)
    expect(lease(c, 'kube-scheduler').renewTime).toMatch(/^2026-01-01T00:00:0[46]\.\d{6}Z$/)
    const table = c.kubectl('get leases -n kube-system').stdout.split('\n')
    expect(table[0]).toMatch(/^NAME\s+HOLDER\s+AGE$/)
    expect(table).toContainEqual(expect.stringMatching(/^kube-controller-manager\s+control-plane_\S+\s+\d+s$/))
    expect(table).toContainEqual(expect.stringMatching(/^kube-scheduler\s+control-plane_\S+\s+\d+s$/))
    expect(fact(c, 'kube-scheduler:0', 'leader election')).toBe('leads (Lease kube-system/kube-scheduler)')
  })

  it('kube-scheduler releases its Lease when stopped, and a new process takes it at its first try', () => {
    const c = new TestCluster()
    c.run(3_000)
    const before = lease(c, 'kube-scheduler').holderIdentity
    const stopAt = c.sim.now()
    c.sim.fault({ kind: 'stop-component', component: 'kube-scheduler' })
    // SIGTERM: the process stays up, doing nothing else, until its release is answered.
    expect(c.sim.actors().find((a) => a.id === 'kube-scheduler:0')).toMatchObject({ running: true, status: 'releasing its lease' })
    c.run(100)
    // ReleaseOnCancel (leaderelection.go release): no holder, a 1 s duration, the transition count kept.
    expect(lease(c, 'kube-scheduler')).toMatchObject({ holderIdentity: '', leaseDurationSeconds: 1, leaseTransitions: 0 })
    const release = c.flows({ from: 'kube-scheduler:0', label: leasePut('kube-scheduler') }).find((f) => f.sentAt === stopAt)!
    const answer = c.flows({ to: 'kube-scheduler:0', kind: 'apiserver.response' }).find((f) => f.sentAt >= release.arrivesAt && f.label === '200 OK')!
    // The answer reaches the process (it is not drawn dropped), which exits then and not before.
    expect(answer.outcome).toBe('delivered')
    expect(c.sim.actors().find((a) => a.id === 'kube-scheduler:0')!.running).toBe(false)
    expect(c.flows({ to: 'kube-scheduler:0' }).filter((f) => f.sentAt >= stopAt && f.outcome === 'dropped')).toEqual([])
    c.kubectl('run web --image=nginx:1.27')
    c.run(5_000)
    expect(c.status('web')).toBe('Pending')
    const startAt = c.sim.now()
    c.sim.fault({ kind: 'start-component', component: 'kube-scheduler' })
    c.runUntil(() => c.status('web') === 'Running', 30_000)
    const taken = c.flows({ from: 'kube-scheduler:0', label: leasePut('kube-scheduler') }).find((f) => f.sentAt >= startAt)!
    expect(taken.sentAt - startAt).toBeLessThan(20)
    const now = lease(c, 'kube-scheduler')
    expect(now.holderIdentity).not.toBe(before)
    expect(now).toMatchObject({ leaseDurationSeconds: 15, leaseTransitions: 1 })
    const [event] = leaderEvents(c)
    expect(event).toMatchObject({ type: 'Normal', reason: 'LeaderElection', message: `${now.holderIdentity} became leader`, source: { component: 'default-scheduler' } })
    expect(event!.involvedObject).toMatchObject({ kind: 'Lease', namespace: 'kube-system', name: 'kube-scheduler' })
  })

  it('stopped and started at the same instant, kube-scheduler exits after its release and a new process starts at once', () => {
    const c = new TestCluster()
    c.run(3_000)
    const before = lease(c, 'kube-scheduler').holderIdentity
    c.sim.fault({ kind: 'stop-component', component: 'kube-scheduler' })
    c.sim.fault({ kind: 'start-component', component: 'kube-scheduler' })
    c.run(200)
    const now = lease(c, 'kube-scheduler')
    expect(c.sim.actors().find((a) => a.id === 'kube-scheduler:0')!.running).toBe(true)
    expect(now.holderIdentity).not.toBe(before)
    expect(now).toMatchObject({ leaseDurationSeconds: 15, leaseTransitions: 1 })
  })

  it('a release etcd cannot commit fails, and the process exits on that answer and stays stopped', () => {
    const c = withoutEtcdQuorum()
    c.run(500)
    const stopAt = c.sim.now()
    c.sim.fault({ kind: 'stop-component', component: 'kube-scheduler' })
    c.runUntil(() => !c.sim.actors().find((a) => a.id === 'kube-scheduler:0')!.running, 20_000)
    // kube-apiserver gives up on etcd after its request timeout and answers 500 ("Failed to release
    // lease"); the process exits then, within release's own limit of renewDeadline (10 s).
    const answer = c.flows({ to: 'kube-scheduler:0', kind: 'apiserver.response' }).find((f) => f.sentAt > stopAt)!
    expect(answer).toMatchObject({ label: '500 Internal Server Error', outcome: 'delivered' })
    expect(c.sim.now()).toBe(answer.arrivesAt)
    expect(c.sim.now() - stopAt).toBeLessThan(10_000)
    // Stopped by a person: nobody starts it again.
    c.run(5_000)
    expect(c.sim.actors().find((a) => a.id === 'kube-scheduler:0')!.running).toBe(false)
  })

  it('a restarted kube-controller-manager waits 15 s from its first read of the Lease before any controller runs', () => {
    const c = new TestCluster()
    c.run(3_000)
    const old = lease(c, 'kube-controller-manager').holderIdentity
    c.sim.fault({ kind: 'stop-component', component: 'kube-controller-manager' })
    c.run(5_000)
    // No release: the Lease still names the stopped process.
    expect(lease(c, 'kube-controller-manager').holderIdentity).toBe(old)
    const startAt = c.sim.now()
    c.sim.fault({ kind: 'start-component', component: 'kube-controller-manager' })
    c.kubectl('create deployment web --image=nginx:1.27 --replicas=2')
    c.run(1_000)
    expect(status(c, 'kube-controller-manager:0')).toBe('waiting for its lease')
    expect(fact(c, 'kube-controller-manager:0', 'lease held by')).toBe(old)
    expect(fact(c, 'kube-controller-manager:0', 'may take it')).toMatch(/^in 1[34]\.\d s \(15 s after it last saw the record change\)$/)
    // Its informers start only once it leads (cmd/kube-controller-manager: in the leader callback).
    expect(c.flows({ from: 'kube-controller-manager:0', kind: 'apiserver.list' }).filter((f) => f.sentAt >= startAt)).toEqual([])
    c.runUntil(() => lease(c, 'kube-controller-manager').holderIdentity !== old, 30_000)
    const firstRead = c.flows({ from: 'kube-controller-manager:0', label: leaseGet('kube-controller-manager') }).find((f) => f.sentAt >= startAt)!
    const taken = c.flows({ from: 'kube-controller-manager:0', label: leasePut('kube-controller-manager') }).find((f) => f.sentAt >= startAt)!
    expect(taken.sentAt - firstRead.arrivesAt).toBeGreaterThanOrEqual(15_000)
    expect(taken.sentAt - firstRead.arrivesAt).toBeLessThan(15_000 + 4_400 + 10)
    expect(c.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n')
    c.runUntil(() => c.kubectl('get pods').stdout.split('\n').filter((l) => /^web-/.test(l)).length === 2, 30_000)
    expect(lease(c, 'kube-controller-manager').leaseTransitions).toBe(1)
    expect(status(c, 'kube-controller-manager:0')).toBeUndefined()
  })

  it('without etcd quorum a leader cannot renew: after 10 s it exits, the kubelet starts it again, and it leads once etcd answers and 15 s have passed', () => {
    const c = withoutEtcdQuorum()
    const renewals = () => c.flows({ from: 'kube-scheduler:0', label: leasePut('kube-scheduler') })
    c.run(9_500)
    const lastRound = renewals().at(-1)!
    // The round began with that renewal; 10 s later the process is gone, and back 1 s after that.
    c.runUntil(() => !c.sim.actors().find((a) => a.id === 'kube-scheduler:0')!.running, 20_000)
    expect(c.sim.now()).toBe(lastRound.sentAt + 10_000)
    c.runUntil(() => c.sim.actors().find((a) => a.id === 'kube-scheduler:0')!.running, 5_000)
    expect(c.sim.now()).toBe(lastRound.sentAt + 11_000)
    // The new process's LISTs (resourceVersion=0) come from the watch cache: no hop to etcd.
    c.run(100)
    const relist = c.flows({ from: 'kube-scheduler:0', kind: 'apiserver.list' }).at(-1)!
    expect(relist.label).toContain('resourceVersion=0')
    expect(c.flows({ kind: 'apiserver.response', to: 'kube-scheduler:0' }).some((f) => f.causeId === relist.id && f.label === '200 OK')).toBe(true)
    expect(c.flows({ kind: 'etcd.range' }).some((f) => f.causeId === relist.id)).toBe(false)
    expect(status(c, 'kube-scheduler:0')).toBe('waiting for its lease')
    c.sim.fault({ kind: 'start-etcd-member', member: 1 })
    c.run(2_000)
    expect(c.kubectl('run late --image=nginx:1.27').stdout).toBe('pod/late created\n')
    c.runUntil(() => status(c, 'kube-scheduler:0') === undefined, 40_000)
    const acquiredAt = c.sim.now()
    expect(lease(c, 'kube-scheduler').leaseTransitions).toBe(1)
    const firstRead = c.flows({ from: 'kube-scheduler:0', label: leaseGet('kube-scheduler') }).find((f) => f.sentAt >= lastRound.sentAt + 11_000)!
    expect(acquiredAt - firstRead.sentAt).toBeGreaterThanOrEqual(15_000)
    // The pod created meanwhile waited for a leader: its binding comes only now.
    expect(c.status('late')).toBe('Pending')
    c.runUntil(() => c.status('late') === 'Running', 30_000)
    expect(c.flows({ from: 'kube-scheduler:0', label: 'POST /api/v1/namespaces/default/pods/late/binding' })[0]!.sentAt).toBeGreaterThanOrEqual(acquiredAt)
    // Each turn of the loop is a root: the cause chain of a renewal does not grow turn after turn.
    c.run(10_000)
    const renewal = renewals().at(-1)!
    expect(c.causeChain(renewal.id).map((f) => f.id)).toEqual([renewal.id])
  })

  it('seeking back across an exit and a restart replays them exactly', () => {
    const lesson = loadScenario('lesson-etcd-quorum')
    const straight = createSimulation(lesson)
    straight.runUntil(lesson.untilMs)
    const sim = createSimulation(lesson)
    sim.runUntil(lesson.untilMs)
    // Back to before the leaders gave up (about 27 s), then on to the end again.
    sim.seek(20_000)
    sim.runUntil(lesson.untilMs)
    expect(sim.traceHash()).toBe(straight.traceHash())
    expect(sim.flows().length).toBe(straight.flows().length)
  })

  it('kube-controller-manager stopped while it waits for its Lease starts its informers when started and leading again', () => {
    const c = new TestCluster()
    c.run(3_000)
    c.sim.fault({ kind: 'stop-component', component: 'kube-controller-manager' })
    c.sim.fault({ kind: 'start-component', component: 'kube-controller-manager' })
    c.run(2_000)
    expect(status(c, 'kube-controller-manager:0')).toBe('waiting for its lease')
    // Stopped again before it led: it had opened no watch, and still its next process knows them all.
    c.sim.fault({ kind: 'stop-component', component: 'kube-controller-manager' })
    c.sim.fault({ kind: 'start-component', component: 'kube-controller-manager' })
    const startAt = c.sim.now()
    const lists = () => c.flows({ from: 'kube-controller-manager:0', kind: 'apiserver.list' }).filter((f) => f.sentAt >= startAt)
    c.runUntil(() => lists().length > 0, 30_000)
    expect(status(c, 'kube-controller-manager:0')).toBeUndefined()
    expect(lists().length).toBeGreaterThanOrEqual(15)
    expect(lists().map((f) => f.label)).toContain('GET /apis/apps/v1/deployments?limit=500&resourceVersion=0')
  })

  it('a process stopped between its exit and its restart stays stopped', () => {
    const c = withoutEtcdQuorum()
    const running = () => c.sim.actors().find((a) => a.id === 'kube-scheduler:0')!.running
    c.runUntil(() => !running(), 20_000)
    c.sim.fault({ kind: 'stop-component', component: 'kube-scheduler' })
    c.run(5_000)
    expect(running()).toBe(false)
  })
})
