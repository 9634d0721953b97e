/**
 * The types every layer shares: scenarios, flows, commands into the worker and updates out of it.
 * Types only: the UI, state, bridge and share layers import from here with `import type`.
 */

/* ------------------------------------------------------------------ actors */

/** Every kind of component the simulation draws. */
export type ActorKind =
  | 'kubectl'
  | 'kube-apiserver'
  | 'etcd'
  | 'kube-scheduler'
  | 'kube-controller-manager'
  | 'cloud-controller-manager'
  | 'kubelet'
  | 'kube-proxy'
  | 'container-runtime'
  | 'image-registry'
  /** Sends requests to a Service: a client pod on a node, or a client outside the cluster. */
  | 'traffic-client'
  /** The cluster DNS add-on: stands for the pods of the `coredns` Deployment in kube-system. */
  | 'coredns'
  /** The ingress-nginx add-on: stands for the controller process in its `ingress-nginx-controller` pod. */
  | 'ingress-nginx'

/**
 * `<component>:<instance>`: `kube-apiserver:0`, `etcd:0`, `kubelet:node-2`, `container-runtime:node-2`.
 * kubectl and the registry are singletons: `kubectl`, `image-registry`.
 */
export type ActorId = string

/** What the graph needs to draw one component. */
export interface ActorView {
  id: ActorId
  kind: ActorKind
  /** The Node this component runs on, for kubelet, kube-proxy and the container runtime. */
  node?: string
  /** False when the component is stopped by a fault, or exists only with a cloud provider. */
  running: boolean
  /** Drawn dimmed with this note, e.g. "only with a cloud provider". */
  dormant?: string
  /** True when a fault cut this node component off from the control plane. */
  partitioned?: boolean
  /**
   * What it is right now, drawn under its name: an etcd member's Raft role and term (`leader ·
   * term 3`); `waiting for its lease` for a kube-scheduler or kube-controller-manager that does not lead,
   * `releasing its lease` for a kube-scheduler stopped while it led, until the release is answered.
   */
  status?: string
}

/* ------------------------------------------------------------------- flows */

/**
 * One message between two components. Every send in the engine is exactly one Flow, and the UI
 * draws exactly one token per Flow.
 */
export interface Flow {
  /** `flow:<n>`, from the engine's counter. */
  id: string
  from: ActorId
  to: ActorId
  kind: FlowKind
  /** What a learner reads: `POST /api/v1/namespaces/default/pods`, `RunPodSandbox`, `ADDED Pod default/nginx`. */
  label: string
  /** Virtual ms. */
  sentAt: number
  /** Virtual ms; the token is at the receiver then. */
  arrivesAt: number
  /** The flow whose handling caused this send; null for a root (a typed command, a periodic timer). */
  causeId: string | null
  outcome: FlowOutcome
  /** Routine periodic traffic (lease renewals, PLEG relists): drawn faint, never slows time. */
  ambient: boolean
  /** Work the receiver did with this message (apiserver stages, scheduler plugins), in order. */
  stages?: Stage[]
  /**
   * The part of the sender that sent it, when one process hosts several: the controller inside
   * kube-controller-manager (`deployment-controller`, `replicaset-controller`, …). The UI lights
   * that part up while the flow travels.
   */
  via?: string
}

export type FlowOutcome = 'in-flight' | 'delivered' | 'dropped'

/** Message kinds, `<component>.<verb>`. One kind, one style in the UI. */
export type FlowKind =
  | 'apiserver.get'
  | 'apiserver.list'
  | 'apiserver.create'
  | 'apiserver.update'
  | 'apiserver.patch'
  | 'apiserver.delete'
  | 'apiserver.watch'
  | 'apiserver.response'
  | 'watch.event'
  /** A client hangs up one of its watches (kubectl get -w interrupted, rollout status done). */
  | 'watch.close'
  | 'etcd.txn'
  | 'etcd.range'
  | 'etcd.response'
  | 'etcd.watch'
  /** kube-apiserver opens or ends a watch on etcd for one client (a resource without a watch cache). */
  | 'etcd.watch-create'
  | 'etcd.watch-cancel'
  /** Raft between etcd members (a cluster of 3 or 5): replication, heartbeats, elections, reads. */
  | 'raft.append'
  | 'raft.append-response'
  | 'raft.heartbeat'
  | 'raft.heartbeat-response'
  | 'raft.vote'
  | 'raft.vote-response'
  | 'raft.propose'
  | 'raft.read-index'
  | 'raft.read-index-response'
  | 'raft.snapshot'
  | 'cri.call'
  | 'cri.reply'
  | 'registry.get'
  | 'registry.reply'
  | 'dns.query'
  | 'dns.answer'
  | 'traffic.request'
  | 'traffic.response'
  /** A machine resets a connection to a port nobody listens on (a stopped kubelet). */
  | 'net.refused'
  /** More of a stream the kubelet serves (logs -f lines, exec output), kubelet → apiserver → kubectl. */
  | 'stream.chunk'

