/**
 * What this release of the engine can run. A scenario that asks for more is refused by name, with a
 * one-line reason, instead of silently doing less.
 */
import type { Scenario } from '../protocol.ts'

export function unsupportedFeature(scenario: Scenario): string | null {
  const c = scenario.cluster
  if (c.controlPlane.apiservers !== 1)
    return `cluster.controlPlane.apiservers: ${c.controlPlane.apiservers} kube-apiservers are not simulated yet (only 1)`
  if (c.controlPlane.etcd !== 1) return `cluster.controlPlane.etcd: ${c.controlPlane.etcd} etcd members are not simulated yet (only 1)`
  if (c.cloud) return 'cluster.cloud: the cloud-controller-manager is not simulated yet (use cloud: false)'
  const addon = c.addons.findIndex((a) => a !== 'coredns')
  if (addon >= 0) return `cluster.addons[${addon}]: add-on "${c.addons[addon]}" is not simulated yet (known: coredns)`
  for (const [i, step] of scenario.script.entries()) {
    if ('fault' in step) return `script[${i}].fault: fault "${step.fault.kind}" is not simulated yet`
    if ('addNode' in step) return `script[${i}].addNode: adding a node during a run is not simulated yet`
    if ('apply' in step) return `script[${i}].apply: kubectl apply is not simulated yet`
  }
  return null
}
