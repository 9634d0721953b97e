import { memo } from 'react'
import { BaseEdge, type EdgeProps } from '@xyflow/react'
import { selectSelectedFlowId } from '../../../state/selectors.ts'
import { useSimStore } from '../../../state/sim-store.ts'
import { useUiStore } from '../../../state/ui-store.ts'
import { linkId, polylinePath, type Point } from '../layout.ts'

export interface LinkData extends Record<string, unknown> {
  points: Point[]
}

/** A possible channel between two components; drawn bold while the selected flow uses it. */
export const LinkEdge = memo(function LinkEdge({ id, data }: EdgeProps) {
  const selectedId = useUiStore(selectSelectedFlowId)
  const highlighted = useSimStore((s) => {
    if (selectedId === null) return false
    const f = s.flows.find((x) => x.id === selectedId)
    return f !== undefined && linkId(f.from, f.to) === id
  })
  const points = (data as LinkData | undefined)?.points ?? []
  return (
    <BaseEdge
      id={id}
      path={polylinePath(points)}
      className={highlighted ? 'link link--highlighted' : 'link'}
    />
  )
})
