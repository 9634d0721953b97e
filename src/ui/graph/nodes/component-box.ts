/**
 * What every component box on the graph shares, whatever it draws inside: the arrival pulse and
 * the box's attributes (state for e2e and CSS, its name, and the inspector on click or Enter).
 */
import { useEffect, type CSSProperties, type HTMLAttributes, type KeyboardEvent } from 'react'
import { useAnimate } from 'motion/react'
import type { ActorView } from '../../../sim/protocol.ts'
import { inspectActor } from '../../../state/actor-inspection.ts'
import { onPulse } from '../../flows/pulses.ts'
import { actorDisplayName, actorStyles } from '../actor-styles.ts'

/** The box pulses when a message arrives at it; returns the ref for the box. */
export function usePulse(id: string): ReturnType<typeof useAnimate<HTMLDivElement>>[0] {
  const [scope, animate] = useAnimate<HTMLDivElement>()
  useEffect(
    () =>
      onPulse(id, () => {
        if (!scope.current) return
        animate(
          scope.current,
          { boxShadow: ['0 0 0 0px var(--accent)', '0 0 0 6px var(--accent-soft)', '0 0 0 0px var(--accent)'] },
          { duration: 0.6, ease: 'easeOut' },
        )
      }),
    [id, animate, scope],
  )
  return scope
}

type BoxProps = HTMLAttributes<HTMLDivElement> & Record<`data-${string}`, string | boolean>

export function componentBoxProps(actor: ActorView, extraClass = ''): BoxProps {
  const style = actorStyles[actor.kind]
  const dimmed = !actor.running || actor.dormant !== undefined
  const open = (): void => inspectActor(actor.id)
  return {
    className: `component${dimmed ? ' component--dimmed' : ''}${extraClass ? ` ${extraClass}` : ''}`,
    'data-actor-kind': actor.kind,
    'data-running': actor.running,
    'data-stopped': !actor.running && actor.dormant === undefined,
    'data-partitioned': actor.partitioned === true,
    style: { '--accent': style.color } as CSSProperties,
    title: actor.dormant ?? style.role,
    'data-testid': `component.${actor.id}`,
    role: 'button',
    tabIndex: 0,
    'aria-label': `${actorDisplayName(actor.id, actor.kind)}${actor.node ? ` on ${actor.node}` : ''}: open the inspector`,
    onClick: open,
    onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault()
        open()
      }
    },
  }
}
