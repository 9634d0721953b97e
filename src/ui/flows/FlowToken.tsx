import { memo, useCallback, type CSSProperties } from 'react'
import { motion } from 'motion/react'
import type { Flow } from '../../sim/protocol.ts'
import { selectFlow } from '../../state/actions.ts'
import { flowStyle } from './flow-styles.ts'

export interface FlowTokenProps {
  flow: Flow
  selected: boolean
  reduced: boolean
  register(id: string, el: HTMLDivElement | null): void
}

/**
 * One message in flight. FlowLayer moves the outer element every frame (no React render); motion
 * only handles the token's entrance and exit.
 */
export const FlowToken = memo(function FlowToken({
  flow,
  selected,
  reduced,
  register,
}: FlowTokenProps) {
  const style = flowStyle(flow.kind)
  const id = flow.id
  const ref = useCallback((el: HTMLDivElement | null) => register(id, el), [register, id])
  const classes = ['token']
  if (flow.ambient) classes.push('token--ambient')
  if (selected) classes.push('token--selected')
  return (
    <div
      ref={ref}
      className={classes.join(' ')}
      data-testid="flow.token"
      data-flow-id={flow.id}
      data-flow-kind={flow.kind}
      data-progress="0"
      style={{ '--token': style.color, visibility: 'hidden' } as CSSProperties}
      onClick={() => selectFlow(flow.id)}
    >
      <motion.div
        className="token__body"
        initial={reduced ? { opacity: 0 } : { opacity: 0, scale: 0.4 }}
        animate={{ opacity: 1, scale: 1 }}
        exit={reduced ? { opacity: 0 } : { opacity: 0, scale: 1.5 }}
        transition={{ duration: reduced ? 0.1 : 0.25 }}
      >
        <span className="token__dot" />
        <span className="token__noun">{style.noun}</span>
      </motion.div>
    </div>
  )
})
