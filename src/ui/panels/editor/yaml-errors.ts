/**
 * Where an error in the editor belongs: YAML syntax errors from the `yaml` parser (checked
 * before anything is sent), and kubectl's stderr mapped back to a line — `yaml: line N` as
 * kubectl prints parse errors, and the field path of an Invalid cause
 * (`spec.replicas: Invalid value: …`) found as a key in the document. Anything that names no
 * place lands on line 1.
 */
import { isNode, LineCounter, parseAllDocuments, type Document } from 'yaml'

export interface LineError {
  /** 1-based line. */
  line: number
  message: string
}

/** Syntax errors the YAML parser reports, each on its own line. */
export function syntaxErrors(text: string): LineError[] {
  const lineCounter = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter })
  const list = Array.isArray(docs) ? docs : []
  const out: LineError[] = []
  for (const doc of list) {
    for (const err of doc.errors) {
      out.push({ line: lineCounter.linePos(err.pos[0]).line, message: err.message.split('\n')[0]! })
    }
  }
  return out
}

/** `spec.template.spec.containers[0].image` → ['spec', …, 'containers', 0, 'image']. */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = []
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]))
    else out.push(m[1]!)
  }
  return out
}

/** The line of the deepest existing prefix of `path` in any document; null when none matches. */
export function lineOfField(text: string, path: (string | number)[]): number | null {
  const lineCounter = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter, keepSourceTokens: false })
  if (!Array.isArray(docs)) return null
  for (let depth = path.length; depth > 0; depth--) {
    for (const doc of docs) {
      const line = keyLine(doc, path.slice(0, depth), lineCounter)
      if (line !== null) return line
    }
  }
  return null
}

function keyLine(doc: Document, path: (string | number)[], lc: LineCounter): number | null {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents
  const last = path[path.length - 1]
  if (!isNode(parent)) return null
  // The key's own line reads better than its value's (a mapping value starts a line below).
  const items = (parent as { items?: unknown[] }).items
  if (!Array.isArray(items)) return null
  if (typeof last === 'number') {
    const item = items[last]
    return isNode(item) && item.range ? lc.linePos(item.range[0]).line : null
  }
  for (const pair of items as { key?: unknown }[]) {
    const key = pair?.key
    if (isNode(key) && (key as { value?: unknown }).value === last && key.range) {
      return lc.linePos(key.range[0]).line
    }
  }
  return null
}

/** field.ErrorType strings (apimachinery pkg/util/validation/field/errors.go). */
const causeTypes = [
  'Invalid value',
  'Required value',
  'Unsupported value',
  'Forbidden',
  'Duplicate value',
  'Not found',
  'Too long',
  'Too many',
  'Internal error',
].join('|')
const segment = '[A-Za-z_$][\\w$-]*(?:\\[\\d+\\])?'
const fieldPath = `${segment}(?:\\.${segment})*(?:\\[[^\\]]*\\])?`
const causePattern = new RegExp(`^(?:\\* )?(${fieldPath}): (?=${causeTypes})`)

/** kubectl's stderr as line errors in `text`: parse errors by line, Invalid causes by field. */
export function stderrErrors(text: string, stderr: string): LineError[] {
  const out: LineError[] = []
  const lines = stderr.split('\n').filter((l) => l.trim() !== '')
  const invalid = lines[0]?.match(/^(The \S+ "[^"]*" is invalid: )(.*)$/)
  if (invalid) {
    const causes = invalid[2] ? [invalid[2]] : lines.slice(1).map((l) => l.replace(/^\* /, ''))
    for (const cause of causes) {
      const m = cause.match(causePattern)
      const line = m ? lineOfField(text, parseFieldPath(m[1]!)) : null
      out.push({ line: line ?? 1, message: `${invalid[1]}${cause}` })
    }
    return out
  }
  for (const l of lines) {
    const yamlLine = l.match(/yaml: line (\d+):/)
    out.push({ line: yamlLine ? Number(yamlLine[1]) : 1, message: l })
  }
  return out
}
