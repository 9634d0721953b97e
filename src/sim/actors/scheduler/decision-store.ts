/**
 * A decision as kube-scheduler keeps it for the inspector: the same fields, with the per-node
 * lists (score columns, totals) joined into strings, score columns packed. Every pod's last
 * decision stays in the scheduler's state, and a checkpoint copies that state: one string per
 * column is one value to copy instead of one per node (3,000 decisions over 100 nodes were 4.5
 * million values). The feasible names are not stored: they are the examined nodes that did not
 * fail, in the order examined. Node names (RFC 1123 subdomains) and numbers never contain the
 * separator.
 */
import { examinedNodes, type Decision, type NodeFailure, type PluginScores } from './decide.ts'

export interface StoredScores extends Omit<PluginScores, 'raw' | 'normalized'> {
  raw: string
  normalized: string
}

export interface StoredDecision extends Omit<Decision, 'nodeOrder' | 'feasible' | 'scores' | 'totals'> {
  /** The node list filtered, joined; decisions over the same list share one string. */
  nodeOrder: string
  scores: StoredScores[]
  /**
   * Absent when loading can add the totals up again exactly (totalsDerivable): nearly always.
   * Over 255 each, they were the largest column kept (two bytes a node, ~220 bytes a decision)
   * and a quarter of the store's time (storeDecision 8.7 → 6.6 ms over 3,000 bindings).
   */
  totals?: string
}

const sep = ','

/** One joined text per node list: `order` arrays are replaced, never changed, so identity names it. */
const joinedOrders = new WeakMap<string[], string>()

function joinOrder(order: string[]): string {
  let s = joinedOrders.get(order)
  if (s === undefined) joinedOrders.set(order, (s = order.join(sep)))
  return s
}

/**
 * Scores are small integers (0–100 per plugin, weighted totals a few hundred): their texts are
 * made once, since every decision writes hundreds of them (here and in the binding's stages).
 */
const smallTexts = Array.from({ length: 1024 }, (_, i) => String(i))

export function numberText(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < 1024 ? smallTexts[n]! : String(n)
}

/**
 * Marks a column packed one value per UTF-16 code unit: scores are small whole numbers, and one
 * String.fromCharCode per column is ~10x cheaper than writing each number out and joining (the
 * store ran 30 µs a decision over 100 nodes, a tenth of a whole cycle). A decimal text never
 * starts with it; a column with any other value is written out.
 */
const packed = '\u0001'
/** Below the surrogates: every packed string is well-formed UTF-16 (JSON, structured clone). */
const packedLimit = 0xd800

/** Texts of the shared frozen columns (scores.ts uniformColumn): written once each. */
const joinedColumns = new WeakMap<number[], string>()

function joinNumbers(values: number[]): string {
  if (!Object.isFrozen(values)) return writeNumbers(values)
  let s = joinedColumns.get(values)
  if (s === undefined) joinedColumns.set(values, (s = writeNumbers(values)))
  return s
}

function writeNumbers(values: number[]): string {
  let small = true
  for (let i = 0; i < values.length && small; i++) {
    const v = values[i]!
    small = Number.isInteger(v) && v >= 0 && v < packedLimit
  }
  if (small) {
    // In slices past 8,192 values: an argument list has a length limit.
    if (values.length <= 8192) return packed + String.fromCharCode.apply(null, values)
    let out = packed
    for (let i = 0; i < values.length; i += 8192) out += String.fromCharCode.apply(null, values.slice(i, i + 8192))
    return out
  }
  const texts = new Array<string>(values.length)
  for (let i = 0; i < values.length; i++) texts[i] = numberText(values[i]!)
  return texts.join(sep)
}

const splitNames = (s: string): string[] => (s ? s.split(sep) : [])
function splitNumbers(s: string): number[] {
  if (!s.startsWith(packed)) return s ? s.split(sep).map(Number) : []
  const out = new Array<number>(s.length - 1)
  for (let i = 1; i < s.length; i++) out[i - 1] = s.charCodeAt(i)
  return out
}

/**
 * Frozen at the top: a stored decision is replaced, never changed, so checkpoints keep it by
 * reference whole (checkpoints.ts stops at a frozen object). Freezing every level cost more than
 * making the decision (~10 µs: V8 gives each frozen object and array a new shape).
 */
/**
 * Score entries that recur from decision to decision (a plugin that skipped, a shared uniform
 * column), one frozen object each, keyed by plugin and raw column text: 3,000 decisions held
 * 21,000 entries, most of them the same few.
 */
const sharedEntries = new Map<string, Map<string, StoredScores>>()

