import { describe, expect, it } from 'vitest'
import { createSimulation } from './index.ts'
import { scenario } from './testing/test-cluster.ts'

describe('cause tree', () => {
  const sim = createSimulation(
    scenario({ script: [{ atMs: 0, kubectl: 'run nginx --image=nginx:1.27' }] }),
  )
  sim.runUntil(20_000)

  it('follows a flow up to the kubectl line that started it', () => {
    const bind = sim.flows().find((f) => f.label.includes('/binding'))!
    const tree = sim.causeTree(bind.id)!
    expect(tree.chain[0]!.from).toBe('kubectl')
    expect(tree.chain.at(-1)!.id).toBe(bind.id)
    expect(tree.line).toBe('run nginx --image=nginx:1.27')
    for (let i = 1; i < tree.chain.length; i++) {
      expect(tree.chain[i]!.causeId).toBe(tree.chain[i - 1]!.id)
    }
  })

  it('a pod creation is one tree: the POST leads to the runtime starting the container', () => {
    const post = sim.flows().find((f) => f.from === 'kubectl' && f.kind === 'apiserver.create')!
    const tree = sim.causeTree(post.id)!
    expect(tree.chain).toHaveLength(1)
    const kinds = new Set(tree.descendants.map((d) => d.flow.kind))
    expect(kinds).toContain('etcd.txn')
    expect(kinds).toContain('cri.call')
    for (const d of tree.descendants) expect(d.depth).toBeGreaterThan(0)
  })

  it('answers null for an unknown flow', () => {
    expect(sim.causeTree('flow:999999')).toBeNull()
  })
})
