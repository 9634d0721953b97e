import { useEffect, useMemo } from 'react'
import {
  Background,
  Controls,
  ReactFlow,
  useStore,
  useReactFlow,
  type Edge,
  type Node,
} from '@xyflow/react'
import { usePodPlacements, selectActors } from '../../state/selectors.ts'
import { useSimStore } from '../../state/sim-store.ts'
import { FlowLayer } from '../flows/FlowLayer.tsx'
import { layoutCluster, type ClusterLayout, type LayoutNode } from './layout.ts'
import { edgeTypes, nodeTypes } from './node-types.ts'

const groupTitles: Record<
  string,
  (n: LayoutNode) => { title: string; subtitle: string; testId: string }
> = {
  'control-plane': () => ({ title: 'Control plane', subtitle: '', testId: 'group.control-plane' }),
  'worker-node': (n) => ({ title: n.ref ?? '', subtitle: 'worker node', testId: `node.${n.ref}` }),
  'pending-pods': () => ({ title: 'Unscheduled', subtitle: '', testId: 'group.pending-pods' }),
}

function toNode(n: LayoutNode): Node {
  const base = {
    id: n.id,
    type: n.type,
    position: n.position,
    width: n.width,
    height: n.height,
    style: { width: n.width, height: n.height },
    draggable: false,
    selectable: false,
    focusable: false,
    ...(n.parentId ? { parentId: n.parentId, extent: 'parent' as const } : {}),
  }
  if (n.type === 'pod') return { ...base, data: { podKey: n.ref ?? '' } }
  const titles = groupTitles[n.type]
  if (titles) return { ...base, data: titles(n), zIndex: -1 }
  return { ...base, data: {} }
}

function toEdges(layout: ClusterLayout): Edge[] {
  return layout.links.map((l) => ({
    id: l.id,
    source: l.a,
    target: l.b,
    type: 'link',
    data: { points: l.points },
    selectable: false,
    focusable: false,
  }))
}

/**
 * How far overlays reach into the graph, in px: `data-graph-inset="bottom"` (the timeline, a
 * lesson's narration) from the bottom edge; `"right"` (the expanded Traffic panel) from the right
 * edge, or from the top when it spans most of the width (a phone).
 */
function insetsOf(container: HTMLElement): { bottom: number; right: number; top: number } {
  const box = container.getBoundingClientRect()
  const inset = { bottom: 0, right: 0, top: 0 }
  for (const el of document.querySelectorAll<HTMLElement>('[data-graph-inset]')) {
    const r = el.getBoundingClientRect()
    if (r.height <= 0) continue
    if (el.dataset.graphInset === 'bottom') {
      if (r.top < box.bottom) inset.bottom = Math.max(inset.bottom, box.bottom - r.top)
    } else if (el.dataset.graphInset === 'right') {
      if (r.width > box.width / 2) inset.top = Math.max(inset.top, r.bottom - box.top)
      else if (r.left < box.right) inset.right = Math.max(inset.right, box.right - r.left)
    }
  }
  return inset
}

/**
 * Fits the whole cluster in view when it first appears, when its shape changes and when the
 * window or an overlay resizes, clear of the overlays along the bottom edge (the timeline) and the
 * expanded Traffic panel, so no component is ever under them. The layout's own
 * bounds are used, so it never waits for node measurement.
 */
function FitToLayout({ width, height }: { width: number; height: number }) {
  const { setViewport } = useReactFlow()
  const container = useStore((s) => s.domNode)
  const minZoom = useStore((s) => s.minZoom)
  const maxZoom = useStore((s) => s.maxZoom)
  useEffect(() => {
    if (!container || width <= 0) return
    const fit = (): void => {
      const w = container.clientWidth
      const h = container.clientHeight
      if (w <= 0 || h <= 0) return
      // 3 % of the smaller side around the cluster, as fitBounds' padding 0.03 did.
      const pad = 0.03 * Math.min(w, h)
      const { bottom, right, top } = insetsOf(container)
      const availW = Math.max(1, w - right - 2 * pad)
      const availH = Math.max(1, h - bottom - top - 2 * pad)
      const zoom = Math.min(maxZoom, Math.max(minZoom, Math.min(availW / width, availH / height)))
      void setViewport({
        x: pad + (availW - width * zoom) / 2,
        y: top + pad + Math.max(0, (availH - height * zoom) / 2),
        zoom,
      })
    }
    const observer = new ResizeObserver(fit)
    const watchInsets = (): void => {
      observer.disconnect()
      observer.observe(container)
      for (const el of document.querySelectorAll('[data-graph-inset]')) observer.observe(el)
    }
    watchInsets()
    fit()
    // An overlay that comes or goes (a lesson's narration) changes the room left for the cluster.
    const shell = container.closest('main') ?? document.body
    const comings = new MutationObserver(() => {
      watchInsets()
      fit()
    })
    comings.observe(shell, { childList: true })
    // An overlay that starts or stops being one (the Traffic panel folded or unfolded).
    const marks = new MutationObserver(() => {
      watchInsets()
      fit()
    })
    marks.observe(shell, { subtree: true, attributes: true, attributeFilter: ['data-graph-inset'] })
    return () => {
      observer.disconnect()
      comings.disconnect()
      marks.disconnect()
    }
  }, [container, width, height, setViewport, minZoom, maxZoom])
  return null
}

/**
 * The cluster. It selects the component list and pod placements only; every node component
 * selects its own view (xyflow's NodeRenderer pattern), and tokens live in FlowLayer.
 */
export function Graph() {
  const actors = useSimStore(selectActors)
  const placements = usePodPlacements()
  const layout = useMemo(
    () =>
      layoutCluster(
        actors,
        placements.map((p) => {
          const [key, node] = p.split('|') as [string, string]
          return node ? { key, node } : { key }
        }),
      ),
    [actors, placements],
  )
  const nodes = useMemo(() => layout.nodes.map(toNode), [layout])
  const edges = useMemo(() => toEdges(layout), [layout])

  return (
    <div className="graph" data-testid="graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        panActivationKeyCode={null}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomActivationKeyCode={null}
        minZoom={0.2}
        maxZoom={3}
        aria-label="Cluster diagram"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        <FlowLayer layout={layout} />
        <FitToLayout width={layout.width} height={layout.height} />
      </ReactFlow>
    </div>
  )
}
