/**
 * The programs `kubectl exec` can run in a simulated container, and what they print. The set is
 * small on purpose: the ones a workshop types to look at the pod's network from inside (its
 * resolv.conf and hosts files, a DNS lookup, an HTTP request to a Service) and a few trivial ones.
 * `commandRefusal` is kubectl's side (it answers before sending anything for a command outside the
 * set); `planCommand` is the container's side, once the runtime runs it. Texts are BusyBox's and
 * Debian's (dash, coreutils, curl 7.88) as the official images ship them.
 */
import { tokenize } from '../../k8s/shell-words.ts'
import { oldBusyboxNslookup, programName, programsOf } from './exec-tools.ts'

/** Files the kubelet writes for every pod (resolv.conf, hosts, hostname), which `cat` can show. */
export const podFiles = ['/etc/resolv.conf', '/etc/hosts', '/etc/hostname']

const trivial = ['hostname', 'echo', 'date', 'true', 'false', 'whoami', 'env', 'printenv']
const shells = ['sh', 'bash', 'ash']
const simulated = [...trivial, 'cat', 'nslookup', 'curl', 'wget']

export interface HttpOptions {
  silent: boolean
  showErrors: boolean
  fail: boolean
  discardBody: boolean
  writeOut?: string
  quiet: boolean
  toStdout: boolean
  timeoutMs?: number
}

export type Plan =
  | { kind: 'done'; stdout: string; stderr: string; exitCode: number }
  /** runc could not start the process: the exec's error, not an exit code. */
  | { kind: 'start-failed'; error: string }
  | { kind: 'nslookup'; name: string; old: boolean }
  | { kind: 'http'; tool: 'curl' | 'wget'; host: string; port: number; path: string; opts: HttpOptions }

