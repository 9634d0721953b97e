/**
 * Where the object names are in what kubectl printed, so the console can make them open the object
 * inspector: the NAME column of `get` tables (one type, `-A`, several types as `pod/web`, `get all`,
 * a `-w` stream whose rows outgrow the header), `-o name` lines, and the `kind/name verb` lines of
 * apply, create, scale, label and the like. Pure text work: which stored object a name is, is
 * `object-refs.ts`'s job.
 */

export interface NameSpan {
  /** Offsets in the printed text: `text.slice(start, end)` is the name cell as printed. */
  start: number
  end: number
  /** The type as the person or kubectl wrote it: `pods`, `po`, `deployment.apps`, `svc`. */
  type: string
  /** From the NAMESPACE column or `-n`; `default` otherwise (cluster-scoped kinds ignore it). */
  namespace: string
  name: string
}

/** Flags whose value is the next word (so it is not taken for the resource type). */
const valueFlags = new Set(['-n', '--namespace', '-o', '--output', '-l', '--selector', '-f', '--filename', '-L', '--label-columns', '--field-selector', '--sort-by', '--context', '--cluster'])

interface GetLine {
  types: string[]
  namespace: string
  output: string
}

/** The words of a `get` line that matter here, or null when the line is not a `get`. */
function parseGet(line: string): GetLine | null {
  const words = line.trim().replace(/^kubectl\s+/, '').split(/\s+/)
  const positional: string[] = []
  let namespace = 'default'
  let output = ''
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const eq = w.match(/^(--?[\w-]+)=(.*)$/)
    if (eq) {
      if (eq[1] === '-n' || eq[1] === '--namespace') namespace = eq[2]!
      if (eq[1] === '-o' || eq[1] === '--output') output = eq[2]!
      continue
    }
    if (w.startsWith('-o') && w.length > 2 && !w.startsWith('--')) {
      output = w.slice(2)
      continue
    }
    if (w.startsWith('-')) {
      if (valueFlags.has(w)) {
        const value = words[++i] ?? ''
        if (w === '-n' || w === '--namespace') namespace = value
        if (w === '-o' || w === '--output') output = value
      }
      continue
    }
    positional.push(w)
  }
  if (positional[0] !== 'get') return null
  const types = positional.length > 1 ? positional[1]!.split(',').filter(Boolean) : []
  return { types, namespace, output }
}

/** Each non-blank run of a line with its offset. */
function cells(line: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = []
  for (const m of line.matchAll(/\S+/g)) out.push({ text: m[0], at: m.index })
  return out
}

/** `pod/web` → type `pod`, name `web`; a bare name takes the line's own type. */
function split(cell: string, fallbackType: string): { type: string; name: string } | null {
  const slash = cell.indexOf('/')
  if (slash > 0) return { type: cell.slice(0, slash), name: cell.slice(slash + 1) }
  if (!fallbackType) return null
  return { type: fallbackType, name: cell }
}

/** The one type a `get` names (`pods`, or `pod` of `pod/web`), or '' when there are several. */
function singleType(get: GetLine): string {
  const types = new Set(get.types.map((t) => t.split('/')[0]!))
  if (types.size !== 1 || types.has('all')) return ''
  return [...types][0]!
}

function getSpans(get: GetLine, text: string): NameSpan[] {
  const out: NameSpan[] = []
  const fallback = singleType(get)
  const lines = text.split('\n')
  let offset = 0
  let nameIndex = -1
  let withNamespace = false
  for (const line of lines) {
    const at = offset
    offset += line.length + 1
    if (get.output === 'name') {
      const s = line.trim() ? split(line.trim(), '') : null
      if (s && !/\s/.test(line)) out.push({ start: at, end: at + line.length, type: s.type, namespace: get.namespace, name: s.name })
      continue
    }
    if (get.output && get.output !== 'wide') continue
    if (line.trim() === '') {
      nameIndex = -1
      continue
    }
    const row = cells(line)
    if (nameIndex < 0) {
      // A header: NAME first, or NAMESPACE then NAME (-A).
      if (row[0]?.text === 'NAME') nameIndex = 0
      else if (row[0]?.text === 'NAMESPACE' && row[1]?.text === 'NAME') {
        nameIndex = 1
        withNamespace = true
      }
      if (nameIndex === 0) withNamespace = false
      continue
    }
    const cell = row[nameIndex]
    if (!cell) continue
    const s = split(cell.text, fallback)
    if (!s) continue
    const namespace = withNamespace ? row[0]!.text : get.namespace
    out.push({ start: at + cell.at, end: at + cell.at + cell.text.length, type: s.type, namespace, name: s.name })
  }
  return out
}

/** Commands that print `kind/name <what was done>` lines (never logs: a log line is the app's). */
const actionVerbs = new Set('apply create replace delete expose scale label annotate set rollout run patch cordon uncordon drain taint autoscale'.split(' '))

/** `deployment.apps/web created`, `pod/web labeled`: what apply, create, scale, label… print. */
function verbLineSpans(line: string, text: string): NameSpan[] {
  const out: NameSpan[] = []
  const verb = line.trim().replace(/^kubectl\s+/, '').split(/\s+/)[0] ?? ''
  if (!actionVerbs.has(verb)) return out
  const namespace = line.match(/(?:^|\s)(?:-n|--namespace)[=\s](\S+)/)?.[1] ?? 'default'
  let offset = 0
  for (const l of text.split('\n')) {
    const m = l.match(/^([a-z][a-z0-9.-]*)\/(\S+) [a-z]/)
    if (m) out.push({ start: offset, end: offset + m[1]!.length + 1 + m[2]!.length, type: m[1]!, namespace, name: m[2]! })
    offset += l.length + 1
  }
  return out
}

/** The object names in `stdout`, printed for the kubectl `line` (without or with `kubectl `). */
export function nameSpans(line: string, stdout: string): NameSpan[] {
  const get = parseGet(line)
  return get ? getSpans(get, stdout) : verbLineSpans(line, stdout)
}