/** A step of work inside one component, recorded on the flow it handled. */
export interface Stage {
  /** `authentication`, `authorization`, `admission`, `validation`, `storage`, `filter`, `score`, … */
  name: string
  outcome: 'ok' | 'failed' | 'skipped'
  /** Our words or the real message: `user "kubernetes-admin" (groups system:masters)`. */
  detail: string
}

/* --------------------------------------------------------------- scenarios */

/** A taint as the Node API holds it. */
export interface Taint {
  key: string
  value?: string
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'
}

export interface NodeImage {
  names: string[]
  sizeBytes: number
}

export interface NodeSpec {
  name: string
  /** Allocatable cpu, a Kubernetes quantity: "4", "3500m". */
  cpu: string
  /** Allocatable memory, a Kubernetes quantity: "8Gi". */
  memory: string
  /** Allocatable pods (kubelet --max-pods, default 110). */
  pods: number
  labels: Record<string, string>
  taints: Taint[]
  /** Images already on the node. */
  images: NodeImage[]
}

export interface ClusterSpec {
  /** The Kubernetes release emulated, `v1.34`. */
  version: string
  controlPlane: { apiservers: number; etcd: number }
  serviceCIDR: string
  podCIDR: string
  cloud: boolean
  addons: string[]
  nodes: NodeSpec[]
}

export interface RegistryImage {
  name: string
  sizeBytes: number
}

export type Fault =
  | { kind: 'stop-node'; node: string }
  | { kind: 'start-node'; node: string }
  | { kind: 'stop-kubelet'; node: string }
  | { kind: 'start-kubelet'; node: string }
  | { kind: 'stop-etcd-member'; member: number }
  | { kind: 'start-etcd-member'; member: number }
  | { kind: 'stop-component'; component: string }
  | { kind: 'start-component'; component: string }
  /** Cuts every link between the node's components and the control plane (not the registry). */
  | { kind: 'partition-node'; node: string }
  | { kind: 'heal-node'; node: string }
  /** The image registry stops answering: pulls time out. */
  | { kind: 'stop-registry' }
  | { kind: 'start-registry' }
  /**
   * A new machine joins (the Faults menu's "Add a node"): its kubelet registers the Node with the
   * size of the cluster's first node. A script's `addNode:` step gives the full spec instead.
   */
  | { kind: 'add-node'; node: string }
  /**
   * The machine is deleted in the cloud: it stops like a powered-off node and, with a cloud, the
   * cloud-controller-manager's node lifecycle controller deletes its Node.
   */
  | { kind: 'delete-instance'; node: string }

export type FaultKind = Fault['kind']

/** One timed line of a scenario's script. `atMs` is virtual time since the start. */
export type ScriptStep =
  /**
   * `interruptAfterMs`: Ctrl+C that long after the line was typed (a `get -w` or `rollout status`
   * that would otherwise run on); the file form is `interruptAfter: 20s`.
   */
  | { atMs: number; kubectl: string; stdin?: string; interruptAfterMs?: number }
  | { atMs: number; apply: string }
  | { atMs: number; fault: Fault }
  | { atMs: number; addNode: NodeSpec }
  /**
   * Starts or stops the traffic source: `start web --rate 20 --from node-1`, `start web --from outside`,
   * `start --ingress example.com/testpath --from outside` (HTTP through the ingress-nginx add-on), `stop`.
   */
  | { atMs: number; traffic: string }

