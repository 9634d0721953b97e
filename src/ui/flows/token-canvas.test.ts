import { describe, expect, it } from 'vitest'
import type { Flow, FlowKind } from '../../sim/protocol.ts'
import { linkId, type ClusterLayout } from '../graph/layout.ts'
import { onPulse } from './pulses.ts'
import { createTokenCanvas, denseTokens, type CanvasFrame } from './token-canvas.ts'
import { handleName, pickHandles } from './token-handles.ts'

/** A 2D context that records what is painted: fills and texts with the transform they were under. */
function recorder() {
  const calls: { op: string; args: unknown[] }[] = []
  const rec =
    (op: string) =>
    (...args: unknown[]): void => {
      calls.push({ op, args })
    }
  const ctx = {
    canvas: { width: 0, height: 0 },
    fillStyle: '' as string | CanvasGradient | CanvasPattern,
    strokeStyle: '' as string | CanvasGradient | CanvasPattern,
    lineWidth: 1,
    globalAlpha: 1,
    font: '',
    textBaseline: 'alphabetic' as CanvasTextBaseline,
    beginPath: rec('beginPath'),
    arc: rec('arc'),
    roundRect: rec('roundRect'),
    moveTo: rec('moveTo'),
    save: rec('save'),
    restore: rec('restore'),
    translate: rec('translate'),
    scale: rec('scale'),
    setTransform: rec('setTransform'),
    drawImage: rec('drawImage'),
    clearRect: rec('clearRect'),
    stroke: (): void => void calls.push({ op: 'stroke', args: [ctx.strokeStyle] }),
    fill: (): void => void calls.push({ op: 'fill', args: [ctx.fillStyle, ctx.globalAlpha] }),
    fillText: (text: string): void => void calls.push({ op: 'fillText', args: [text] }),
    measureText: (text: string) =>
      ({
        width: text.length * 7,
        fontBoundingBoxAscent: 10,
        fontBoundingBoxDescent: 3,
      }) as TextMetrics,
  }
  return { ctx, calls }
}

/** One horizontal link from the client (0,0) to kube-proxy (100,0). */
const layout: ClusterLayout = {
  nodes: [],
  links: [
    {
      id: linkId('traffic-client', 'kube-proxy:node-1'),
      a: 'traffic-client',
      b: 'kube-proxy:node-1',
      points: [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
      ],
    },
  ],
  centers: {
    'traffic-client': { x: 0, y: 0 },
    'kube-proxy:node-1': { x: 100, y: 0 },
    'kube-apiserver:0': { x: 0, y: 200 },
  },
  width: 300,
  height: 300,
}

function flow(n: number, kind: FlowKind = 'traffic.request', sentAt = 0, arrivesAt = 10): Flow {
  const back = kind === 'traffic.response'
  return {
    id: `flow:${n}`,
    from: back ? 'kube-proxy:node-1' : 'traffic-client',
    to: back ? 'traffic-client' : 'kube-proxy:node-1',
    kind,
    label: 'SYN',
    sentAt,
    arrivesAt,
    causeId: null,
    outcome: 'in-flight',
    ambient: false,
  }
}

function frame(live: Flow[], over: Partial<CanvasFrame> = {}): CanvasFrame {
  return {
    wallNow: 1_000,
    now: 5,
    reduced: false,
    layout,
    live,
    showAmbient: true,
    selectedId: null,
    focusedId: null,
    outcomeOf: () => undefined,
    viewport: { x: 0, y: 0, zoom: 1 },
    width: 300,
    height: 300,
    dpr: 1,
    ...over,
  }
}

