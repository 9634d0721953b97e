import { describe, expect, it } from 'vitest'
import { adminRequest, createObject, deleteObject } from '../../testing/admin-requests.ts'
import { TestCluster } from '../../testing/test-cluster.ts'
import { nextRun, parseSchedule } from './cron.ts'
import { computeHash, safeEncode } from './hash.ts'
import { activePods, eventsOf, list, pods, readyPods } from './workload-fixtures.ts'

const container = (extra: Record<string, unknown> = {}) => ({ name: 'c', image: 'busybox:1.36', ...extra })

describe('job controller', () => {
  it('a Job with completions 3 and parallelism 2 runs at most 2 pods at a time and ends Complete', () => {
    const c = new TestCluster()
    createObject(c.sim, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { completions: 3, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [container({ command: ['sh', '-c', 'sleep 2; exit 0'] })] } } },
    })
    let maxActive = 0
    c.runUntil(() => {
      maxActive = Math.max(maxActive, activePods(c).length)
      const conds = (c.object('/registry/jobs/default/pi')?.status as { conditions?: { type: string }[] } | undefined)?.conditions ?? []
      return conds.some((x) => x.type === 'Complete')
    }, 120_000)
    const job = c.object('/registry/jobs/default/pi')!
    expect(maxActive).toBe(2)
    expect(job.status).toMatchObject({ succeeded: 3, conditions: [{ type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached' }, { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' }] })
    expect((job.status as { completionTime?: string }).completionTime).toBeDefined()
    expect(pods(c)).toHaveLength(3)
    expect(pods(c).every((p) => p.metadata.labels!['job-name'] === 'pi' && p.metadata.labels!['batch.kubernetes.io/controller-uid'] === job.metadata.uid)).toBe(true)
    expect(eventsOf(c, 'Completed')).toEqual(['Job completed'])
    expect(eventsOf(c, 'SuccessfulCreate')).toHaveLength(3)
  })

  it('counts failures against backoffLimit and fails the Job with BackoffLimitExceeded', () => {
    const c = new TestCluster()
    createObject(c.sim, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'bad', namespace: 'default' }, spec: { backoffLimit: 1, template: { spec: { restartPolicy: 'Never', containers: [container({ command: ['sh', '-c', 'exit 1'] })] } } } })
    c.runUntil(() => ((c.object('/registry/jobs/default/bad')?.status as { conditions?: { type: string }[] } | undefined)?.conditions ?? []).some((x) => x.type === 'Failed'), 120_000)
    expect(c.object('/registry/jobs/default/bad')!.status).toMatchObject({ failed: 2 })
    expect(eventsOf(c, 'BackoffLimitExceeded')).toEqual(['Job has reached the specified backoff limit'])
  })
})

describe('replication controller, daemonset, statefulset', () => {
  it('a ReplicationController keeps its replicas under the replication-controller name', () => {
    const c = new TestCluster()
    createObject(c.sim, { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, selector: { app: 'web' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } })
    c.runUntil(() => readyPods(c).length === 2)
    expect(c.object('/registry/controllers/default/web')).toBeDefined()
    expect(c.sim.events().filter((e) => e.reason === 'SuccessfulCreate').every((e) => e.involvedObject.kind === 'ReplicationController')).toBe(true)
    expect(c.flows({ label: 'POST /api/v1/namespaces/default/pods' }).every((f) => f.via === 'replicationcontroller-controller')).toBe(true)
  })

  it('a DaemonSet runs one pod per node, pinned by node affinity, with the daemon tolerations', () => {
    const c = new TestCluster()
    createObject(c.sim, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } })
    c.runUntil(() => readyPods(c).length === 3)
    const nodes = pods(c).map((p) => (p.spec as { nodeName: string }).nodeName).sort()
    expect(nodes).toEqual(['node-1', 'node-2', 'node-3'])
    for (const p of pods(c)) {
      const spec = p.spec as { nodeName: string; affinity: unknown; tolerations: { key: string }[] }
      expect(spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [spec.nodeName] }] }] } } })
      expect(spec.tolerations.map((t) => t.key)).toEqual(expect.arrayContaining(['node.kubernetes.io/unschedulable', 'node.kubernetes.io/disk-pressure']))
    }
    c.run(2000)
    expect(c.object('/registry/daemonsets/default/agent')!.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3 })
  })

  it('a StatefulSet creates web-0, web-1, web-2 in order, each after the previous is Running and Ready', () => {
    const c = new TestCluster()
    createObject(c.sim, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 3, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } })
    c.runUntil(() => readyPods(c).length === 3)
    const creates = c.flows({ label: 'POST /api/v1/namespaces/default/pods' })
    expect(creates).toHaveLength(3)
    const created = (n: string): number => c.object(`/registry/pods/default/${n}`)!.metadata.creationTimestamp ? Date.parse(String(c.object(`/registry/pods/default/${n}`)!.metadata.creationTimestamp)) : 0
    expect(created('web-0')).toBeLessThan(created('web-1'))
    expect(created('web-1')).toBeLessThan(created('web-2'))
    expect(eventsOf(c, 'SuccessfulCreate')).toEqual(['create Pod web-0 in StatefulSet web successful', 'create Pod web-1 in StatefulSet web successful', 'create Pod web-2 in StatefulSet web successful'])
    expect(pods(c)[0]!.spec).toMatchObject({ hostname: 'web-0', subdomain: 'web' })
  })
})

