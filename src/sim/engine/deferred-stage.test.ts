import { describe, expect, it } from 'vitest'
import { createSimulation } from '../index.ts'
import { scenario, TestCluster } from '../testing/test-cluster.ts'
import { plainStage, stageTemplate } from './deferred-stage.ts'

const storedKey = stageTemplate('storage', 'ok', (key: string, revision: number) => `${key} stored at resourceVersion ${revision}`)

describe('stages whose text is written on read', () => {
  it('read as an ordinary stage, and copy out as plain data with the text', () => {
    const stage = storedKey.of('/registry/pods/default/web', 42)
    expect([stage.name, stage.outcome]).toEqual(['storage', 'ok'])
    expect(stage.detail).toBe('/registry/pods/default/web stored at resourceVersion 42')
    const plain = { name: 'storage', outcome: 'ok', detail: '/registry/pods/default/web stored at resourceVersion 42' }
    expect(plainStage(stage)).toStrictEqual(plain)
    expect(JSON.parse(JSON.stringify(stage))).toStrictEqual(plain)
    // What must not happen: a clone the page receives without the text, or with the format function in it.
    expect(structuredClone(plainStage(stage))).toStrictEqual(plain)
    // Fields are private: a copy by fields never carries the format function (structured clone would throw on it).
    expect(() => structuredClone(stage)).not.toThrow()
    expect(Object.keys(stage)).toEqual([])
  })

  it('the stages of a pod create and its binding read as the real texts, in order', () => {
    const c = new TestCluster()
    c.kubectl('run web --image=nginx:1.27')
    c.runUntil(() => c.status('web') === 'Running')
    const create = c.flows({ from: 'kubectl', kind: 'apiserver.create' })[0]!
    expect(create.stages?.find((s) => s.name === 'storage')?.detail).toBe('Txn If(create_revision(/registry/pods/default/web) == 0) Then Put')
    const binding = c.flows({ kind: 'apiserver.create' }).find((f) => f.label.endsWith('/pods/web/binding'))!
    expect(binding.stages?.map((s) => `${s.name}: ${s.detail}`)).toContainEqual(
      expect.stringMatching(/^storage: GuaranteedUpdate \/registry\/pods\/default\/web: Txn If\(mod_revision == \d+\) Then Put$/),
    )
    expect(binding.stages?.find((s) => s.name === 'admission' && s.detail.startsWith('Binding'))?.detail).toBe(`Binding of default/web to node ${(c.pod('web')!.spec as { nodeName: string }).nodeName}`)
    // etcd's commit and the apiserver's answer go on the flows that carried the txn and its reply.
    const texts = c.sim.flows().flatMap((f) => (f.stages ?? []).map((s) => `${s.name}: ${s.detail}`))
    expect(texts.filter((t) => /^txn: committed at revision \d+$/.test(t)).length).toBeGreaterThanOrEqual(2)
    expect(texts).toContainEqual(expect.stringMatching(/^response: 201 Created, resourceVersion \d+$/))
    expect(texts).toContainEqual(expect.stringMatching(/^response: stored at resourceVersion \d+$/))
  })

  it('a checkpoint taken while a binding travels restores it with the scheduler stage texts', () => {
    const first = new TestCluster()
    first.kubectl('run web --image=nginx:1.27')
    first.runUntil(() => first.status('web') === 'Running')
    const sent = first.flows({ kind: 'apiserver.create' }).find((f) => f.label.endsWith('/pods/web/binding'))!
    const texts = sent.stages!.map((s) => s.detail)
    expect(texts[0]).toMatch(/node-\d/)
    expect(sent.arrivesAt).toBeGreaterThan(sent.sentAt + 1)
    // The same run with its first checkpoint while the request travels, then back to that checkpoint.
    const sim = createSimulation(scenario(), { checkpointEveryMs: sent.sentAt + 1 })
    sim.kubectl('run web --image=nginx:1.27')
    sim.runUntil(sent.sentAt + 20_000)
    sim.seek(sent.sentAt + 1)
    const restored = sim.flows()[Number(sent.id.slice(5)) - 1]!
    expect(restored.label).toBe(sent.label)
    expect(restored.outcome).toBe('in-flight')
    expect(restored.stages?.map((s) => s.detail)).toEqual(texts.slice(0, restored.stages!.length))
  })
})

describe('the delete a removed finalizer makes', () => {
  it('reads as the conditional Delete of the object it removes', () => {
    const c = new TestCluster()
    c.kubectlStdin('create -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers: [example.com/hold]\n')
    c.kubectl('delete configmap held --wait=false')
    c.kubectl(`patch configmap held --type=merge -p '{"metadata":{"finalizers":[]}}'`)
    const texts = c.sim.flows().flatMap((f) => (f.stages ?? []).map((s) => s.detail))
    expect(texts).toContainEqual(expect.stringMatching(/^the last finalizer is gone: Txn If\(mod_revision\(\/registry\/configmaps\/default\/held\) == \d+\) Then Delete$/))
    expect(c.object('/registry/configmaps/default/held')).toBeUndefined()
  })
})
