/**
 * etcd as a three-member Raft cluster (FIDELITY.md §7; etcd-io/raft with etcd's defaults:
 * --heartbeat-interval=100ms, --election-timeout=1000ms, PreVote and CheckQuorum on, request
 * timeout 5 s + 2 × election timeout = 7 s).
 */
import { describe, expect, it } from 'vitest'
import { scenario, TestCluster } from '../../testing/test-cluster.ts'

const ha = (members = 3) => new TestCluster(scenario({ cluster: { ...scenario().cluster, controlPlane: { apiservers: 1, etcd: members } } }))

/** A cluster that ran 1 s, then lost etcd-1 and etcd-2: one member of three is left. */
function withoutQuorum(): TestCluster {
  const c = ha()
  c.run(1_000)
  c.sim.fault({ kind: 'stop-etcd-member', member: 1 })
  c.sim.fault({ kind: 'stop-etcd-member', member: 2 })
  return c
}

/** One fact of a member's inspector view (`raft role`, `term`, `leader`, `revision`, …). */
function fact(c: TestCluster, member: number, label: string): string | undefined {
  return c.sim.inspect(`etcd:${member}`)?.facts.find((f) => f.label === label)?.value
}

describe('an etcd cluster of three members', () => {
  it('commits a write once a quorum holds it, and every member applies it', () => {
    const c = ha()
    c.run(500)
    expect(c.kubectl('run nginx --image=nginx:1.27').stdout).toBe('pod/nginx created\n')
    const txn = c.flows({ kind: 'etcd.txn', label: 'Txn PUT /registry/pods/default/nginx' })[0]!
    // The leader appends and sends MsgApp to both followers; the first ack makes the quorum (2 of 3).
    const appends = c.flows({ kind: 'raft.append', from: 'etcd:0' }).filter((f) => f.sentAt >= txn.arrivesAt && /1 entry/.test(f.label))
    expect(appends.map((f) => f.to).sort()).toEqual(['etcd:1', 'etcd:2'])
    const commit = c.flows({ kind: 'raft.append-response', to: 'etcd:0' }).find((f) => f.stages?.some((s) => s.name === 'txn' && /committed at revision/.test(s.detail)))!
    expect(commit.sentAt).toBeGreaterThan(txn.arrivesAt)
    c.run(200)
    for (const m of [0, 1, 2]) expect(fact(c, m, 'revision')).toBe(fact(c, 0, 'revision'))
    expect(fact(c, 1, 'raft role')).toBe('follower')
    expect(fact(c, 1, 'leader')).toBe('etcd:0')
  })

  it('forwards a write a follower takes to the leader (MsgProp)', () => {
    const c = ha()
    c.kubectl('run nginx --image=nginx:1.27')
    // The apiserver's client takes the members in turn: the scheduler's binding and the events follow.
    c.run(3_000)
    const viaFollower = c.flows({ kind: 'etcd.txn' }).find((f) => f.to !== 'etcd:0')!
    expect(viaFollower.stages?.[0]?.detail).toBe('follower: forwarded to the leader, etcd-0')
    const forward = c.flows({ kind: 'raft.propose', from: viaFollower.to })[0]!
    expect(forward.to).toBe('etcd:0')
    expect(forward.causeId).toBe(viaFollower.id)
  })

  it('serves a read after the leader confirms it leads (ReadIndex)', () => {
    const c = ha()
    c.kubectl('run nginx --image=nginx:1.27')
    expect(c.kubectl('get pods').stdout).toMatch(/^NAME {4}READY/)
    const range = c.flows({ kind: 'etcd.range' }).at(-1)!
    const confirm = c.flows({ kind: 'raft.heartbeat', label: /read index/ }).filter((f) => f.sentAt >= range.arrivesAt)
    expect(confirm.length).toBeGreaterThan(0)
  })

  it('sends heartbeats every 100 ms to each follower', () => {
    const c = ha()
    c.run(1_000)
    const beats = c.flows({ kind: 'raft.heartbeat', to: 'etcd:1' }).filter((f) => !/read index/.test(f.label))
    expect(beats.map((f) => f.sentAt)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000])
    expect(beats.every((f) => f.ambient)).toBe(true)
  })

  it('elects a new leader after the leader stops: pre-vote, then vote, term 3', () => {
    const c = ha()
    c.run(1_000)
    expect(c.sim.fault({ kind: 'stop-etcd-member', member: 0 })).toBeNull()
    c.run(3_000)
    const newLeader = [1, 2].find((m) => fact(c, m, 'raft role') === 'leader')!
    expect(newLeader).toBeDefined()
    expect(fact(c, newLeader, 'term')).toBe('3')
    const pre = c.flows({ kind: 'raft.vote', from: `etcd:${newLeader}`, label: 'MsgPreVote term 3' })[0]!
    // No heartbeat for the randomized election timeout (1 000–1 900 ms after the last one at 1 000 ms).
    expect(pre.sentAt).toBeGreaterThanOrEqual(2_000)
    expect(pre.sentAt).toBeLessThan(3_000)
    expect(c.flows({ kind: 'raft.vote', from: `etcd:${newLeader}`, label: 'MsgVote term 3' })).toHaveLength(2)
    // The cluster works on with two members.
    expect(c.kubectl('run web --image=nginx:1.27').stdout).toBe('pod/web created\n')
  })

  it('loses quorum with two members down: the leader steps down and requests time out after 7 s', () => {
    const c = withoutQuorum()
    c.run(2_100)
    // CheckQuorum: no follower heard from during an election timeout.
    expect(fact(c, 0, 'raft role')).not.toBe('leader')
    expect(fact(c, 0, 'leader')).toBe('none known')
    const sent = c.sim.now()
    const answer = c.kubectl('run web --image=nginx:1.27')
    expect(answer.stderr).toBe('Error from server: etcdserver: request timed out\n')
    expect(answer.exitCode).toBe(1)
    const failed = c.flows({ kind: 'etcd.response', from: 'etcd:0' }).at(-1)!
    expect(failed.sentAt - sent).toBeGreaterThanOrEqual(7_000)
    expect(failed.sentAt - sent).toBeLessThan(7_100)
    expect(c.kubectl('get pods').stderr).toBe('Error from server: etcdserver: request timed out\n')
  })

  it('recovers when a member comes back: a leader again, the member caught up', () => {
    const c = withoutQuorum()
    c.run(3_000)
    c.sim.fault({ kind: 'start-etcd-member', member: 2 })
    c.run(3_000)
    expect([0, 2].some((m) => fact(c, m, 'raft role') === 'leader')).toBe(true)
    expect(c.kubectl('run web --image=nginx:1.27').stdout).toBe('pod/web created\n')
    c.sim.fault({ kind: 'start-etcd-member', member: 1 })
    c.run(2_000)
    expect(fact(c, 1, 'revision')).toBe(fact(c, 2, 'revision'))
    expect(fact(c, 1, 'raft role')).toBe('follower')
  })

  it('moves the watch cache stream off a stopped member without losing a write', () => {
    const c = ha()
    c.run(500)
    c.sim.fault({ kind: 'stop-etcd-member', member: 0 })
    c.run(3_000)
    c.kubectl('run web --image=nginx:1.27')
    // The scheduler hears of the pod through the moved stream and binds it.
    c.runUntil(() => !!(c.pod('web')?.spec as { nodeName?: string } | undefined)?.nodeName, 10_000)
    expect(c.flows({ kind: 'etcd.watch-create', label: /^Watch \/registry\/ \(prefix\) from rev/ })).toHaveLength(1)
  })

  it('gives the same trace for the same scenario', () => {
    const run = () => {
      const c = ha(5)
      c.kubectl('run nginx --image=nginx:1.27')
      c.sim.fault({ kind: 'stop-etcd-member', member: 0 })
      c.run(5_000)
      c.kubectl('get pods')
      return c.sim.traceHash()
    }
    expect(run()).toBe(run())
  })
})
