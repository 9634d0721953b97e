/**
 * Wall time → virtual time. The only place in the app that reads `performance.now()` for the
 * simulation clock. Virtual time is a float here; the engine only ever sees `Math.floor(v)`.
 *
 * Time dilation (the teaching design): a real hop takes 1–5 virtual ms, invisible at 1×. While a
 * non-ambient flow is in flight, virtual time slows so that the shortest such hop takes about
 * `hopWallMs` of wall time at 1×. Idle waits (an image pull, a lease interval) run at plain speed.
 */
import type { Flow } from '../sim/protocol.ts'

/** Wall ms a shortest hop takes on screen at 1×. */
export const hopWallMs = 700

/**
 * Wall ms a data-plane hop (a request, its answer, a DNS query) takes on screen at 1×. Requests
 * follow each other without pause, so if they slowed time like control-plane messages the clock
 * would hardly move while traffic flows: a shorter hop keeps them visible (120 ms at 1×, 1.2 s at
 * 0.1×) and bounds the slowdown however many are in flight, since every one of them is a hop of
 * at least 1 virtual ms (data-plane.ts hopMs).
 */
export const dataHopWallMs = 120

const dataPlaneKinds = new Set<Flow['kind']>(['traffic.request', 'traffic.response', 'dns.query', 'dns.answer'])

/** Wall ms one tick may cover at most (a backgrounded tab must not jump the simulation). */
export const maxTickWallMs = 100

export interface Clock {
  /** Wall ms, monotonic. */
  now(): number
}

export const performanceClock: Clock = { now: () => performance.now() }

/** Virtual ms per wall ms for the flows in flight right now. */
export function dilatedRate(speed: number, inFlight: readonly Flow[]): number {
  let factor = 1
  for (const f of inFlight) {
    if (f.ambient) continue
    const duration = Math.max(1, f.arrivesAt - f.sentAt)
    factor = Math.min(factor, duration / (dataPlaneKinds.has(f.kind) ? dataHopWallMs : hopWallMs))
  }
  return speed * factor
}

/** A glide: display time moves from `from` to `to` over `wallMs`, then stops (step mode). */
interface Glide {
  from: number
  to: number
  startWall: number
  wallMs: number
}

export interface Pacer {
  readonly clock: Clock
  /** Virtual ms now (float). */
  virtual(): number
  playing(): boolean
  speed(): number
  play(): void
  pause(): void
  setSpeed(speed: number): void
  /** Places the display at `v` (a load, a jump). */
  jumpTo(v: number): void
  /** Animates display time to `to` over `wallMs`, then stays paused there. */
  glideTo(to: number, wallMs: number): void
  gliding(): boolean
  /**
   * Moves virtual time forward by the wall time since the last call, event by event.
   * `advance(v)` runs the engine up to virtual time v; `rateAt()` is the dilated rate from there.
   */
  tick(
    rateAt: () => number,
    nextEventAt: () => number | undefined,
    advance: (v: number) => void,
  ): void
  /** The rate last used, virtual ms per wall ms (0 when paused). */
  rate(): number
  /** Wall ms of the last tick. */
  wallAt(): number
}

export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1
  return Math.min(10, Math.max(0.1, speed))
}

export function createPacer(clock: Clock = performanceClock): Pacer {
  let v = 0
  let lastWall = clock.now()
  let isPlaying = false
  let currentSpeed = 1
  let currentRate = 0
  let glide: Glide | null = null

  const finishGlide = (): void => {
    if (glide) v = Math.max(v, glide.to)
    glide = null
  }

  return {
    clock,
    virtual: () => v,
    playing: () => isPlaying,
    speed: () => currentSpeed,
    rate: () => currentRate,
    wallAt: () => lastWall,
    gliding: () => glide !== null,
    play() {
      if (glide) {
        // Resume from where the glide is on screen; the engine is already ahead, which is fine.
        glide = null
      }
      isPlaying = true
      lastWall = clock.now()
    },
    pause() {
      isPlaying = false
      currentRate = 0
    },
    setSpeed(speed) {
      currentSpeed = clampSpeed(speed)
    },
    jumpTo(to) {
      glide = null
      v = to
      currentRate = 0
      lastWall = clock.now()
    },
    glideTo(to, wallMs) {
      finishGlide()
      isPlaying = false
      const now = clock.now()
      lastWall = now
      if (wallMs <= 0 || to <= v) {
        v = Math.max(v, to)
        currentRate = 0
        return
      }
      glide = { from: v, to, startWall: now, wallMs }
      currentRate = (to - v) / wallMs
    },
    tick(rateAt, nextEventAt, advance) {
      const now = clock.now()
      if (glide) {
        const p = Math.min(1, (now - glide.startWall) / glide.wallMs)
        v = glide.from + (glide.to - glide.from) * p
        currentRate = p >= 1 ? 0 : (glide.to - glide.from) / glide.wallMs
        if (p >= 1) glide = null
        lastWall = now
        return
      }
      if (!isPlaying) {
        currentRate = 0
        lastWall = now
        return
      }
      let budget = Math.min(maxTickWallMs, Math.max(0, now - lastWall))
      lastWall = now
      // Spend the wall budget event by event: every event may start a hop that changes the rate.
      for (let guard = 0; guard < 10_000; guard++) {
        advance(v)
        const rate = rateAt()
        currentRate = rate
        if (budget <= 0 || rate <= 0) break
        const target = v + budget * rate
        const next = nextEventAt()
        if (next === undefined || next > target) {
          v = target
          advance(v)
          currentRate = rateAt()
          break
        }
        const step = Math.max(0, next - v)
        budget -= step / rate
        v = Math.max(v, next)
      }
    },
  }
}
