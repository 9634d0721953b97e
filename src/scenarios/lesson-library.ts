/** The lesson library in the order a newcomer should meet it, each with a one-line summary. */
export interface LessonSummary {
  /** A scenario id from `scenarios` (index.ts). */
  id: string
  summary: string
}

export const lessonLibrary: readonly LessonSummary[] = [
  {
    id: 'lesson-tour',
    summary: 'Every component of the control plane and of a node, each shown at work.',
  },
  {
    id: 'lesson-pod-hops',
    summary: 'Follow one pod from kubectl to a running container, message by message.',
  },
  {
    id: 'lesson-deployment',
    summary: 'A pod deleted and replaced, a scale, a rolling update: controllers reconcile.',
  },
  {
    id: 'lesson-scheduling',
    summary: 'Requests, taints and tolerations, affinity, and a pod no node can hold.',
  },
  {
    id: 'lesson-node-failure',
    summary: 'A node loses power: NotReady after 50 s, its pods evicted 5 minutes later.',
  },
  {
    id: 'lesson-crashloop',
    summary: 'A crashing container, the back-off between restarts, readiness and liveness probes.',
  },
  {
    id: 'lesson-control-plane',
    summary: 'Scheduler and controller-manager stopped: what keeps working, what waits.',
  },
  {
    id: 'lesson-etcd-quorum',
    summary: 'etcd as three Raft members: a write replicated, a leader re-elected, quorum lost and regained.',
  },
  {
    id: 'lesson-service',
    summary: 'A request through a Service: EndpointSlice, DNS, kube-proxy rules and DNAT.',
  },
  {
    id: 'lesson-inside-pod',
    summary: 'kubectl exec into a pod: its resolv.conf, the DNS search list, a request to a Service, its environment.',
  },
  {
    id: 'lesson-ingress',
    summary: 'An Ingress, the ingress-nginx controller that claims it, and HTTP routed by host and path.',
  },
]
