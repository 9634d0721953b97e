/** containerd's state on one node: images, pod sandboxes and containers. */
import type { Behaviour } from './behaviour.ts'
import type { Plan } from './exec-programs.ts'

export interface Sandbox {
  id: string
  podUid: string
  name: string
  namespace: string
  ip: string
  state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY'
}

export interface Container {
  id: string
  sandboxId: string
  podUid: string
  name: string
  image: string
  imageRef: string
  state: 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED'
  createdAtMs: number
  startedAtMs?: number
  finishedAtMs?: number
  exitCode?: number
  reason?: string
  behaviour: Behaviour
  /** The process's argv as the spec gave it (a server's flags: agnhost's `--http-port`). */
  command?: string[]
  args?: string[]
  /** The variables the kubelet passed (CRI ContainerConfig.envs), in order. */
  env?: [string, string][]
  /** Files of the ConfigMap and Secret volumes mounted in it: absolute path → content. */
  files?: Record<string, string>
  /** The memory cgroup limit in bytes (CRI LinuxContainerResources.memory_limit_in_bytes); 0: none. */
  memoryLimit?: number
  /** The flow that caused the last state change, so the kubelet's status update joins its tree. */
  changedBy: string | null
}

export interface Pull {
  callId: string
  kubelet: string
  image: string
  startedAtMs: number
  digest?: string
}

export interface RuntimeState {
  node: string
  /** The node's pod CIDR prefix, `10.244.1.`: the CNI bridge is .1, pods from .2. */
  podNet: string
  nextHost: number
  freeHosts: number[]
  /** Normalised reference → image. */
  images: Record<string, { sizeBytes: number; digest: string }>
  sandboxes: Record<string, Sandbox>
  containers: Record<string, Container>
  pulls: Record<string, Pull>
  nextReq: number
  /** Processes `kubectl exec` started that wait on the network (exec.ts), by id. */
  execs?: Record<string, ExecSession>
}

/** An exec'd nslookup, curl or wget between its DNS questions and its connection. */
export interface ExecSession {
  kubelet: string
  callId: string
  plan: Extract<Plan, { kind: 'nslookup' | 'http' }>
  /** Names to ask in order (the resolv.conf search list), and how many were asked. */
  names: string[]
  asked: number
  /** Times the current name was sent without an answer (resolv.conf attempts). */
  tries?: number
  server: string
  /** The exec'ing pod's address, the connection's source. */
  podIP: string
  ip?: string
  startedAtMs: number
}
