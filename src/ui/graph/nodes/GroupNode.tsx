import { memo } from 'react'
import type { NodeProps } from '@xyflow/react'

export interface GroupData extends Record<string, unknown> {
  title: string
  subtitle: string
  testId: string
}

/** A box that holds other nodes: the control plane, a worker node, the unscheduled pods. */
export const GroupNode = memo(function GroupNode({ data, type }: NodeProps) {
  const d = data as GroupData
  return (
    <div className={`group group--${type}`} data-testid={d.testId}>
      <div className="group__title">
        <span className="group__name">{d.title}</span>
        <span className="group__subtitle">{d.subtitle}</span>
      </div>
    </div>
  )
})