function sharedEntry(s: PluginScores, raw: string, normalized: string): StoredScores {
  let byRaw = sharedEntries.get(s.plugin)
  if (!byRaw) sharedEntries.set(s.plugin, (byRaw = new Map()))
  // The shared column texts are the same strings each time (their hashes cached): cheap keys.
  let entry = byRaw.get(raw)
  if (!entry || entry.normalized !== normalized || entry.weight !== s.weight || entry.skipped !== s.skipped) {
    if (byRaw.size >= 64) byRaw.clear()
    byRaw.set(raw, (entry = Object.freeze({ plugin: s.plugin, weight: s.weight, skipped: s.skipped, raw, normalized })))
  }
  return entry
}

function storeScores(s: PluginScores): StoredScores {
  const raw = joinNumbers(s.raw)
  // Without NormalizeScore the normalized column is the raw one.
  const normalized = s.normalized === s.raw ? raw : joinNumbers(s.normalized)
  const shared = s.skipped || (Object.isFrozen(s.raw) && (s.normalized === s.raw || Object.isFrozen(s.normalized)))
  return shared ? sharedEntry(s, raw, normalized) : { plugin: s.plugin, weight: s.weight, skipped: s.skipped, raw, normalized }
}

/**
 * The list of plugins whose PreFilter skipped, shared with the previous decision when it is the
 * same (nearly every cycle skips the same few), else an exact-size frozen copy: kept per decision,
 * the array grown by push held ~180 bytes.
 */
let lastSkipList: readonly string[] = Object.freeze([])

function sharedSkipList(names: string[]): string[] {
  const last = lastSkipList
  let same = last.length === names.length
  for (let i = 0; same && i < names.length; i++) same = last[i] === names[i]
  if (!same) lastSkipList = Object.freeze(names.slice())
  return lastSkipList as string[]
}

/** One frozen empty `failed` for the decisions where every examined node passed. */
const noneFailed: Record<string, NodeFailure> = Object.freeze({})

function hasKeys(o: object): boolean {
  for (const _ in o) return true
  return false
}

export function storeDecision(d: Decision): StoredDecision {
  const scores = new Array<StoredScores>(d.scores.length)
  for (let i = 0; i < scores.length; i++) scores[i] = storeScores(d.scores[i]!)
  // Field by field rather than a spread of the decision (a spread of ~18 keys cost more than the
  // columns); the optional ones only when set, as a spread copies them.
  const out: StoredDecision = {
    pod: d.pod,
    uid: d.uid,
    atMs: d.atMs,
    attempt: d.attempt,
    nodesTotal: d.nodesTotal,
    numNodesToFind: d.numNodesToFind,
    startIndex: d.startIndex,
    preFilterSkipped: sharedSkipList(d.preFilterSkipped),
    nodeOrder: joinOrder(d.nodeOrder),
    examinedCount: d.examinedCount,
    failed: hasKeys(d.failed) ? d.failed : noneFailed,
    scores,
  }
  if (!totalsDerivable(scores)) out.totals = joinNumbers(d.totals)
  if (d.preFilterNodes !== undefined) out.preFilterNodes = d.preFilterNodes
  if (d.nominated !== undefined) out.nominated = d.nominated
  if (d.winner !== undefined) out.winner = d.winner
  if (d.message !== undefined) out.message = d.message
  if (d.preemption !== undefined) out.preemption = d.preemption
  return Object.freeze(out)
}

export function loadDecision(s: StoredDecision): Decision {
  const nodeOrder = splitNames(s.nodeOrder)
  const feasible = examinedNodes({ ...s, nodeOrder }).filter((name) => !s.failed[name])
  const scores = s.scores.map((p) => ({ ...p, raw: splitNumbers(p.raw), normalized: splitNumbers(p.normalized) }))
  const { totals: _totals, ...rest } = s
  return {
    ...rest,
    nodeOrder,
    feasible,
    scores,
    totals: s.totals !== undefined ? splitNumbers(s.totals) : weightedTotals(scores, feasible.length),
  }
}

/**
 * schedulePod's totals are Σ normalized × weight per node. With whole-number columns (packed) and
 * weights any order of that sum is exact, so loading adds them up again: cheaper than checking
 * the sums here (6 ms over 3,000 decisions), and a decision keeps none of its own.
 */
function totalsDerivable(scores: StoredScores[]): boolean {
  for (const s of scores) if (!s.skipped && (!s.normalized.startsWith(packed) || !Number.isInteger(s.weight))) return false
  return true
}

/** The totals as schedulePod adds them up: none without scores, else Σ normalized × weight per node. */
function weightedTotals(scores: PluginScores[], feasible: number): number[] {
  if (!scores.length) return []
  const totals = new Array<number>(feasible).fill(0)
  for (const s of scores) {
    if (s.skipped) continue
    for (let i = 0; i < feasible; i++) totals[i]! += s.normalized[i]! * s.weight
  }
  return totals
}