/** Unwraps `sh -c "CMD"` to CMD's words; `undefined` when the script uses shell syntax we do not run. */
function unwrapShell(argv: string[]): string[] | undefined | 'interactive' {
  if (!shells.includes(programName(argv[0] ?? ''))) return argv
  if (argv.length === 1 || (argv.length === 2 && ['-i', '-l', '-il'].includes(argv[1]!))) return 'interactive'
  if (argv[1] !== '-c' || argv.length !== 3) return undefined
  if (/[|;&<>$`(){}]/.test(argv[2]!)) return undefined
  // An unterminated quote is the shell's syntax error, not a command.
  if ((argv[2]!.match(/'/g)?.length ?? 0) % 2 || (argv[2]!.match(/"/g)?.length ?? 0) % 2) return undefined
  return tokenize(argv[2]!)
}

const listing = `simulated inside containers: ${[...trivial, ...podFiles.map((f) => `cat ${f}`), 'nslookup NAME', 'curl [-sSf] [-o /dev/null] [-w FORMAT] [-m SECONDS] URL', 'wget [-q] [-O -] [-T SECONDS] URL', 'sh -c "ONE COMMAND"'].join(', ')}`

/**
 * Why kubectl will not send this command, or undefined when it can run. Checked on kubectl's side
 * so nothing travels for a command the simulation cannot answer truthfully.
 */
export function commandRefusal(argv: string[], podName: string): string | undefined {
  const words = unwrapShell(argv)
  if (words === 'interactive')
    return `kube-anatomy runs one command per exec and has no interactive shell; type the command itself, e.g. kubectl exec ${podName} -- cat /etc/resolv.conf`
  if (!words) return `kube-anatomy runs one simple command inside sh -c (no pipes, lists, redirections or variables); ${listing}`
  // `sh -c ''` runs nothing and exits 0.
  if (!words.length) return undefined
  const name = programName(words[0] ?? '')
  if (!simulated.includes(name)) return `kube-anatomy does not simulate "${words[0]}" inside containers; ${listing}`
  // Arguments only where the answer honours them.
  const args = words.slice(1)
  const argsOk: Record<string, boolean> = {
    hostname: args.length === 0 || (args.length === 1 && args[0] === '-i'),
    date: args.length === 0,
    whoami: args.length === 0,
    env: args.length === 0,
    printenv: args.every((a) => !a.startsWith('-')),
    echo: args.every((a, i) => !a.startsWith('-') || (i === 0 && a === '-n')),
  }
  if (argsOk[name] === false) return `kube-anatomy simulates ${name === 'hostname' ? 'hostname and hostname -i' : name === 'echo' ? 'echo [-n] WORDS' : name === 'printenv' ? 'printenv [NAME...]' : `${name} without arguments`}; ${listing}`
  if (name === 'cat' && (words.length !== 2 || !words[1]!.startsWith('/'))) return `kube-anatomy simulates cat of one absolute path: ${podFiles.join(', ')}, a file of a mounted ConfigMap or Secret volume, or a file the container's command creates`
  if (name === 'nslookup' && (words.length !== 2 || words[1]!.startsWith('-'))) return 'kube-anatomy simulates nslookup NAME (one name, the pod\'s own DNS server)'
  if (name === 'curl' || name === 'wget') {
    const parsed = parseHttp(name, words.slice(1))
    if (typeof parsed === 'string') return parsed
  }
  return undefined
}

function parseUrl(url: string): { host: string; port: number; path: string } | string {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(url)
  if (!m) return `kube-anatomy cannot read the URL "${url}"`
  if (m[1] === 'https') return 'kube-anatomy simulates plain HTTP only (no TLS); use http://'
  return { host: m[2]!.toLowerCase(), port: m[3] ? Number(m[3]) : 80, path: m[4] || '/' }
}

function seconds(v: string | undefined): number | undefined {
  const n = Number(v)
  return v !== undefined && n > 0 ? Math.round(n * 1000) : undefined
}

/** curl's and BusyBox wget's options that the simulation honours; anything else is refused. */
function parseHttp(tool: 'curl' | 'wget', args: string[]): { host: string; port: number; path: string; opts: HttpOptions } | string {
  const opts: HttpOptions = { silent: false, showErrors: false, fail: false, discardBody: false, quiet: false, toStdout: tool === 'curl' }
  let url: string | undefined
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (!a.startsWith('-') || a === '-') {
      if (url !== undefined) return `kube-anatomy simulates one URL per ${tool}`
      url = a
      continue
    }
    if (tool === 'curl') {
      if (a === '-o' && args[i + 1] === '/dev/null') {
        opts.discardBody = true
        i++
      } else if (a === '-w' || a === '--write-out') opts.writeOut = args[++i] ?? ''
      else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') {
        opts.timeoutMs = seconds(args[++i])
        if (opts.timeoutMs === undefined) return `kube-anatomy needs a number of seconds after curl ${a}`
      }
      else if (a === '--silent') opts.silent = true
      else if (a === '--show-error') opts.showErrors = true
      else if (a === '--fail') opts.fail = true
      else if (/^-[sSf]+$/.test(a)) {
        if (a.includes('s')) opts.silent = true
        if (a.includes('S')) opts.showErrors = true
        if (a.includes('f')) opts.fail = true
      } else return `kube-anatomy does not simulate curl ${a} (it does -s, -S, -f, -o /dev/null, -w, -m, --connect-timeout)`
    } else {
      const m = /^-(q?)(O?)(.*)$/.exec(a)
      if (a === '-T') {
        opts.timeoutMs = seconds(args[++i])
        if (opts.timeoutMs === undefined) return 'kube-anatomy needs a number of seconds after wget -T'
      }
      else if (m && (m[1] || m[2]) && (!m[2] || m[3] === '-' || (m[3] === '' && args[i + 1] === '-'))) {
        if (m[1]) opts.quiet = true
        if (m[2]) {
          opts.toStdout = true
          if (m[3] === '') i++
        }
      } else return `kube-anatomy does not simulate wget ${a} (it does -q, -O -, -T)`
    }
  }
  if (url === undefined) return `kube-anatomy simulates ${tool} with one URL (${tool} http://web)`
  const u = parseUrl(url)
  return typeof u === 'string' ? u : { ...u, opts }
}