/** A declarative chapter trigger, evaluated in the engine. */
export type Trigger =
  | { atTime: number }
  | { afterFlow: { kind: FlowKind; from?: ActorId; to?: ActorId; label?: string } }
  | { whenObject: { key: string; path: string; equals: unknown } }
  | { quiescent: true }

export interface Chapter {
  id: string
  title: string
  /** Plain text with `code` spans; never HTML. */
  narration: string
  startsWhen: Trigger
  pauseAtEnd: boolean
}

/**
 * A scenario after parsing and validation: durations are ms, every default is filled in.
 * The file format (DESIGN.md §4) is parsed into this by src/scenarios.
 */
export interface Scenario {
  title: string
  seed: number
  /** ISO instant of virtual time 0. */
  startTime: string
  cluster: ClusterSpec
  registry: { images: RegistryImage[] }
  script: ScriptStep[]
  chapters: Chapter[]
  /** Where a headless run stops. */
  untilMs: number
}

/* ------------------------------------------------------------ observations */

/** A Kubernetes object as stored: real JSON with apiVersion, kind, metadata, spec, status. */
export interface KObject {
  apiVersion: string
  kind: string
  metadata: {
    name?: string
    generateName?: string
    namespace?: string
    uid?: string
    resourceVersion?: string
    generation?: number
    creationTimestamp?: string
    deletionTimestamp?: string
    deletionGracePeriodSeconds?: number
    labels?: Record<string, string>
    annotations?: Record<string, string>
    ownerReferences?: unknown[]
    finalizers?: string[]
    [field: string]: unknown
  }
  [field: string]: unknown
}

/** What kubectl answered to one line, exactly as a terminal shows it. */
export interface KubectlResult {
  /** Virtual ms when the line was typed. */
  atMs: number
  /** Virtual ms when kubectl finished. */
  doneAtMs: number
  line: string
  exitCode: number
  stdout: string
  stderr: string
  /**
   * The `Warning: …` lines (a deprecated API's notice) kubectl wrote to stderr as the server's
   * answers came, before any output; `stderr` starts with them. A terminal shows them first.
   */
  warnings?: string
  /** The command's id when the UI typed it, so the console can match its answer. */
  requestId?: string
}

/**
 * A kubectl line still running that has printed something (`get -w`, `rollout status`): what the
 * terminal shows of it so far. Its `KubectlResult` replaces it when the line ends.
 */
export interface KubectlStream {
  /** Virtual ms when the line was typed. */
  atMs: number
  line: string
  /** Everything printed so far. */
  stdout: string
  /** `Warning: …` lines printed so far (on stderr, before the output). */
  warnings?: string
  requestId?: string
}

/** A change to the etcd contents: object null means the key was deleted. */
export interface ObjectChange {
  key: string
  object: KObject | null
  /** etcd revision of the change. */
  revision: number
}

/** A Kubernetes Event as the headless CLI reports it (DESIGN.md §4a), times in virtual ms. */
export interface EventSummary {
  type: string
  reason: string
  message: string
  involvedObject: { kind: string; namespace?: string; name: string }
  count: number
  firstTimestampMs: number
  lastTimestampMs: number
  /** `kubelet`, `default-scheduler`, … */
  source: string
}

/** What the graph draws for one pod, with STATUS and READY exactly as `kubectl get pods` shows them. */
export interface PodView {
  /** etcd key, `/registry/pods/default/nginx`. */
  key: string
  namespace: string
  name: string
  /** spec.nodeName; absent while the pod is unscheduled. */
  node?: string
  /** kubectl STATUS column: `Pending`, `ContainerCreating`, `Running`, `Terminating`, … */
  status: string
  /** kubectl READY column: `0/1`. */
  ready: string
  restarts: number
  podIP?: string
}

/* -------------------------------------------------------- worker protocol */

