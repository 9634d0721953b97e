/**
 * The kubelet's `/exec/<ns>/<pod>/<container>` endpoint (pkg/kubelet/server/server.go getExec),
 * which kube-apiserver proxies `kubectl exec` to. The kubelet finds the running container and asks
 * the runtime for a streaming exec over CRI; the process's output and exit code go back the same
 * way. A container that is not running fails the stream's upgrade with `container not found`.
 * The stream is upgraded at once (101) and stays open while the process runs; its output and exit
 * code come as the stream's last chunk. The pod's name files (pod-dns.ts) travel with the call,
 * standing for the container's view of them.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiRequest, CriReply } from '../../messages.ts'
import { queryUnescape } from '../../k8s/query-escape.ts'
import { criCall } from './cri.ts'
import { hostsFile, resolvConf, type PodDnsSpec } from './pod-dns.ts'
import { currentRun } from './pod-status.ts'
import type { KubeletState, PodWorker } from './state.ts'

function answer(ctx: Ctx, to: string, reqId: string, code: number, body: unknown): void {
  ctx.send(to, { kind: 'apiserver.response', reqId, code, body })
}

export function serveExec(state: KubeletState, msg: ApiRequest, ctx: Ctx): void {
  const [, ns = '', podName = '', container = ''] = msg.path.split('/').filter(Boolean)
  const w: PodWorker | undefined = Object.values(state.pods).find((x) => x.namespace === ns && x.name === podName)
  const c = w?.containers.find((x) => x.name === container)
  const run = w && c ? currentRun(w, c) : undefined
  if (!w || !c || run?.state !== 'CONTAINER_RUNNING') {
    // The stream's upgrade fails: kubectl prints "unable to upgrade connection: container not found (…)".
    answer(ctx, ctx.from!, msg.reqId, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `container not found (${JSON.stringify(container)})`, code: 404 })
    return
  }
  const spec = w.pod.spec as PodDnsSpec
  // truncatePodHostnameIfNeeded: at most 63 characters, without a trailing '-' or '.'.
  const hostname = (spec.hostname ?? podName).slice(0, 63).replace(/[-.]+$/, '')
  const podIP = w.podIP ?? ''
  const cmd = (msg.query ?? []).filter(([k]) => k === 'command').map(([, v]) => queryUnescape(v))
  ctx.stage({ name: 'exec', outcome: 'ok', detail: `container ${container} (${run.id.slice(0, 13)}) is running: 101 Switching Protocols, then CRI Exec` })
  const streamId = `${ctx.self}#exec${++state.nextCall}`
  ;(state.execStreams ??= {})[streamId] = ctx.from!
  answer(ctx, ctx.from!, msg.reqId, 101, { kind: 'ExecStream', streamId })
  criCall(state, ctx, 'Exec', {
    containerId: run.id,
    cmd,
    hostname,
    podIP,
    files: {
      '/etc/resolv.conf': resolvConf(spec, ns, state.clusterDNS ?? ''),
      '/etc/hosts': hostsFile(spec, ns, hostname, podIP),
      '/etc/hostname': `${hostname}\n`,
    },
  }, { uid: w.uid, exec: streamId })
}

/** The runtime's answer: the output and exit code, or the error that kept the process from starting. */
export function execReplied(state: KubeletState, ctx: Ctx, msg: CriReply, streamId: string): void {
  const apiserver = state.execStreams?.[streamId]
  // The client hung up meanwhile: nobody to tell.
  if (!apiserver) return
  delete state.execStreams![streamId]
  const r = msg.result ?? {}
  const end = msg.ok
    ? { data: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: Number(r.exitCode ?? 0) }
    : { data: '', error: `Internal error occurred: error executing command in container: ${msg.error ?? ''}` }
  ctx.send(apiserver, { kind: 'stream.chunk', streamId, ...end, end: true })
}
