/**
 * `kubectl describe pdb` (kubectl pkg/describe/describe.go describePodDisruptionBudgetV1): the
 * budget, its selector, and the disruption controller's figures under Status.
 */
import type { KObject } from '../../../protocol.ts'
import type { Event } from 'kubernetes-types/core/v1'
import { writeEvents } from './events-table.ts'
import { formatSelector } from './get-tables.ts'
import { PrefixWriter } from './prefix-writer.ts'

export function describePodDisruptionBudget(pdb: KObject, events: Event[], nowMs: number): string {
  const spec = (pdb.spec ?? {}) as { minAvailable?: number | string; maxUnavailable?: number | string; selector?: unknown }
  const status = (pdb.status ?? {}) as { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number }
  const w = new PrefixWriter()
  w.write(0, `Name:\t${pdb.metadata.name}\n`)
  w.write(0, `Namespace:\t${pdb.metadata.namespace}\n`)
  if (spec.minAvailable !== undefined) w.write(0, `Min available:\t${spec.minAvailable}\n`)
  else if (spec.maxUnavailable !== undefined) w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`)
  w.write(0, spec.selector ? `Selector:\t${formatSelector(spec.selector)}\n` : 'Selector:\t<unset>\n')
  w.write(0, 'Status:\n')
  w.write(2, `Allowed disruptions:\t${status.disruptionsAllowed ?? 0}\n`)
  w.write(2, `Current:\t${status.currentHealthy ?? 0}\n`)
  w.write(2, `Desired:\t${status.desiredHealthy ?? 0}\n`)
  w.write(2, `Total:\t${status.expectedPods ?? 0}\n`)
  writeEvents(w, events, nowMs)
  return w.render()
}