describe('cronjob controller', () => {
  it('parses schedules and finds the next minute in UTC', () => {
    const s = parseSchedule('*/5 * * * *')!
    expect(new Date(nextRun(s, Date.parse('2026-01-01T00:00:00Z'))!).toISOString()).toBe('2026-01-01T00:05:00.000Z')
    expect(new Date(nextRun(parseSchedule('@hourly')!, Date.parse('2026-01-01T00:00:00Z'))!).toISOString()).toBe('2026-01-01T01:00:00.000Z')
    expect(parseSchedule('61 * * * *')).toBeUndefined()
  })

  it('creates the Job <name>-<minutes since the epoch> at each scheduled minute of virtual time', () => {
    const c = new TestCluster()
    createObject(c.sim, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick', namespace: 'default' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container({ command: ['sh', '-c', 'exit 0'] })] } } } } } })
    c.run(125_000)
    const jobs = list(c, '/registry/jobs/default').map((j) => String(j.metadata.name))
    const minute = Math.floor(Date.parse('2026-01-01T00:01:00Z') / 60_000)
    expect(jobs).toEqual([`tick-${minute}`, `tick-${minute + 1}`])
    expect(eventsOf(c, 'SuccessfulCreate')).toEqual(expect.arrayContaining([`Created job tick-${minute}`]))
  })
})

describe('garbage collector and namespace controller', () => {
  it('a deleted namespace is Terminating until its pods are gone, then removed', () => {
    const c = new TestCluster()
    adminRequest(c.sim, 'create', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } })
    c.runUntil(() => !!c.object('/registry/serviceaccounts/team/default'))
    createObject(c.sim, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } })
    c.runUntil(() => readyPodsIn(c, 'team') === 1)
    deleteObject(c.sim, 'Namespace', 'team', undefined as never)
    c.run(50)
    expect((c.object('/registry/namespaces/team')!.status as { phase: string }).phase).toBe('Terminating')
    c.runUntil(() => !c.object('/registry/namespaces/team'), 120_000)
    expect(c.object('/registry/pods/team/p')).toBeUndefined()
    expect(list(c, '/registry/events/team')).toEqual([])
    expect(c.flows({ label: 'PUT /api/v1/namespaces/team/finalize' })[0]!.via).toBe('namespace-controller')
  })
})

function readyPodsIn(c: TestCluster, ns: string): number {
  return list(c, `/registry/pods/${ns}`).filter((p) => ((p.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some((x) => x.type === 'Ready' && x.status === 'True')).length
}

describe('pod-template-hash', () => {
  it('is FNV-32a printed in decimal through the safe alphabet, stable per template and changed by the collision count', () => {
    expect(safeEncode('0123456789')).toBe('cdfghjklmn'.split('').map((_, i) => 'bcdfghjklmnpqrstvwxz2456789'[(48 + i) % 27]).join(''))
    const t = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }
    expect(computeHash(t)).toBe(computeHash(structuredClone(t)))
    expect(computeHash(t)).not.toBe(computeHash(t, 1))
  })
})
