import { memo, useEffect, useMemo, type CSSProperties } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { useAnimate } from 'motion/react'
import { selectActor } from '../../../state/selectors.ts'
import { useSimStore } from '../../../state/sim-store.ts'
import { onPulse } from '../../flows/pulses.ts'
import { inspectActor } from '../../../state/actor-inspection.ts'
import { actorDisplayName, actorStyles } from '../actor-styles.ts'

/** One component (kube-apiserver, etcd, a kubelet, …): it selects its own ActorView. */
export const ComponentNode = memo(function ComponentNode({ id }: NodeProps) {
  const actor = useSimStore(useMemo(() => selectActor(id), [id]))
  const [scope, animate] = useAnimate<HTMLDivElement>()

  useEffect(
    () =>
      onPulse(id, () => {
        if (!scope.current) return
        animate(
          scope.current,
          {
            boxShadow: [
              '0 0 0 0px var(--accent)',
              '0 0 0 6px var(--accent-soft)',
              '0 0 0 0px var(--accent)',
            ],
          },
          { duration: 0.6, ease: 'easeOut' },
        )
      }),
    [id, animate, scope],
  )

  if (!actor) return null
  const style = actorStyles[actor.kind]
  const dimmed = !actor.running || actor.dormant !== undefined
  return (
    <div
      ref={scope}
      className={dimmed ? 'component component--dimmed' : 'component'}
      data-actor-kind={actor.kind}
      data-running={actor.running}
      data-stopped={!actor.running && actor.dormant === undefined}
      data-partitioned={actor.partitioned === true}
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
      <Handle
        type="target"
        position={Position.Top}
        className="center-handle"
        isConnectable={false}
      />
      <Handle
        type="source"
        position={Position.Bottom}
        className="center-handle"
        isConnectable={false}
      />
      <div className="component__name">{actorDisplayName(actor.id, actor.kind)}</div>
      <div className="component__role">
        {actor.dormant ?? (actor.running ? style.role : 'stopped')}
      </div>
    </div>
  )
})
