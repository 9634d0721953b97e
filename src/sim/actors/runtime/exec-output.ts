/**
 * What nslookup, curl and BusyBox wget print once the network has answered: the resolver's search
 * list (resolv.conf `search`, `options ndots:5`) decides which names are asked, in which order.
 */
import { utf8 } from '../../k8s/utf8.ts'
import type { HttpOptions } from './exec-programs.ts'

export interface Output {
  stdout: string
  stderr: string
  exitCode: number
}

/** glibc's and musl's order: the search list first when the name has fewer dots than ndots. */
export function lookupNames(name: string, resolvConf: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)]
  const search = /^search[ \t]+(.*)$/m.exec(resolvConf)?.[1]?.trim().split(/\s+/) ?? []
  const ndots = Number(/ndots:(\d+)/.exec(resolvConf)?.[1] ?? 1)
  const suffixed = search.map((s) => `${name}.${s}`)
  return (name.split('.').length - 1 >= ndots ? [name, ...suffixed] : [...suffixed, name]).filter((n, i, all) => all.indexOf(n) === i)
}

export const isIp = (host: string): boolean => /^\d+\.\d+\.\d+\.\d+$/.test(host)

/** `hosts: files dns`: a name /etc/hosts lists is answered there, before any DNS question (IPv4 first). */
export function hostsLookup(name: string, hosts: string): string | undefined {
  for (const line of hosts.split('\n')) {
    const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/)
    if (ip && isIp(ip) && names.includes(name)) return ip
  }
  return undefined
}

export function nameserverOf(resolvConf: string): string | undefined {
  return /^nameserver[ \t]+(\S+)/m.exec(resolvConf)?.[1]
}

/** BusyBox nslookup. 1.28 (the DNS debugging page's) names the server and answer by reverse lookup. */
export function nslookupOutput(p: { name: string; old: boolean; server: string; serverName?: string; answer?: { fqdn: string; ips: string[] } }): Output {
  if (p.old) {
    const head = `Server:    ${p.server}\nAddress 1: ${p.server}${p.serverName ? ` ${p.serverName}` : ''}\n\n`
    if (!p.answer) return { stdout: head, stderr: `nslookup: can't resolve '${p.name}'\n`, exitCode: 1 }
    const lines = p.answer.ips.map((ip, i) => `Address ${i + 1}: ${ip} ${p.answer!.fqdn}`).join('\n')
    return { stdout: `${head}Name:      ${p.name}\n${lines}\n`, stderr: '', exitCode: 0 }
  }
  const head = `Server:\t\t${p.server}\nAddress:\t${p.server}:53\n\n`
  if (!p.answer) return { stdout: `${head}** server can't find ${p.name}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 }
  return { stdout: `${head}Name:\t${p.answer.fqdn}\n${p.answer.ips.map((ip) => `Address: ${ip}`).join('\n')}\n\n`, stderr: '', exitCode: 0 }
}

export type HttpOutcome =
  | { kind: 'answered'; code: number; body: string; ip: string }
  | { kind: 'no-name' }
  | { kind: 'refused'; ip: string; afterMs: number }
  | { kind: 'timeout'; ip: string; afterMs: number }
  /** A port that answers but not in HTTP (redis). */
  | { kind: 'not-http'; ip: string }

const reasons: Record<number, string> = { 200: 'OK', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }

function writeOut(format: string, code: number): string {
  return format.replace(/%\{http_code\}/g, String(code).padStart(3, '0')).replace(/\\n/g, '\n').replace(/\\t/g, '\t')
}

/** curl 7.88 (Debian bookworm): the body on stdout, `curl: (N) …` on stderr unless -s without -S. */
export function curlOutput(host: string, port: number, opts: HttpOptions, o: HttpOutcome): Output {
  const fail = (n: number, message: string, code = 0): Output => ({
    stdout: opts.writeOut !== undefined ? writeOut(opts.writeOut, code) : '',
    stderr: !opts.silent || opts.showErrors ? `curl: (${n}) ${message}\n` : '',
    exitCode: n,
  })
  switch (o.kind) {
    case 'no-name':
      return fail(6, `Could not resolve host: ${host}`)
    case 'refused':
      return fail(7, `Failed to connect to ${host} port ${port} after ${o.afterMs} ms: Couldn't connect to server`)
    case 'timeout':
      return fail(28, `Failed to connect to ${host} port ${port} after ${o.afterMs} ms: Timeout was reached`)
    case 'not-http':
      return fail(1, 'Received HTTP/0.9 when not allowed')
    case 'answered':
      if (opts.fail && o.code >= 400) return fail(22, `The requested URL returned error: ${o.code}`, o.code)
      return { stdout: (opts.discardBody ? '' : o.body) + (opts.writeOut !== undefined ? writeOut(opts.writeOut, o.code) : ''), stderr: '', exitCode: 0 }
  }
}

/** BusyBox wget: its notes and progress bar go to stderr; -q silences them, not the errors. */
export function wgetOutput(host: string, port: number, opts: HttpOptions, o: HttpOutcome): Output {
  if (o.kind === 'no-name') return { stdout: '', stderr: `wget: bad address '${host}'\n`, exitCode: 1 }
  const connecting = opts.quiet ? '' : `Connecting to ${host} (${o.ip}:${port})\n`
  const err = (line: string): Output => ({ stdout: '', stderr: `${connecting}wget: ${line}\n`, exitCode: 1 })
  switch (o.kind) {
    case 'refused':
      return err(`can't connect to remote host (${o.ip}): Connection refused`)
    case 'timeout':
      return err('download timed out')
    case 'not-http':
      return err('error getting response: Connection reset by peer')
    case 'answered': {
      if (o.code >= 400) return err(`server returned error: HTTP/1.1 ${o.code} ${reasons[o.code] ?? ''}`.trimEnd())
      const size = String(utf8(o.body).length).padStart(6, ' ')
      const bar = `100% |${'*'.repeat(32)}| ${size}  0:00:00 ETA`
      if (opts.toStdout) return { stdout: o.body, stderr: opts.quiet ? '' : `${connecting}writing to stdout\n-                    ${bar}\nwritten to stdout\n`, exitCode: 0 }
      return { stdout: '', stderr: opts.quiet ? '' : `${connecting}saving to 'index.html'\nindex.html           ${bar}\n'index.html' saved\n`, exitCode: 0 }
    }
  }
}
