/**
 * kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath), the part people type:
 * `{.items[*].metadata.name}`, `{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}`,
 * fields (a `\.` inside a name is a dot: `{.metadata.labels.app\.kubernetes\.io/name}`), `..name`,
 * `[n]`, `[-1]`, `[a:b]`, `[*]`, `.*`, `['key']`, filters `[?(@.type=="Ready")]`, string literals.
 * As `kubectl get` runs it (--allow-missing-template-keys=true): a missing key prints nothing.
 * Several results of one action print separated by a space, maps and lists as compact JSON.
 */

type Step =
  | { t: 'field'; name: string }
  | { t: 'recursive'; name: string }
  | { t: 'all' }
  | { t: 'index'; i: number }
  | { t: 'slice'; start?: number; end?: number; step?: number }
  | { t: 'filter'; left: Path; op: string; right: Path | { literal: unknown } }

interface Path {
  /** `$`: from the root; otherwise from the current value (`@`, or the range's item). */
  root: boolean
  steps: Step[]
}

type Node = { t: 'text'; v: string } | { t: 'path'; path: Path } | { t: 'range'; path: Path; body: Node[] }

export class JsonPathError extends Error {}

function unquote(s: string): string {
  return s.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c)
}

/** Splits `.a.b\.c[0]` into its steps. */
function parsePath(text: string): Path {
  let s = text.trim()
  let root = false
  if (s.startsWith('$')) {
    root = true
    s = s.slice(1)
  } else if (s.startsWith('@')) s = s.slice(1)
  const steps: Step[] = []
  let i = 0
  const name = (): string => {
    let out = ''
    while (i < s.length && s[i] !== '.' && s[i] !== '[') {
      if (s[i] === '\\' && i + 1 < s.length) i++
      out += s[i++]
    }
    return out
  }
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      i += 2
      steps.push({ t: 'recursive', name: name() })
    } else if (s[i] === '.') {
      i++
      if (s[i] === '*') {
        i++
        steps.push({ t: 'all' })
      } else {
        const n = name()
        if (n) steps.push({ t: 'field', name: n })
      }
    } else if (s[i] === '[') {
      const close = matchingBracket(s, i)
      steps.push(bracket(s.slice(i + 1, close).trim()))
      i = close + 1
    } else throw new JsonPathError(`unrecognized character in action: ${s.slice(i)}`)
  }
  return { root, steps }
}

function matchingBracket(s: string, open: number): number {
  let depth = 0
  let quote = ''
  for (let i = open; i < s.length; i++) {
    const c = s[i]!
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '[') depth++
    else if (c === ']' && --depth === 0) return i
  }
  throw new JsonPathError('unterminated array')
}

