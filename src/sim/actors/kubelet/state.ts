/** A kubelet's state: its node, its pods' workers and the calls it waits on. */
import type { ActorId, KObject } from '../../protocol.ts'
import type { ApiClient } from '../client/api-client.ts'

export type PodStep = 'volumes' | 'sandbox' | 'containers' | 'started' | 'terminating' | 'terminated'

export interface ContainerWork {
  name: string
  image: string
  pullPolicy: string
  id?: string
  imageRef?: string
  /** ErrImagePull / ImagePullBackOff while a pull fails. */
  waitingReason?: string
  waitingMessage?: string
  pullFailures: number
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

export interface CriCont {
  uid: string
  container?: number
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
}