/** Commands from the page to the worker. */
export type Command =
  | { type: 'load'; scenario: Scenario }
  /**
   * Loads a scenario, replays the person's actions at their recorded positions, and stops paused
   * at `to` (a share link's moment). `displayMs` is the display time there, within 1 ms of `to`.
   */
  | {
      type: 'replay'
      scenario: Scenario
      userScript: UserAction[]
      to: SimPosition
      displayMs?: number
    }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'speed'; speed: number }
  /**
   * Deliver the next flow, animate it, then pause. With `skipAmbient`, routine traffic the page
   * hides (lease renewals, relists) is delivered on the way, and the step ends on the next
   * non-ambient flow.
   */
  | { type: 'step'; skipAmbient?: boolean }
  | { type: 'kubectl'; line: string; stdin?: string; requestId: string }
  /** Ctrl+C on the running kubectl line `requestId` (a watch): it hangs up and exits 130. */
  | { type: 'kubectl-interrupt'; requestId: string }
  | { type: 'reduced-motion'; reduced: boolean }
  /** Breaks (or repairs) a component now, as a scenario's `fault:` step does. */
  | { type: 'fault'; fault: Fault }
  /** Starts or stops the traffic source: `start web --rate 20 --from node-1`, `stop`. */
  | { type: 'traffic'; line: string }
  /** Follows a node's kube-proxy rules (`Update.proxyRules`); null stops. */
  | { type: 'inspect-proxy'; node: string | null }
  /** Breaks (or repairs) a component now, as a scenario's `fault:` step does. */
  | { type: 'fault'; fault: Fault }
  /**
   * Puts the cluster as it was (or will be) at virtual ms `t`, paused: the nearest checkpoint, then
   * replay. A command typed there forks a new branch.
   */
  | { type: 'seek'; t: number }
  /** Undoes the last delivery (the last visible one with `skipAmbient`): its token flies again. */
  | { type: 'step-back'; skipAmbient?: boolean }
  /** Follows a flow's cause tree (`Update.causeTree`); null stops. */
  | { type: 'inspect-flow'; id: string | null }
  /** Plays until the next chapter's trigger fires, then pauses there (a lesson's "Next"). */
  | { type: 'next-chapter' }
  /**
   * Follow one pod's scheduling decision (its etcd key), or stop with null: the worker answers
   * with a `pod-decision` message now and whenever the scheduler decides again.
   */
  | { type: 'inspect-pod'; key: string | null }
  /** Follow one component for the inspector panel (`Update.actorInspection`); null stops. */
  | { type: 'inspect-actor'; id: string | null }
  /** Follow one stored object (its etcd key) for the object inspector (`Update.objectHistory`); null stops. */
  | { type: 'inspect-object'; key: string | null }

/** The pacer's mapping of wall time to virtual time, so the page can interpolate between updates. */
export interface TimeAnchor {
  /** Virtual ms (may be fractional) at `wallAt`. */
  virtualAt: number
  /** The worker's wall clock, in ms, at that moment. */
  wallAt: number
  /** Virtual ms per wall ms right now (speed × dilation); 0 when paused. */
  rate: number
  /** The page must never display past this virtual time. */
  maxVirtual: number
}

/** One batch from the worker, at most one per animation frame. */
export interface Update {
  type: 'update'
  /** True on the first update after a load: replace everything mirrored so far. */
  reset: boolean
  scenarioTitle: string
  anchor: TimeAnchor
  playing: boolean
  speed: number
  /** Flows the engine sent since the last update. */
  flowsStarted: Flow[]
  /** Flows whose outcome became final since the last update. */
  flowsSettled: { id: string; outcome: FlowOutcome; stages?: Stage[] }[]
  objects: ObjectChange[]
  kubectl: KubectlResult[]
  /**
   * kubectl lines still running that printed since the last update (each with all it printed);
   * on a reset, every running line that has printed.
   */
  kubectlStreams?: KubectlStream[]
  /** Sent when the set of components or their running state changes. */
  actors?: ActorView[]
  /** Every pod, sent whenever any pod changed. */
  pods?: PodView[]
  /** Count of flows delivered so far. */
  deliveredCount: number
  /** True when the script is done and nothing is left but routine traffic. */
  idle: boolean
  /** The traffic source's counters, sent when they change. */
  traffic?: TrafficView
  /** The followed node's kube-proxy rules, sent after `inspect-proxy` and after each of its syncs. */
  proxyRules?: ProxyRulesView | null
  /** The person's actions since the load, oldest first; sent on a reset and when one is added. */
  userScript?: UserAction[]
  /**
   * Sent while the simulation rests (paused, no glide): where it stands exactly, its trace hash,
   * and how many commands the host had handled, so the page can tell a rest from before its last.
   */
  rest?: { position: SimPosition; displayMs: number; traceHash: string; commands: number }
  /** The run's extent and what happened where; sent on a reset and whenever it changes. */
  timeline?: TimelineInfo
  /** The followed flow's cause tree, sent after `inspect-flow` and whenever it grows or settles. */
  causeTree?: { id: string; tree: CauseTreeView | null }
  /** The lesson's current chapter (-1 before the first), sent on a reset and when it changes. */
  chapter?: ChapterView
  /** The inspected pod's scheduling decision, sent after `inspect-pod` and whenever it changes. */
  podDecision?: PodDecisionMessage
  /** The inspected component's live state, sent after `inspect-actor` and whenever it changes. */
  actorInspection?: ActorInspectionMessage
  /** The inspected object's revisions, sent after `inspect-object` and whenever it is written. */
  objectHistory?: { key: string; history: ObjectHistoryView | null }
}

