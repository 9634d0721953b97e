/** Splitting a kubectl line the way a shell and cobra would. */

export { tokenize } from '../../k8s/shell-words.ts'

export interface ParsedLine {
  /** Words that are not flags, the command first. */
  args: string[]
  /** `--name=value`, `--name value`, `-n value`; booleans get 'true'. A repeated flag: its last value. */
  flags: Record<string, string>
  /**
   * Every value of each flag, in order: kubectl's stringArray flags (`--rule`, `--env`,
   * `--annotation`) take one value per occurrence and keep them all.
   */
  repeated: Record<string, string[]>
  /** Words after `--`. */
  rest: string[]
}

/** Flags that take a value when written without `=`. */
const VALUE_FLAGS = new Set([
  // expose (service-commands.ts)
  'target-port', 'type', 'protocol', 'name',
  'n', 'namespace', 'o', 'output', 'image', 'restart', 'labels', 'l', 'selector', 'port', 'env',
  'grace-period', 'f', 'filename', 'field-selector', 'wait', 'timeout', 'cascade', 'image-pull-policy',
  'requests', 'limits', 'overrides', 'annotations',
  // logs and drain (node-commands.ts)
  'c', 'container', 'tail',
  // object commands (objects-commands.ts)
  'replicas', 'to-revision', 'revision', 'field-manager', 'sort-by', 'api-group', 'current-replicas',
  'resource-version', 'chunk-size',
  // create ingress (create-ingress.ts)
  'rule', 'class', 'default-backend', 'annotation',
  // create configmap|secret|job|cronjob|service (create-subcommands.ts)
  'from-literal', 'from-file', 'from-env-file', 'schedule', 'tcp', 'node-port', 'clusterip', 'external-name', 'from',
  // wait (cmd-wait.ts)
  'for',
])
const SHORT_ALIASES: Record<string, string> = { n: 'namespace', o: 'output', A: 'all-namespaces', l: 'selector', f: 'filename' }

/** Short flags whose meaning depends on the command: `patch -p PATCH` takes a value, `logs -p` does not. */
const COMMAND_VALUE_FLAGS: Record<string, string[]> = { patch: ['p', 'patch'] }
/** Short flags that are booleans for one command: `logs -f` follows, where elsewhere `-f` names a file. */
const COMMAND_BOOL_FLAGS: Record<string, string[]> = { logs: ['f'] }

/** The command word: the first that is neither a flag nor a global flag's value (`-n default patch`). */
function commandWord(words: string[]): string {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w === '--') return ''
    if (!w.startsWith('-') || /^-\d/.test(w)) return w
    const body = w.replace(/^--?/, '')
    if (!body.includes('=') && VALUE_FLAGS.has(body)) i++
  }
  return ''
}

export function parseLine(words: string[]): ParsedLine {
  const command = commandWord(words)
  const commandValues = COMMAND_VALUE_FLAGS[command] ?? []
  const commandBools = COMMAND_BOOL_FLAGS[command] ?? []
  const takesValue = (flag: string): boolean => (VALUE_FLAGS.has(flag) && !commandBools.includes(flag)) || commandValues.includes(flag)
  const args: string[] = []
  const flags: Record<string, string> = {}
  const repeated: Record<string, string[]> = {}
  let rest: string[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w === '--') {
      rest = words.slice(i + 1)
      break
    }
    if (w.startsWith('--') || (w.startsWith('-') && w.length > 1 && !/^-\d/.test(w))) {
      const long = w.startsWith('--')
      let body = w.slice(long ? 2 : 1)
      let value: string | undefined
      const eq = body.indexOf('=')
      if (eq >= 0) {
        value = body.slice(eq + 1)
        body = body.slice(0, eq)
      } else if (!long && body.length > 1 && takesValue(body[0]!)) {
        value = body.slice(1) // -owide, -nkube-system
        body = body[0]!
      }
      const name = long || commandBools.includes(body) ? body : (SHORT_ALIASES[body] ?? body)
      if (value === undefined && takesValue(body) && i + 1 < words.length) value = words[++i]
      const given = value ?? 'true'
      flags[name] = given
      const all = (repeated[name] ??= [])
      all.push(given)
    } else args.push(w)
  }
  return { args, flags, repeated, rest }
}

/** Levenshtein distance, for cobra's "Did you mean this?" (SuggestionsMinimumDistance 2). */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
  return d[a.length]![b.length]!
}
