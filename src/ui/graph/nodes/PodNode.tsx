import { memo, useMemo } from 'react'
import type { NodeProps } from '@xyflow/react'
import { selectPod } from '../../../state/selectors.ts'
import { useSimStore } from '../../../state/sim-store.ts'
import { inspectObject } from '../../../state/object-inspector.ts'
import { podLabel } from './pod-label.ts'

export interface PodData extends Record<string, unknown> {
  podKey: string
}

const statusClass = (status: string): string => {
  if (status === 'Running' || status === 'Completed') return 'ok'
  if (status === 'Pending' || status === 'ContainerCreating' || status === 'PodInitializing') {
    return 'progress'
  }
  if (status === 'Terminating') return 'muted'
  return 'bad'
}

/** A pod, with STATUS as `kubectl get pods` prints it. */
export const PodNode = memo(function PodNode({ data }: NodeProps) {
  const key = (data as PodData).podKey
  const pod = useSimStore(useMemo(() => selectPod(key), [key]))
  if (!pod) return null
  return (
    <div
      className={`pod pod--${statusClass(pod.status)}`}
      data-testid={`pod.${pod.namespace}.${pod.name}`}
      data-status={pod.status}
      data-node={pod.node ?? ''}
      aria-label={`pod ${pod.namespace}/${pod.name}: ${pod.status}; open its inspector (scheduling, YAML, history)`}
      role="button"
      tabIndex={0}
      onClick={() => inspectObject(key)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') inspectObject(key)
      }}
    >
      {/* The name gets the whole first line; READY sits beside STATUS, as columns of get pods. */}
      <span className="pod__name" title={pod.name}>
        {podLabel(pod.name)}
      </span>
      <span className="pod__line">
        <span className="pod__status">{pod.status}</span>
        <span className="pod__ready" title="READY">
          {pod.ready}
        </span>
      </span>
    </div>
  )
})
