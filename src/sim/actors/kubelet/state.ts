/** A kubelet's state: its node, its pods' workers and the calls it waits on. */
import type { ActorId, KObject } from '../../protocol.ts'
import type { ApiClient } from '../client/api-client.ts'
import type { Cache } from '../client/informer.ts'

export type PodStep = 'volumes' | 'sandbox' | 'containers' | 'started' | 'terminating' | 'terminated' | 'rejected'

export type ProbeKind = 'liveness' | 'readiness' | 'startup'

export interface ContainerWork {
  name: string
  image: string
  pullPolicy: string
  /** An init container: runs to completion before the next one starts. */
  init: boolean
  /** Index in spec.initContainers or spec.containers. */
  specIndex: number
  id?: string
  imageRef?: string
  /** ErrImagePull / ImagePullBackOff while a pull fails, CrashLoopBackOff while a restart waits. */
  waitingReason?: string
  waitingMessage?: string
  pullFailures: number
  /**
   * pending: not created yet; starting: in the CRI pipeline; running: started; backoff: waiting
   * to restart; done: exited for good (completed init container, or restartPolicy says no).
   */
  phase: 'pending' | 'starting' | 'running' | 'backoff' | 'done'
  restartCount: number
  /** The previous run's `terminated` state, for `lastState`. */
  lastTerminated?: Record<string, unknown>
  /** CrashLoopBackOff: the wait before the next restart; unset means restart at once. */
  backoffMs?: number
  /** Probe results: consecutive successes and failures, per probe. */
  probeOk: Partial<Record<ProbeKind, number>>
  probeFail: Partial<Record<ProbeKind, number>>
  ready: boolean
  started: boolean
}

/** One pod worker (pkg/kubelet/pod_workers.go): the pod's sync, step by step. */
export interface PodWorker {
  uid: string
  namespace: string
  name: string
  pod: KObject
  step: PodStep
  startTimeMs: number
  sandboxId?: string
  podIP?: string
  containers: ContainerWork[]
  /** Index of the container being pulled, created or started. */
  current: number
  /** Runtime states last reported for this pod's containers, by name. */
  seen: Record<string, RuntimeContainer>
  stopping: number
  /** Virtual ms the deletion began, for the grace left after preStop hooks. */
  terminatingAtMs?: number
  /** Pod-level restartPolicy: Always, OnFailure or Never. */
  restartPolicy: string
  /**
   * The cpu and memory requests admission counted for this pod, kept as the kubelet's allocation
   * manager keeps a pod's admitted resources (pkg/kubelet/allocation); set when first counted.
   */
  requests?: { cpu: number; memory: number }
  /** The ConfigMaps and Secrets the pod's volumes read, as GET answers them (volume-mount.ts). */
  volumeFetch?: { pending: number; got: Record<string, SourceAnswer> }
  /** Mount attempts that failed in a row, for the back-off. */
  mountFailures?: number
  /** Each ConfigMap or Secret volume's files once mounted: volume → relative path → content. */
  volumeFiles?: Record<string, Record<string, string>>
  /** The ConfigMaps and Secrets container `container`'s environment reads, as GET answers them. */
  envFetch?: { container: number; pending: number; got: Record<string, SourceAnswer> }
}

export interface RuntimeContainer {
  id: string
  name: string
  podUid: string
  state: 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED'
  startedAtMs?: number
  finishedAtMs?: number
  exitCode?: number
  reason?: string
  imageRef: string
  image: string
  changedBy: string | null
}

export type ApiCont =
  | { do: 'ignore' }
  | { do: 'token'; uid: string }
  | { do: 'lease' }
  | { do: 'final-status'; uid: string }
  | { do: 'register' }
  /** GET of the Node that already existed when the kubelet registered (after a restart). */
  | { do: 'registered' }
  /** GET of a ConfigMap or Secret a volume of the pod reads (volume-mount.ts). */
  | { do: 'volume-source'; uid: string; source: string }
  /** GET of a ConfigMap or Secret a container's environment reads (container-env.ts). */
  | { do: 'env-source'; uid: string; container: number; source: string }

export interface CriCont {
  uid: string
  container?: number
  /** An ExecSync for this probe, or for the preStop hook. */
  probe?: ProbeKind
  preStop?: boolean
  /** A `kubectl exec` the apiserver proxied here: its stream (exec.ts). */
  exec?: string
}

/** What a GET of a ConfigMap or Secret answered: the object, null (404), or another error's text. */
export type SourceAnswer = KObject | null | { error: string }

/** A followed log (`kubectl logs -f`): whom to write to, which run of which container, how far. */
export interface LogFollow {
  apiserver: ActorId
  uid: string
  /** Index into the pod worker's containers. */
  container: number
  runId: string
  /** When the run started (virtual ms), and up to which ms after it lines were sent. */
  startMs: number
  sentTo: number
}

export interface KubeletState {
  node: string
  hostIP: string
  client: ApiClient<ApiCont>
  runtime: ActorId
  nextCall: number
  calls: Record<string, CriCont>
  pods: Record<string, PodWorker>
  /** The node's Lease as last written, for the next renewal's resourceVersion. */
  lease: KObject | null
  node_: KObject | null
  /** Virtual ms of the last node status report (nodeStatusReportFrequency). */
  lastNodeReportMs: number
  /** After a restart: waiting for the runtime's list of containers to adopt. */
  adopting?: boolean
  /** Containers found running when the process started, adopted by the pod workers. */
  adopt?: RuntimeContainer[]
  /** A machine joining during the run: the Node its kubelet registers (register.ts). */
  register?: KObject
  /** Joined during the run: the runtime learns the pod CIDR once node-ipam allocates it. */
  awaitingPodCIDR?: boolean
  /** Open exec streams: stream id → the apiserver holding the client's connection (exec.ts). */
  execStreams?: Record<string, string>
  /** Followed logs, by stream id (logs-follow.ts). */
  follows?: Record<string, LogFollow>
  /** Every Service, for the containers' Service link variables (the kubelet's service informer). */
  services?: Cache
  /** --cluster-dns (kubeadm's KubeletConfiguration clusterDNS: the 10th address of the service CIDR). */
  clusterDNS?: string
}
