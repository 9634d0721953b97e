/**
 * The kubelet's `/exec/<ns>/<pod>/<container>` endpoint (pkg/kubelet/server/server.go getExec),
 * which kube-apiserver proxies `kubectl exec` to. The kubelet finds the running container and asks
 * the runtime for a streaming exec over CRI; the process's output and exit code go back the same
 * way. A container that is not running fails the stream's upgrade with `container not found`.
 * The files the kubelet wrote for the pod when it made the sandbox (resolv.conf from --cluster-dns
 * and the pod's dnsPolicy, the managed hosts file, the hostname) travel with the call, standing for
 * the container's view of them.
 */
import type { Ctx } from '../../engine/actor.ts'
import type { ApiRequest, CriReply } from '../../messages.ts'
import { clusterFirstResolvConf } from '../../cluster/service-bootstrap.ts'
import { criCall } from './cri.ts'
import { currentRun } from './pod-status.ts'
import type { KubeletState, PodWorker } from './state.ts'

interface PodDnsSpec {
  hostname?: string
  subdomain?: string
  dnsPolicy?: string
  hostNetwork?: boolean
  dnsConfig?: { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] }
  hostAliases?: { ip: string; hostnames?: string[] }[]
}

/** The simulated machines' own resolver, what dnsPolicy Default hands a pod. */
const nodeResolvConf = 'nameserver 10.0.0.1\n'

function resolvConf(spec: PodDnsSpec, namespace: string, clusterDNS: string): string {
  const policy = spec.dnsPolicy ?? 'ClusterFirst'
  // A hostNetwork pod with ClusterFirst falls back to Default (pkg/kubelet/network/dns).
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec.hostNetwork)
  if (policy === 'None') {
    const c = spec.dnsConfig ?? {}
    const lines = [...(c.searches?.length ? [`search ${c.searches.join(' ')}`] : []), ...(c.nameservers ?? []).map((n) => `nameserver ${n}`)]
    if (c.options?.length) lines.push(`options ${c.options.map((o) => (o.value !== undefined ? `${o.name}:${o.value}` : o.name)).join(' ')}`)
    return lines.length ? `${lines.join('\n')}\n` : ''
  }
  return clusterFirst ? clusterFirstResolvConf(namespace, clusterDNS) : nodeResolvConf
}

/** The kubelet-managed /etc/hosts (pkg/kubelet/kubelet_pods.go managedHostsFileContent). */
function hostsFile(spec: PodDnsSpec, namespace: string, hostname: string, podIP: string): string {
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    spec.subdomain ? `${podIP}\t${hostname}.${spec.subdomain}.${namespace}.svc.cluster.local\t${hostname}` : `${podIP}\t${hostname}`,
  ]
  if (spec.hostAliases?.length) {
    lines.push('', '# Entries added by HostAliases.')
    for (const a of spec.hostAliases) lines.push(`${a.ip}\t${(a.hostnames ?? []).join('\t')}`)
  }
  return `${lines.join('\n')}\n`
}

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
  const hostname = (spec.hostname ?? podName).slice(0, 63)
  const podIP = w.podIP ?? ''
  const cmd = (msg.query ?? []).filter(([k]) => k === 'command').map(([, v]) => decodeURIComponent(v))
  ctx.stage({ name: 'exec', outcome: 'ok', detail: `container ${container} (${run.id.slice(0, 13)}) is running: CRI Exec, output streamed back` })
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
  }, { uid: w.uid, exec: { reqId: msg.reqId, apiserver: ctx.from! } })
}

/** The runtime's answer: the output and exit code, or the error that kept the process from starting. */
export function execReplied(ctx: Ctx, msg: CriReply, exec: { reqId: string; apiserver: string }): void {
  if (!msg.ok) {
    answer(ctx, exec.apiserver, exec.reqId, 200, { kind: 'ExecResult', error: `Internal error occurred: error executing command in container: ${msg.error ?? ''}` })
    return
  }
  const r = msg.result ?? {}
  answer(ctx, exec.apiserver, exec.reqId, 200, { kind: 'ExecResult', stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: Number(r.exitCode ?? 0) })
}
