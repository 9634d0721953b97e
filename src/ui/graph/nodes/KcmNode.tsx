import { memo, useEffect, useMemo, type CSSProperties } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { useAnimate } from 'motion/react'
import type { SimState } from '../../../state/sim-store.ts'
import { selectActor } from '../../../state/selectors.ts'
import { useSimStore } from '../../../state/sim-store.ts'
import { onPulse } from '../../flows/pulses.ts'
import { inspectActor } from '../../../state/actor-inspection.ts'
import { actorDisplayName, actorStyles } from '../actor-styles.ts'
import { ComponentNode } from './ComponentNode.tsx'
import { kcmControllers } from './kcm-controllers.ts'
import './kcm-node.css'

/** Names of the controllers with a request of theirs in flight, as one string (a stable value). */
function busyControllers(id: string): (s: SimState) => string {
  return (s) => {
    const busy = new Set<string>()
    for (const f of s.live) if (f.from === id && f.via) busy.add(f.via)
    return [...busy].sort().join(' ')
  }
}

/**
 * kube-controller-manager drawn with its controllers: each is a chip that lights up while one of
 * its requests travels, so a learner sees which control loop is acting.
 */
export const KcmNode = memo(function KcmNode({ id }: NodeProps) {
  const actor = useSimStore(useMemo(() => selectActor(id), [id]))
  const busy = useSimStore(useMemo(() => busyControllers(id), [id]))
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

  if (!actor) return null
  const style = actorStyles[actor.kind]
  const dimmed = !actor.running || actor.dormant !== undefined
  const lit = new Set(busy.split(' '))
  return (
    <div
      ref={scope}
      className={dimmed ? 'component component--dimmed kcm' : 'component kcm'}
      data-actor-kind={actor.kind}
      data-running={actor.running}
      data-stopped={!actor.running && actor.dormant === undefined}
      data-partitioned={(actor as { partitioned?: boolean }).partitioned === true}
      style={{ '--accent': style.color } as CSSProperties}
      title={actor.dormant ?? style.role}
      data-testid={`component.${actor.id}`}
      role="button"
      tabIndex={0}
      aria-label={`${actorDisplayName(actor.id, actor.kind)}${actor.node ? ` on ${actor.node}` : ''}: open the inspector`}
      onClick={() => inspectActor(actor.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault()
          inspectActor(actor.id)
        }
      }}
    >
      <Handle type="target" position={Position.Top} className="center-handle" isConnectable={false} />
      <Handle type="source" position={Position.Bottom} className="center-handle" isConnectable={false} />
      <div className="component__name">{actorDisplayName(actor.id, actor.kind)}</div>
      {!actor.running && <div className="component__role">stopped</div>}
      <ul className="kcm__controllers" aria-label="controllers" hidden={!actor.running}>
        {kcmControllers.map((c) => (
          <li
            key={c.via}
            className={lit.has(c.via) ? 'kcm__controller kcm__controller--busy' : 'kcm__controller'}
            data-controller={c.via}
            data-busy={lit.has(c.via)}
            title={c.via}
          >
            {c.short}
          </li>
        ))}
      </ul>
    </div>
  )
})

/** The node for every component: kube-controller-manager gets its controller chips. */
export const ActorNode = memo(function ActorNode(props: NodeProps) {
  const actor = useSimStore(useMemo(() => selectActor(props.id), [props.id]))
  return actor?.kind === 'kube-controller-manager' ? <KcmNode {...props} /> : <ComponentNode {...props} />
})
