import { memo, useMemo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { selectActor, selectEtcdCluster } from '../../../state/selectors.ts'
import { useSimStore } from '../../../state/sim-store.ts'
import { actorDisplayName, actorStyles } from '../actor-styles.ts'
import { componentBoxProps, usePulse } from './component-box.ts'

/** One component (kube-apiserver, etcd, a kubelet, …): it selects its own ActorView. */
export const ComponentNode = memo(function ComponentNode({ id }: NodeProps) {
  const actor = useSimStore(useMemo(() => selectActor(id), [id]))
  const etcdCluster = useSimStore(selectEtcdCluster)
  const scope = usePulse(id)

  if (!actor) return null
  const style = actorStyles[actor.kind]
  return (
    <div
      ref={scope}
      {...componentBoxProps(actor)}
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
      <div className="component__name">{actorDisplayName(actor.id, actor.kind, etcdCluster)}</div>
      <div className="component__role">
        {actor.dormant ?? (actor.running ? (actor.status ?? style.role) : 'stopped')}
      </div>
    </div>
  )
})
