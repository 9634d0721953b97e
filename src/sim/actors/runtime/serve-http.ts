/**
 * A pod's own process answering an HTTP request that a `kubectl exec`'d curl or wget sent: which
 * container listens on the port, and what it sends back. Servers are known by image (nginx and
 * httpd on 80, echoserver on 8080, agnhost's netexec and serve-hostname, redis on 6379 speaking
 * its own protocol); a port nobody listens on answers with a TCP reset.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { TrafficRequest } from '../../messages.ts'
import { hopMs, serveMs } from '../kube-proxy/data-plane.ts'
import { nginxVersion } from '../registry/catalogue.ts'
import type { Container, RuntimeState, Sandbox } from './state.ts'

export type Served = { code: number; body: string } | 'not-http' | 'refused'

export interface HttpAsk {
  podIP: string
  port: number
  path: string
  /** The Host header: the name and, when not 80, the port. */
  host: string
  agent: string
  clientIP: string
  nowMs: number
}

const nginxWelcome = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`

const nginxNotFound = (image: string): string =>
  `<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/${nginxVersion(image)}</center>\n</body>\n</html>\n`

const httpdNotFound = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`

function repo(image: string): string {
  const last = image.split('/').slice(-2).join('/')
  return last.split(/[:@]/)[0]!
}

/** `--http-port=8080`, `--port 9376`: a flag's value in a container's args. */
function flagValue(args: string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) return args[i + 1]
    if (args[i]!.startsWith(`${flag}=`)) return args[i]!.slice(flag.length + 1)
  }
  return undefined
}

/** The port this container's server listens on, and how it answers; undefined: no server. */
function server(c: Container, sandbox: Sandbox, ask: HttpAsk): { port: number; answer: () => Served } | undefined {
  const r = repo(c.image)
  const args = [...(c.command ?? []), ...(c.args ?? [])]
  if (r.endsWith('nginx') && !r.includes('ingress')) {
    return { port: 80, answer: () => (ask.path === '/' || ask.path === '/index.html' ? { code: 200, body: nginxWelcome } : { code: 404, body: nginxNotFound(c.image) }) }
  }
  if (r.endsWith('httpd')) return { port: 80, answer: () => (ask.path === '/' ? { code: 200, body: '<html><body><h1>It works!</h1></body></html>\n' } : { code: 404, body: httpdNotFound }) }
  if (r.endsWith('redis')) return { port: 6379, answer: () => 'not-http' }
  if (r.endsWith('echoserver')) return { port: 8080, answer: () => ({ code: 200, body: echoserverBody(sandbox.name, ask) }) }
  if (r.endsWith('agnhost')) {
    if (args[0] === 'serve-hostname') return { port: Number(flagValue(args, '--port') ?? 9376), answer: () => ({ code: 200, body: sandbox.name }) }
    if (args[0] === 'netexec') {
      return {
        port: Number(flagValue(args, '--http-port') ?? 8080),
        answer: () => ({ code: 200, body: ask.path === '/hostname' ? sandbox.name : `NOW: ${new Date(ask.nowMs).toISOString().replace('T', ' ').replace('Z', '')} +0000 UTC` }),
      }
    }
  }
  return undefined
}

function echoserverBody(pod: string, ask: HttpAsk): string {
  return [
    '',
    '',
    `Hostname: ${pod}`,
    '',
    'Pod Information:',
    '\t-no pod information available-',
    '',
    'Server values:',
    '\tserver_version=nginx: 1.13.3 - lua: 10008',
    '',
    'Request Information:',
    `\tclient_address=${ask.clientIP}`,
    '\tmethod=GET',
    `\treal path=${ask.path}`,
    '\tquery=',
    '\trequest_version=1.1',
    '\trequest_scheme=http',
    `\trequest_uri=http://${ask.host.includes(':') ? ask.host : `${ask.host}:80`}${ask.path}`,
    '',
    'Request Headers:',
    '\taccept=*/*',
    `\thost=${ask.host}`,
    `\tuser-agent=${ask.agent}`,
    '',
    'Request Body:',
    '\t-no body in request-',
    '',
    '',
  ].join('\n')
}

/** The pod with this IP on this node answers, or resets the connection. */
export function serveHttp(state: RuntimeState, ask: HttpAsk): Served {
  const sandbox = Object.values(state.sandboxes).find((s) => s.ip === ask.podIP && s.state === 'SANDBOX_READY')
  if (!sandbox) return 'refused'
  for (const c of Object.values(state.containers)) {
    if (c.sandboxId !== sandbox.id || c.state !== 'CONTAINER_RUNNING') continue
    const s = server(c, sandbox, ask)
    if (s && s.port === ask.port) return s.answer()
  }
  return 'refused'
}

/** A request the node's rules delivered to one of this node's pods: its process answers the client. */
export function answerHttp(state: RuntimeState, msg: TrafficRequest, ctx: Ctx): void {
  const served = serveHttp(state, {
    podIP: msg.podIP ?? '',
    port: msg.podPort ?? 0,
    path: msg.exec?.path ?? '/',
    host: msg.exec?.host ?? '',
    agent: msg.exec?.agent ?? '',
    clientIP: msg.exec?.clientIP ?? '',
    nowMs: ctx.startTimeMs + ctx.now,
  })
  const base = { kind: 'traffic.response' as const, reqId: msg.reqId, pod: msg.pod ?? '', node: state.node }
  if (served === 'refused') {
    ctx.stage({ name: 'pod', outcome: 'failed', detail: `nothing listens on ${msg.podIP}:${msg.podPort}: TCP reset` })
    ctx.send(msg.client, { ...base, code: 0, reason: `nothing listens on ${msg.podIP}:${msg.podPort}` }, { durationMs: hopMs })
  } else if (served === 'not-http') {
    ctx.stage({ name: 'pod', outcome: 'failed', detail: `${msg.pod} answers on ${msg.podPort}, not in HTTP` })
    ctx.send(msg.client, { ...base, code: 0, notHttp: true, reason: 'not HTTP' }, { durationMs: serveMs + hopMs })
  } else {
    ctx.stage({ name: 'pod', outcome: served.code < 400 ? 'ok' : 'failed', detail: `${msg.pod} (${msg.podIP}:${msg.podPort}) answers GET ${msg.exec?.path ?? '/'}: ${served.code}` })
    ctx.send(msg.client, { ...base, code: served.code, body: served.body }, { durationMs: serveMs + hopMs })
  }
}
