import type {
  Container,
  ContainerPort,
  ContainerState,
  ContainerStatus,
  EnvVar,
  Pod,
  Probe,
  ResourceRequirements,
} from 'kubernetes-types/core/v1'
import type { PrefixWriter } from './prefix-writer.ts'
import { quantityValue } from './quantity.ts'
import { describeTime } from './time.ts'

const ports = (list: ContainerPort[], pick: (p: ContainerPort) => number | undefined): string =>
  list.map((p) => `${pick(p) ?? 0}/${p.protocol ?? 'TCP'}`).join(', ')

/** Port / Ports and Host Port / Host Ports lines (plural once there is a comma). */
function writePorts(w: PrefixWriter, c: Container): void {
  const list = c.ports ?? []
  const container = ports(list, (p) => p.containerPort)
  const host = ports(list, (p) => p.hostPort)
  w.write(
    2,
    container.includes(',') ? `Ports:\t${container}\n` : `Port:\t${container || '<none>'}\n`,
  )
  w.write(2, host.includes(',') ? `Host Ports:\t${host}\n` : `Host Port:\t${host || '<none>'}\n`)
}

function writeCommand(w: PrefixWriter, c: Container): void {
  for (const [title, words] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (!words?.length) continue
    w.write(2, `${title}:\n`)
    for (const word of words) for (const line of word.split('\n')) w.write(3, `${line}\n`)
  }
}

/** describeStatus: one State or Last State block. */
function writeState(w: PrefixWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning\n`)
    w.write(3, `Started:\t${describeTime(state.running.startedAt)}\n`)
  } else if (state?.waiting) {
    w.write(2, `${title}:\tWaiting\n`)
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`)
  } else if (state?.terminated) {
    const t = state.terminated
    w.write(2, `${title}:\tTerminated\n`)
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`)
    if (t.message) w.write(3, `Message:\t${t.message}\n`)
    w.write(3, `Exit Code:\t${t.exitCode}\n`)
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`)
    w.write(3, `Started:\t${describeTime(t.startedAt)}\n`)
    w.write(3, `Finished:\t${describeTime(t.finishedAt)}\n`)
  } else {
    w.write(2, `${title}:\tWaiting\n`)
  }
}