export interface ExecEnv {
  image: string
  hostname: string
  podIP: string
  files: Record<string, string>
  /** A file the container's own command creates or removes (`touch /tmp/healthy`); unknown for any other. */
  fileState(path: string): 'present' | 'absent' | 'unknown'
  /** Wall-clock ms since the epoch inside the container. */
  nowMs: number
  /** The process's environment: the image's, HOSTNAME, the kubelet's variables, HOME. */
  environ: [string, string][]
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n: number): string => String(n).padStart(2, '0')

/** `date` in the C locale and UTC: `Thu Jan  1 00:00:05 UTC 2026`. */
function dateText(ms: number): string {
  const d = new Date(ms)
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
}

const done = (stdout: string, stderr = '', exitCode = 0): Plan => ({ kind: 'done', stdout, stderr, exitCode })

/** What the container does with argv (already accepted by `commandRefusal`). */
export function planCommand(argv: string[], env: ExecEnv): Plan {
  const have = programsOf(env.image)
  const viaShell = shells.includes(programName(argv[0] ?? ''))
  const runc = (word: string): Plan => ({
    kind: 'start-failed',
    error: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${word}": executable file not found in $PATH: unknown`,
  })
  if (viaShell && !have.has(programName(argv[0]!))) return runc(argv[0]!)
  const words = viaShell ? (unwrapShell(argv) as string[]) : argv
  if (!words.length) return done('')
  const name = programName(words[0]!)
  if (!have.has(name)) {
    if (!viaShell) return runc(words[0]!)
    // dash (Debian's sh) names the script line; BusyBox ash does not.
    return done('', have.has('busybox') ? `sh: ${words[0]}: not found\n` : `sh: 1: ${words[0]}: not found\n`, 127)
  }
  const busybox = have.has('busybox')
  switch (name) {
    case 'true':
      return done('')
    case 'false':
      return done('', '', 1)
    case 'whoami':
      return done('root\n')
    case 'env':
      return done(env.environ.map(([k, v]) => `${k}=${v}\n`).join(''))
    case 'printenv': {
      if (words.length === 1) return done(env.environ.map(([k, v]) => `${k}=${v}\n`).join(''))
      const values = words.slice(1).map((n) => env.environ.find(([k]) => k === n)?.[1])
      return done(values.filter((v) => v !== undefined).map((v) => `${v}\n`).join(''), '', values.every((v) => v !== undefined) ? 0 : 1)
    }
    case 'hostname':
      return done(`${words[1] === '-i' ? env.podIP : env.hostname}\n`)
    case 'date':
      return done(`${dateText(env.nowMs)}\n`)
    case 'echo': {
      const noNewline = words[1] === '-n'
      return done(`${words.slice(noNewline ? 2 : 1).join(' ')}${noNewline ? '' : '\n'}`)
    }
    case 'cat': {
      const path = words[1]!
      const text = env.files[path]
      if (text !== undefined) return done(text)
      const state = env.fileState(path)
      // `touch` makes an empty file.
      if (state === 'present') return done('')
      if (state === 'absent') return done('', busybox ? `cat: can't open '${path}': No such file or directory\n` : `cat: ${path}: No such file or directory\n`, 1)
      return done('', `kube-anatomy: what ${path} holds in ${env.image} is not simulated (only ${podFiles.join(', ')}, files of mounted ConfigMap and Secret volumes, and files the container's command creates)\n`, 1)
    }
    case 'nslookup':
      return { kind: 'nslookup', name: words[1]!, old: oldBusyboxNslookup(env.image) }
    default: {
      const tool = name as 'curl' | 'wget'
      const p = parseHttp(tool, words.slice(1)) as Exclude<ReturnType<typeof parseHttp>, string>
      return { kind: 'http', tool, ...p }
    }
  }
}