describe('token canvas', () => {
  it('paints the data-plane tokens in flight along their link, not control-plane ones or ones not yet sent', () => {
    const { ctx, calls } = recorder()
    const canvas = createTokenCanvas(ctx, 'sans-serif')
    const control = { ...flow(9), kind: 'apiserver.get' as const, from: 'kube-apiserver:0' }
    canvas.frame(
      frame([flow(1), flow(2, 'traffic.response'), flow(3, 'traffic.request', 8, 12), control]),
    )
    expect(canvas.drawn().map((d) => d.flow.id)).toEqual(['flow:1', 'flow:2'])
    // Halfway along the 100-unit link at now 5 of 0..10; the body starts 7 units before the point.
    expect(canvas.drawn()[0]!.box.left).toBe(43)
    expect(canvas.drawn()[1]!.box.left).toBe(43)
    // Few tokens: each with its noun.
    expect(calls.filter((c) => c.op === 'fillText').map((c) => c.args[0])).toEqual([
      'request',
      'response',
    ])
  })

  it(`past ${denseTokens} tokens they are dots without their noun, the selected one keeps it and is painted last`, () => {
    const { ctx, calls } = recorder()
    const canvas = createTokenCanvas(ctx, 'sans-serif')
    const live = Array.from({ length: denseTokens + 1 }, (_, i) => flow(i + 1))
    canvas.frame(frame(live, { selectedId: 'flow:3' }))
    expect(canvas.drawn()).toHaveLength(denseTokens + 1)
    expect(canvas.drawn().at(-1)!.flow.id).toBe('flow:3')
    expect(calls.filter((c) => c.op === 'fillText').map((c) => c.args[0])).toEqual(['request'])
    // The amber outline of the selection.
    expect(calls.filter((c) => c.op === 'stroke').map((c) => c.args[0])).toEqual(['#f59e0b'])
  })

  it("a crowd's dots are copied from one sprite per colour and scale; the selected one is drawn whole", () => {
    const { ctx, calls } = recorder()
    const sprites: { width: number; height: number; painted: string[] }[] = []
    const canvas = createTokenCanvas(ctx, 'sans-serif', (width, height) => {
      const sprite = recorder()
      const entry = { width, height, painted: [] as string[] }
      sprites.push(entry)
      sprite.ctx.fill = () => void entry.painted.push(String(sprite.ctx.fillStyle))
      return { ctx: sprite.ctx, image: entry as unknown as CanvasImageSource }
    })
    const live = [
      ...Array.from({ length: denseTokens }, (_, i) => flow(i + 1)),
      ...Array.from({ length: 5 }, (_, i) => flow(100 + i, 'traffic.response')),
    ]
    canvas.frame(frame(live, { selectedId: 'flow:2', dpr: 2, viewport: { x: 0, y: 0, zoom: 1.5 } }))
    // Two colours, a 12-unit ring with a unit of margin each side, at 3 device pixels per unit.
    expect(sprites).toHaveLength(2)
    expect(sprites.map((x) => x.width)).toEqual([42, 42])
    expect(sprites[0]!.painted).toEqual(['#f59e0b', '#fff'])
    expect(calls.filter((c) => c.op === 'drawImage')).toHaveLength(live.length - 1)
    expect(calls.filter((c) => c.op === 'fillText').map((c) => c.args[0])).toEqual(['request'])
    // The next frame reuses them.
    canvas.frame(
      frame(live, { now: 6, selectedId: 'flow:2', dpr: 2, viewport: { x: 0, y: 0, zoom: 1.5 } }),
    )
    expect(sprites).toHaveLength(2)
  })

  it('a click hits the topmost token under it, through pan and zoom, and nothing beside it', () => {
    const { ctx } = recorder()
    const canvas = createTokenCanvas(ctx, 'sans-serif')
    canvas.frame(frame([flow(1), flow(2)], { viewport: { x: 20, y: 30, zoom: 2 } }))
    // The point (50, 0) on screen: 20 + 2·50, 30 + 2·0.
    expect(canvas.hit(120, 30)).toBe('flow:2')
    expect(canvas.hit(120, 80)).toBe(null)
  })

  it('with reduced motion a token waits at the sender and jumps to the receiver', () => {
    const { ctx } = recorder()
    const canvas = createTokenCanvas(ctx, 'sans-serif')
    canvas.frame(frame([flow(1), flow(2, 'traffic.request', 0, 4)], { reduced: true }))
    expect(canvas.drawn().map((d) => d.box.left)).toEqual([-7, 93])
  })

  it('an arrival pulses the receiver once; a frame that shows the same as the last is not painted again', () => {
    const { ctx, calls } = recorder()
    const canvas = createTokenCanvas(ctx, 'sans-serif')
    let pulses = 0
    const off = onPulse('kube-proxy:node-1', () => pulses++)
    const live = [flow(1, 'traffic.request', 0, 4)]
    // Long after the other tests' arrivals at the same box (a glowing box is not restarted).
    const wallNow = 100_000
    canvas.frame(frame(live, { wallNow }))
    const painted = calls.length
    canvas.frame(frame(live, { wallNow: wallNow + 16 }))
    expect(calls.length).toBe(painted)
    canvas.frame(frame(live, { now: 6, wallNow: wallNow + 32 }))
    expect(calls.length).toBeGreaterThan(painted)
    expect(pulses).toBe(1)
    off()
  })

  it('a dropped token turns red at the receiver', () => {
    const { ctx, calls } = recorder()
    const canvas = createTokenCanvas(ctx, 'sans-serif')
    canvas.frame(frame([flow(1, 'traffic.request', 0, 4)], { outcomeOf: () => 'dropped' }))
    expect(calls.filter((c) => c.op === 'fill').map((c) => c.args[0])).toContain('#dc2626')
    expect(calls.filter((c) => c.op === 'fillText').map((c) => c.args[0])).toContain('✕')
  })
})

describe('token handles', () => {
  it('list the selected and focused tokens first, then the first ones painted, up to the limit', () => {
    const flows = Array.from({ length: 30 }, (_, i) => flow(i + 1))
    const picked = pickHandles(flows, ['flow:20', null], 5).map((f) => f.id)
    expect(picked).toEqual(['flow:20', 'flow:1', 'flow:2', 'flow:3', 'flow:4'])
    expect(pickHandles(flows, ['flow:99'], 3).map((f) => f.id)).toEqual([
      'flow:1',
      'flow:2',
      'flow:3',
    ])
  })

  it('name a token like the message', () => {
    expect(handleName(flow(1))).toBe('request traffic-client → kube-proxy:node-1')
  })
})