/** describeResources: Limits then Requests, resource names sorted. */
export function writeResources(
  w: PrefixWriter,
  r: ResourceRequirements | undefined,
  level: number,
): void {
  for (const [title, list] of [
    ['Limits', r?.limits],
    ['Requests', r?.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort()
    if (names.length > 0) w.write(level, `${title}:\n`)
    for (const name of names) w.write(level + 1, `${name}:\t${list![name]}\n`)
  }
}

/** describe DescribeProbe: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function probeText(p: Probe): string {
  const attrs =
    `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s ` +
    `period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`
  if (p.httpGet) {
    const g = p.httpGet
    const host = g.host ?? ''
    const port = String(g.port ?? '')
    const hostPort = port ? `${host.includes(':') ? `[${host}]` : host}:${port}` : host
    return `http-get ${(g.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${g.path ?? ''} ${attrs}`
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`
  return `unknown ${attrs}`
}

function writeProbes(w: PrefixWriter, c: Container): void {
  if (c.livenessProbe) w.write(2, `Liveness:\t${probeText(c.livenessProbe)}\n`)
  if (c.readinessProbe) w.write(2, `Readiness:\t${probeText(c.readinessProbe)}\n`)
  if (c.startupProbe) w.write(2, `Startup:\t${probeText(c.startupProbe)}\n`)
}

/** kubectl fieldpath.ExtractFieldPathAsString for the paths a downward-API env var may name. */
function fieldValue(pod: Pod, path: string): string {
  const keyed = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path)
  if (keyed)
    return (
      (keyed[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[keyed[2]!] ?? ''
    )
  const values: Record<string, string | undefined> = {
    'metadata.name': pod.metadata?.name,
    'metadata.namespace': pod.metadata?.namespace,
    'metadata.uid': pod.metadata?.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.hostIPs': pod.status?.hostIPs?.map((i) => i.ip).join(','),
    'status.podIP': pod.status?.podIP,
    'status.podIPs': pod.status?.podIPs?.map((i) => i.ip).join(','),
  }
  return values[path] ?? ''
}

/** resourcehelper.ExtractContainerResourceValue: the amount divided by the divisor, rounded up. */
function resourceValue(c: Container, resource: string, divisor: string | undefined): string {
  const [kind, name] = resource.split('.') as ['limits' | 'requests', string]
  const amount = quantityValue(c.resources?.[kind]?.[name])
  const value = Math.ceil(amount / (quantityValue(divisor ?? '1') || 1) - 1e-9)
  if (value === 0 && (resource === 'limits.cpu' || resource === 'limits.memory')) {
    return 'node allocatable'
  }
  return String(value)
}

function writeEnv(w: PrefixWriter, c: Container, pod: Pod): void {
  const env: EnvVar[] = c.env ?? []
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`)
  for (const e of env) {
    const from = e.valueFrom
    if (!from) {
      e.value
        ?.split('\n')
        .forEach((line, i) => w.write(3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`))
      if (e.value === undefined) w.write(3, `${e.name}:\t\n`)
    } else if (from.fieldRef) {
      const { apiVersion, fieldPath } = from.fieldRef
      w.write(3, `${e.name}:\t${fieldValue(pod, fieldPath)} (${apiVersion ?? 'v1'}:${fieldPath})\n`)
    } else if (from.resourceFieldRef) {
      const { resource, divisor } = from.resourceFieldRef
      w.write(3, `${e.name}:\t${resourceValue(c, resource, divisor)} (${resource})\n`)
    } else if (from.secretKeyRef) {
      const { key, name, optional } = from.secretKeyRef
      w.write(
        3,
        `${e.name}:\t<set to the key '${key}' in secret '${name}'>\tOptional: ${optional === true}\n`,
      )
    } else if (from.configMapKeyRef) {
      const { key, name, optional } = from.configMapKeyRef
      w.write(
        3,
        `${e.name}:\t<set to the key '${key}' of config map '${name}'>\tOptional: ${optional === true}\n`,
      )
    }
  }
}

function writeEnvFrom(w: PrefixWriter, c: Container): void {
  if (!c.envFrom?.length) return
  w.write(2, 'Environment Variables from:\n')
  for (const e of c.envFrom) {
    const ref = e.configMapRef ?? e.secretRef
    const kind = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : ''
    const source = e.prefix ? `${kind} with prefix '${e.prefix}'` : kind
    w.write(3, `${ref?.name ?? ''}\t${source}\tOptional: ${ref?.optional === true}\n`)
  }
}

function writeMounts(w: PrefixWriter, c: Container): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
    a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
  )
  w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`)
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw']
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`)
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`)
  }
}

/** describeContainers: the `Containers:` / `Init Containers:` section of kubectl describe pod. */
export function writeContainers(
  w: PrefixWriter,
  title: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  pod: Pod,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]))
  w.write(0, `${title}:${containers.length === 0 ? ' <none>' : ''}\n`)
  for (const c of containers) {
    const status = byName.get(c.name)
    w.write(1, `${c.name}:\n`)
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`)
    w.write(2, `Image:\t${c.image ?? ''}\n`)
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`)
    writePorts(w, c)
    const seccomp = c.securityContext?.seccompProfile
    if (seccomp) {
      w.write(2, `SeccompProfile:\t${seccomp.type}\n`)
      if (seccomp.type === 'Localhost')
        w.write(3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`)
    }
    writeCommand(w, c)
    if (status) {
      writeState(w, 'State', status.state)
      if (status.lastState?.terminated) writeState(w, 'Last State', status.lastState)
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`)
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`)
    }
    writeResources(w, c.resources, 2)
    writeProbes(w, c)
    writeEnvFrom(w, c)
    writeEnv(w, c, pod)
    writeMounts(w, c)
  }
}