function bracket(inner: string): Step {
  if (inner === '*') return { t: 'all' }
  if (/^(['"]).*\1$/.test(inner)) return { t: 'field', name: unquote(inner) }
  if (inner.startsWith('?(') && inner.endsWith(')')) return filter(inner.slice(2, -1).trim())
  if (/^-?\d+$/.test(inner)) return { t: 'index', i: Number(inner) }
  const slice = /^(-?\d*):(-?\d*)(?::(-?\d*))?$/.exec(inner)
  if (slice) {
    const num = (v: string | undefined): number | undefined => (v ? Number(v) : undefined)
    const step: Step = { t: 'slice' }
    const [start, end, by] = [num(slice[1]), num(slice[2]), num(slice[3])]
    if (start !== undefined) step.start = start
    if (end !== undefined) step.end = end
    if (by !== undefined) step.step = by
    return step
  }
  throw new JsonPathError(`invalid array index ${inner}`)
}

function filter(expr: string): Step {
  const m = /^(.+?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(expr)
  if (!m) return { t: 'filter', left: parsePath(expr), op: 'exists', right: { literal: null } }
  const rightText = m[3]!.trim()
  const right = /^(['"]).*\1$/.test(rightText) ? { literal: unquote(rightText) } : /^-?\d+(\.\d+)?$/.test(rightText) ? { literal: Number(rightText) } : parsePath(rightText)
  return { t: 'filter', left: parsePath(m[1]!), op: m[2]!, right }
}

/** The template as text and actions, `range … end` nested. */
export function parseTemplate(template: string): Node[] {
  const top: Node[] = []
  const stack: Node[][] = [top]
  const ranges: Extract<Node, { t: 'range' }>[] = []
  let i = 0
  while (i < template.length) {
    const open = template.indexOf('{', i)
    if (open < 0) {
      stack.at(-1)!.push({ t: 'text', v: template.slice(i) })
      break
    }
    if (open > i) stack.at(-1)!.push({ t: 'text', v: template.slice(i, open) })
    const close = closingBrace(template, open)
    const action = template.slice(open + 1, close).trim()
    i = close + 1
    if (action === 'end') {
      if (!ranges.length) throw new JsonPathError('not in range, nothing to end')
      ranges.pop()
      stack.pop()
    } else if (action.startsWith('range ') || action.startsWith('range\t')) {
      const node: Extract<Node, { t: 'range' }> = { t: 'range', path: parsePath(action.slice(6)), body: [] }
      stack.at(-1)!.push(node)
      ranges.push(node)
      stack.push(node.body)
    } else if (/^(['"]).*\1$/s.test(action)) stack.at(-1)!.push({ t: 'text', v: unquote(action) })
    else if (action) stack.at(-1)!.push({ t: 'path', path: parsePath(action) })
  }
  if (ranges.length) throw new JsonPathError('unclosed range')
  return top
}

function closingBrace(s: string, open: number): number {
  let quote = ''
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i]!
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
    } else if (c === '"') quote = c
    else if (c === '}') return i
  }
  // The lexer meets an open `[` before the missing `}` (client-go parser.go parseArray).
  parsePath(s.slice(open + 1))
  throw new JsonPathError('unclosed action')
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function recurse(v: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(v)) for (const x of v) recurse(x, name, out)
  else if (isObject(v)) {
    if (name in v && v[name] !== undefined) out.push(v[name])
    for (const k of Object.keys(v).sort()) recurse(v[k], name, out)
  }
}

function step(values: unknown[], s: Step, root: unknown): unknown[] {
  const out: unknown[] = []
  for (const v of values) {
    switch (s.t) {
      case 'field':
        if (isObject(v) && v[s.name] !== undefined) out.push(v[s.name])
        break
      case 'recursive':
        recurse(v, s.name, out)
        break
      case 'all':
        if (Array.isArray(v)) out.push(...v)
        else if (isObject(v)) for (const k of Object.keys(v).sort()) out.push(v[k])
        break
      case 'index':
        if (Array.isArray(v)) {
          const i = s.i < 0 ? v.length + s.i : s.i
          if (i < 0 || i >= v.length) throw new JsonPathError(`array index out of bounds: index ${s.i}, length ${v.length}`)
          out.push(v[i])
        }
        break
      case 'slice':
        if (Array.isArray(v)) {
          const by = s.step ?? 1
          const norm = (x: number | undefined, dflt: number): number => (x === undefined ? dflt : Math.max(0, Math.min(v.length, x < 0 ? v.length + x : x)))
          for (let i = norm(s.start, 0); i < norm(s.end, v.length); i += by) out.push(v[i])
        }
        break
      case 'filter':
        if (Array.isArray(v)) for (const x of v) if (holds(s, x, root)) out.push(x)
        break
    }
  }
  return out
}

function holds(f: Extract<Step, { t: 'filter' }>, item: unknown, root: unknown): boolean {
  const left = evaluate(f.left, item, root)
  if (f.op === 'exists') return left.length > 0
  const right = 'literal' in f.right ? [f.right.literal] : evaluate(f.right, item, root)
  if (!left.length || !right.length) return false
  const [a, b] = [left[0], right[0]]
  switch (f.op) {
    case '==':
      return a === b || String(a) === String(b)
    case '!=':
      return String(a) !== String(b)
    default: {
      const [x, y] = [Number(a), Number(b)]
      return f.op === '<' ? x < y : f.op === '>' ? x > y : f.op === '<=' ? x <= y : x >= y
    }
  }
}

function evaluate(path: Path, current: unknown, root: unknown): unknown[] {
  let values = [path.root ? root : current]
  for (const s of path.steps) values = step(values, s, root)
  return values
}

/** Go's json.Marshal: map keys sorted, `<`, `>`, `&` escaped. */
function compactJson(v: unknown): string {
  const sorted = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sorted) : isObject(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted(x[k])])) : x
  return JSON.stringify(sorted(v)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)
}

function text(v: unknown): string {
  if (v === null) return '<nil>'
  if (typeof v === 'object') return compactJson(v)
  return String(v)
}

function render(nodes: Node[], current: unknown, root: unknown): string {
  let out = ''
  for (const n of nodes) {
    if (n.t === 'text') out += n.v
    else if (n.t === 'path') out += evaluate(n.path, current, root).map(text).join(' ')
    else for (const item of evaluate(n.path, current, root)) out += render(n.body, item, root)
  }
  return out
}

/** Go's fmt.Sprint of a decoded JSON value: `map[k:v]`, `[a b]` (customcolumn.go prints cells so). */
function sprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(sprint).join(' ')}]`
  if (isObject(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${sprint(v[k])}`).join(' ')}]`
  return String(v)
}

/** Runs a template over `data` (a List for `get` of many, the object for one). */
export function executeJsonPath(template: string, data: unknown): string {
  return render(parseTemplate(template), data, data)
}

/** A custom-columns field (`.metadata.name`, `metadata.name`, `{.x}`) made a template (RelaxedJSONPathExpression). */
function relaxed(field: string): string {
  const inner = field.startsWith('{') && field.endsWith('}') ? field.slice(1, -1) : field
  return `{${inner.startsWith('.') || inner.startsWith('$') ? inner : `.${inner}`}}`
}

/**
 * `-o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName`: one row per object, several values
 * of a cell joined with commas, `<none>` for a missing one (pkg/printers/customcolumn.go).
 */
export function customColumns(spec: string, items: unknown[]): string[][] {
  const columns = spec.split(',').map((c) => {
    const colon = c.indexOf(':')
    if (colon < 0) throw new JsonPathError(`unexpected custom-columns spec: ${c}, expected <header>:<json-path-expr>`)
    return { header: c.slice(0, colon), nodes: parseTemplate(relaxed(c.slice(colon + 1))) }
  })
  const rows = items.map((item) =>
    columns.map(({ nodes }) => {
      const node = nodes[0]
      const values = node?.t === 'path' ? evaluate(node.path, item, item) : []
      return values.length ? values.map(sprint).join(',') : '<none>'
    }),
  )
  return [columns.map((c) => c.header), ...rows]
}
