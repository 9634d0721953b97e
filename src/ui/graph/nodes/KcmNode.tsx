import { memo, useMemo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import type { SimState } from '../../../state/sim-store.ts'
import { selectActor } from '../../../state/selectors.ts'
import { useSimStore } from '../../../state/sim-store.ts'
import { actorDisplayName } from '../actor-styles.ts'
import { componentBoxProps, usePulse } from './component-box.ts'
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
  const scope = usePulse(id)

  if (!actor) return null
  const lit = new Set(busy.split(' '))
  // Stopped, or running but not leading (its controllers have not started): a line instead of chips.
  const line = actor.running ? actor.status : 'stopped'
  return (
    <div
      ref={scope}
      {...componentBoxProps(actor, 'kcm')}
    >
      <Handle type="target" position={Position.Top} className="center-handle" isConnectable={false} />
      <Handle type="source" position={Position.Bottom} className="center-handle" isConnectable={false} />
      <div className="component__name">{actorDisplayName(actor.id, actor.kind)}</div>
      {line !== undefined && <div className="component__role">{line}</div>}
      <ul className="kcm__controllers" aria-label="controllers" hidden={line !== undefined}>
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
