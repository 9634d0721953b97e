import { memo, useCallback, type CSSProperties } from 'react'
import type { Flow } from '../../sim/protocol.ts'
import { selectFlow } from '../../state/actions.ts'
import { flowStyle } from './flow-styles.ts'
import './plain-token.css'

export interface PlainTokenProps {
  flow: Flow
  selected: boolean
  register(id: string, el: HTMLDivElement | null): void
}

/**
 * A data-plane token: the same look as FlowToken, but its entrance is a CSS animation and it
 * leaves at once, so a flood of requests does not start a motion animation per token (each
 * would also linger 250 ms on its way out, doubling what is drawn).
 */
export const PlainToken = memo(function PlainToken({ flow, selected, register }: PlainTokenProps) {
  const style = flowStyle(flow.kind)
  const id = flow.id
  const ref = useCallback((el: HTMLDivElement | null) => register(id, el), [register, id])
  return (
    <div
      ref={ref}
      className={`token token--plain${selected ? ' token--selected' : ''}`}
      data-testid="flow.token"
      data-flow-id={flow.id}
      data-flow-kind={flow.kind}
      data-progress="0"
      style={{ '--token': style.color, visibility: 'hidden' } as CSSProperties}
      onClick={() => selectFlow(flow.id)}
    >
      <div className="token__body">
        <span className="token__dot" />
        <span className="token__noun">{style.noun}</span>
      </div>
    </div>
  )
})