/** One stored version of an object: the etcd write that made it and who asked for it. */
export interface ObjectRevisionView {
  /** etcd revision of the write; a stored object's resourceVersion is this number. */
  revision: number
  /** Virtual ms the write was committed (the etcd txn's arrival); null when it predates the run. */
  atMs: number | null
  /** The object as stored at this revision; null when this write deleted the key. */
  object: KObject | null
  /** The etcd txn flow that wrote it. */
  txnFlowId?: string
  /** The API request behind the write: its flow, sender (and the controller inside it), label. */
  request?: { flowId: string; from: ActorId; via?: string; label: string }
}

/** An object's resourceVersion history up to now (Simulation.objectHistory). */
export interface ObjectHistoryView {
  key: string
  /** Oldest first; the last one is what etcd holds now (or the deletion). */
  revisions: ObjectRevisionView[]
  /** True when older revisions were dropped (only the most recent ones are kept per key). */
  truncated: boolean
}

/** A flow's causes up to the root, and everything it caused (Simulation.causeTree). */
export interface CauseTreeView {
  id: string
  /** From the root (a typed line, a timer) down to the flow itself. */
  chain: Flow[]
  /** Every flow it caused, directly or not, in send order, with the depth below it. */
  descendants: { flow: Flow; depth: number }[]
  /** True when there were more descendants than listed. */
  truncated: boolean
  /** The kubectl line that started the chain, when a person or the script typed it. */
  line?: string
}

/** Where a lesson stands (`Update.chapter`). */
export interface ChapterView {
  index: number
  count: number
  title: string
  narration: string
  /** True while "Next" is playing towards the next chapter's trigger. */
  playingToNext: boolean
}

/** Something worth a mark on the timeline. */
export interface TimelineMarker {
  /** Virtual ms. */
  atMs: number
  /** `script`: a scenario step; `action`: the person's command; `event`: a Kubernetes Event. */
  kind: 'script' | 'action' | 'event' | 'fault' | 'chapter'
  label: string
}

export interface TimelineInfo {
  /** The furthest virtual ms this branch has run to. */
  headMs: number
  /** The timeline's right end: the scenario's `until`, or the head when it ran past. */
  endMs: number
  markers: TimelineMarker[]
}

/** A message from the worker to the page. */
export type WorkerMessage = Update | { type: 'error'; message: string }

/** The scheduler's last decision for the pod being inspected (`Update.podDecision`); null when it has none. */
export interface PodDecisionMessage {
  key: string
  decision: PodDecisionView | null
}

/** One filter plugin's verdict on one node. */
export interface FilterVerdictView {
  plugin: string
  /** `skip`: PreFilter returned Skip; `not-run`: an earlier filter failed, or the node was not examined. */
  verdict: 'pass' | 'fail' | 'skip' | 'not-run'
  reasons: string[]
  /** The status code of a failure: `Unschedulable` or `UnschedulableAndUnresolvable`. */
  code?: string
}

export interface NodeScoreView {
  plugin: string
  raw: number
  normalized: number
  /** normalized × weight. */
  weighted: number
}

