/**
 * What this release of the engine can run. A scenario that asks for more is refused by name, with a
 * one-line reason, instead of silently doing less.
 */
import type { Scenario } from '../protocol.ts'

export function unsupportedFeature(scenario: Scenario): string | null {
  const c = scenario.cluster
  if (c.controlPlane.apiservers !== 1)
    return `cluster.controlPlane.apiservers: ${c.controlPlane.apiservers} kube-apiservers are not simulated yet (only 1)`
  const addon = c.addons.findIndex((a) => a !== 'coredns' && a !== 'ingress-nginx')
  if (addon >= 0) return `cluster.addons[${addon}]: add-on "${c.addons[addon]}" is not simulated yet (known: coredns, ingress-nginx)`
  // Nodes known when each step fires: the cluster's, then those that join (script order by time).
  const joined = new Set(c.nodes.map((n) => n.name))
  const order = [...scenario.script.entries()].sort(([ia, a], [ib, b]) => a.atMs - b.atMs || ia - ib)
  for (const [i, step] of order) {
    if ('addNode' in step) joined.add(step.addNode.name)
    if ('fault' in step) {
      const f = step.fault
      if (f.kind === 'add-node') joined.add(f.node)
      if ((f.kind === 'stop-etcd-member' || f.kind === 'start-etcd-member') && c.controlPlane.etcd === 1)
        return `script[${i}].fault: ${f.kind} needs an etcd cluster (controlPlane.etcd: 3 or 5); stopping the only member is not simulated yet`
      if ((f.kind === 'stop-component' || f.kind === 'start-component') && f.component !== 'kube-scheduler' && f.component !== 'kube-controller-manager')
        return `script[${i}].fault: ${f.kind} of ${f.component} is not simulated yet (kube-scheduler, kube-controller-manager)`
      if ('node' in f && !joined.has(f.node)) return `script[${i}].fault.node: no node "${f.node}" in cluster.nodes`
    }
  }
  return null
}
