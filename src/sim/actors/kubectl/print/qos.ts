import type { Container, Pod } from 'kubernetes-types/core/v1'
import { quantityValue } from './quantity.ts'

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort'

const computeResources = ['cpu', 'memory']

/**
 * kubectl util/qos GetPodQOS: status.qosClass as the apiserver set it, else computed the same
 * way (no cpu/memory anywhere: BestEffort; every container limits both and requests equal
 * limits: Guaranteed; otherwise Burstable).
 */
export function podQosClass(pod: Pod): QosClass {
  const stored = pod.status?.qosClass
  if (stored === 'Guaranteed' || stored === 'Burstable' || stored === 'BestEffort') return stored
  const requests = new Map<string, number>()
  const limits = new Map<string, number>()
  let guaranteed = true
  const containers: Container[] = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
  ]
  for (const c of containers) {
    for (const name of computeResources) {
      const request = quantityValue(c.resources?.requests?.[name])
      if (request > 0) requests.set(name, (requests.get(name) ?? 0) + request)
      const limit = quantityValue(c.resources?.limits?.[name])
      if (limit > 0) limits.set(name, (limits.get(name) ?? 0) + limit)
    }
    if (!computeResources.every((name) => quantityValue(c.resources?.limits?.[name]) > 0)) {
      guaranteed = false
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort'
  if (guaranteed && requests.size === limits.size) {
    if ([...requests].every(([name, value]) => limits.get(name) === value)) return 'Guaranteed'
  }
  return 'Burstable'
}