export interface NodeDecisionView {
  name: string
  /**
   * `not-examined`: enough feasible nodes were found first (percentageOfNodesToScore);
   * `prefilter-excluded`: NodeAffinity's PreFilter named other nodes.
   */
  outcome: 'feasible' | 'failed' | 'not-examined' | 'prefilter-excluded'
  filters: FilterVerdictView[]
  scores: NodeScoreView[]
  total?: number
  winner: boolean
}

/** kube-scheduler's decision for one pod, plugin by plugin and node by node (the inspector's table). */
export interface PodDecisionView {
  /** `namespace/name`. */
  pod: string
  /** Virtual ms of the scheduling cycle. */
  atMs: number
  attempt: number
  nodesTotal: number
  /** numFeasibleNodesToFind for this cycle. */
  numNodesToFind: number
  /** nextStartNodeIndex this cycle started filtering at. */
  startIndex: number
  /** Filter plugins in the profile's order. */
  filterPlugins: string[]
  preFilterSkipped: { plugin: string; why: string }[]
  scorePlugins: { plugin: string; weight: number; skipped: boolean; why?: string }[]
  /** False when 0 or 1 node passed the filters: nothing to score. */
  scored: boolean
  nodes: NodeDecisionView[]
  /** The nominated node, tried first. */
  nominatedTriedFirst?: string
  winner?: string
  /** The FitError text (`0/3 nodes are available: …`) when no node fitted. */
  message?: string
  /** Where preemption made room, and the pods deleted for it. */
  nominatedNode?: string
  victims?: string[]
}

/* ------------------------------------------------------------- share links */

/**
 * Where a simulation stands, exactly enough to come back to it byte for byte. Without `delivered`,
 * every event up to `atMs` has run; with it, the engine stopped right after delivering that many
 * flows (a step), and events of the same virtual ms may still be queued.
 */
export interface SimPosition {
  /** Virtual ms of the engine's clock, whole. */
  atMs: number
  delivered?: number
}

/** Something the person did to the running simulation, and where: a share link replays it. */
export type UserAction =
  /** With `interrupt`: Ctrl+C on the line typed with `requestId` (`kubectl` is then empty). */
  | { at: SimPosition; kubectl: string; stdin?: string; requestId?: string; interrupt?: true }
  | { at: SimPosition; fault: Fault }
  /** A line for the traffic source (`start web --rate 20 --from node-1`, `stop`). */
  | { at: SimPosition; traffic: string }

/* ----------------------------------------------------------------- traffic */

/** The traffic source's counters (`Simulation.trafficView`). */
export interface TrafficView {
  running: boolean
  /** `default/web`, when running. */
  service?: string
  /** A node's name for a client pod there, or `outside`. */
  from?: string
  rate?: number
  sent: number
  ok: number
  refused: number
  /** Answers per pod name. */
  counts: Record<string, number>
  /** The node each answering pod runs on. */
  podNodes: Record<string, string>
  /** Why the last start or request could not go. */
  note?: string
  /** The client pod's /etc/resolv.conf (dnsPolicy ClusterFirst), when it runs on a node. */
  resolvConf?: string
  /** Answers per HTTP status (`200`, `404`, `503`); connection refused is `refused`. */
  codes?: Record<string, number>
  /** `host/path` the requests ask the ingress controller for, in ingress mode. */
  ingress?: string
}

/** One node's kube-proxy rules as `iptables-save` prints them. */
export interface ProxyRulesView {
  node: string
  syncs: number
  /** Virtual ms of the last sync; -1 before the first. */
  lastSyncAt: number
  text: string
}

/* ------------------------------------------------------- component inspector */

/** The inspected component's live state (`Update.actorInspection`); null when no such actor exists. */
export interface ActorInspectionMessage {
  id: string
  inspection: ActorInspection | null
}

/** One table of a component's live state: the scheduler's activeQ, a kubelet's pod workers. */
export interface InspectionSection {
  title: string
  columns: string[]
  rows: string[][]
  /** Shown when `rows` is empty. */
  empty: string
}

/** What a component holds right now, read from its state (`Simulation.inspect`); plain data. */
export interface ActorInspection {
  id: ActorId
  kind: ActorKind
  running: boolean
  node?: string
  /** Virtual ms it was read at. */
  atMs: number
  /** Single values: `revision 412`, `rules 18`. */
  facts: { label: string; value: string }[]
  sections: InspectionSection[]
}
