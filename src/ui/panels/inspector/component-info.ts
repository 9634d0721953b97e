/**
 * What each component is, in our own words, with what it watches, what it writes and its flags as
 * Kubernetes v1.34 defaults them. `engine` says the value the simulation runs with when it differs
 * from or pins the default. Sources: FIDELITY.md §1.0.1, §6 (defaults table) and §7, and each
 * component's config defaults.go named in the comments.
 */
import type { ActorKind } from '../../../sim/protocol.ts'

export interface ComponentFlag {
  /** As typed on the command line, or as the config file field spells it. */
  flag: string
  /** The v1.34 default. */
  value: string
  /** What the engine uses, when it matters. */
  engine?: string
}

export interface ComponentInfo {
  what: string
  watches: string[]
  writes: string[]
  flags: ComponentFlag[]
}

// --enable-admission-plugins: the plugins on by default in v1.34 (FIDELITY.md §1.0.1, from the
// kube-apiserver reference); the engine reproduces the ones that matter for its objects.
const admissionPlugins =
  'NamespaceLifecycle, LimitRanger, ServiceAccount, TaintNodesByCondition, PodSecurity, Priority, DefaultTolerationSeconds, DefaultStorageClass, StorageObjectInUseProtection, PersistentVolumeClaimResize, RuntimeClass, CertificateApproval, CertificateSigning, ClusterTrustBundleAttest, CertificateSubjectRestriction, DefaultIngressClass, PodTopologyLabels, MutatingAdmissionPolicy, MutatingAdmissionWebhook, ValidatingAdmissionPolicy, ValidatingAdmissionWebhook, ResourceQuota'

export const componentInfo: Record<ActorKind, ComponentInfo> = {
  'kube-apiserver': {
    what: 'The only door into the cluster: every component and every kubectl command talks to it over HTTPS, never to each other. Each request is authenticated, authorized, defaulted, passed through the admission plugins, validated and then stored in etcd. It keeps a watch cache of every object but events and streams changes to the clients that watch them; a watch of events it serves with a watch of its own on etcd.',
    watches: ['etcd: every key under /registry/ but events (one watch feeding its watch cache)', 'etcd: /registry/events/… while a client watches events (one watch per client watch)'],
    writes: ['etcd: every object a client creates, updates or deletes (as a Txn)', 'watch events to every client with a matching watch'],
    flags: [
      { flag: '--authorization-mode', value: 'AlwaysAllow (kubeadm sets Node,RBAC)', engine: 'Node,RBAC' },
      { flag: '--enable-admission-plugins (on by default)', value: admissionPlugins, engine: 'NamespaceLifecycle, ServiceAccount, Priority, DefaultTolerationSeconds and Service allocation are modelled' },
      { flag: '--secure-port', value: '6443' },
      { flag: '--service-cluster-ip-range', value: '(none; kubeadm 10.96.0.0/12)', engine: 'scenario serviceCIDR' },
      { flag: '--default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds', value: '300 / 300' },
      { flag: '--event-ttl', value: '1h0m0s' },
      { flag: '--watch-cache-sizes', value: '(none; events default to 0: no watch cache)' },
      { flag: '--etcd-compaction-interval', value: '5m0s' },
    ],
  },
  etcd: {
    what: 'A consistent key-value store that holds the whole state of the cluster: each object is one key under /registry/. Every committed write bumps one global revision, and that revision becomes the object’s resourceVersion. Only kube-apiserver talks to it, through watches and transactions.',
    watches: ['nothing: it is watched (by kube-apiserver)'],
    writes: ['its own keys, at a new revision per write', 'watch events to kube-apiserver'],
    flags: [
      { flag: '--heartbeat-interval', value: '100 (ms)', engine: '100ms (one member: no elections)' },
      { flag: '--election-timeout', value: '1000 (ms)', engine: '1000ms' },
      { flag: '--data-dir', value: '${name}.etcd (kubeadm /var/lib/etcd)' },
      { flag: '--quota-backend-bytes', value: '2 GiB' },
      { flag: '--listen-client-urls', value: 'http://localhost:2379 (kubeadm https on 2379)' },
    ],
  },
  'kube-scheduler': {
    what: 'Gives every pod without a node one. It takes pods from its scheduling queue one at a time, filters out the nodes that cannot run them, scores the rest and binds the pod to the best node with a POST to the pod’s binding subresource. A pod that fits nowhere waits in backoff, then among the unschedulable pods until a cluster event may help.',
    watches: ['pods (unscheduled, and assigned ones for its cache)', 'nodes', 'services, replicasets, statefulsets (spreading)'],
    writes: ['pods/binding (spec.nodeName)', 'pods/status (PodScheduled=False, nominatedNodeName)', 'events (Scheduled, FailedScheduling)', 'its Lease kube-system/kube-scheduler (renewed every 2 s)'],
    flags: [
      { flag: 'podInitialBackoffSeconds', value: '1', engine: '1s' },
      { flag: 'podMaxBackoffSeconds', value: '10', engine: '10s' },
      { flag: 'max time among unschedulable pods', value: '5m (DefaultPodMaxInUnschedulablePodsDuration)', engine: '5m' },
      { flag: 'percentageOfNodesToScore', value: '0 (adaptive: all nodes below 100)', engine: 'adaptive' },
      { flag: 'profiles[0].schedulerName', value: 'default-scheduler' },
      { flag: '--leader-elect (leaseDuration / renewDeadline / retryPeriod)', value: 'true (15s / 10s / 2s)', engine: '15s / 10s / 2s; releases its Lease when stopped' },
    ],
  },
  'kube-controller-manager': {
    what: 'One process running many control loops. Each controller watches some kinds, compares what is asked (spec) with what exists, and creates, updates or deletes objects to close the gap: the ReplicaSet controller makes pods, the Deployment controller makes ReplicaSets, the node lifecycle controller notices nodes that stop reporting. Each controller keeps a work queue of object keys to reconcile.',
    watches: ['deployments, replicasets, pods, nodes, leases, daemonsets, statefulsets, jobs, cronjobs', 'namespaces, serviceaccounts, services, endpointslices'],
    writes: ['pods, replicasets, controllerrevisions (the workload controllers)', 'node taints and pod Ready=False (node lifecycle)', 'endpointslices, endpoints', 'events', 'its Lease kube-system/kube-controller-manager (renewed every 2 s)'],
    flags: [
      { flag: '--node-monitor-period', value: '5s', engine: '5s' },
      { flag: '--node-monitor-grace-period', value: '50s', engine: '50s' },
      { flag: '--node-startup-grace-period', value: '1m0s', engine: '60s' },
      { flag: '--node-eviction-rate / --secondary-node-eviction-rate', value: '0.1 / 0.01 per second' },
      { flag: '--concurrent-deployment-syncs / --concurrent-replicaset-syncs', value: '5 / 5' },
      { flag: '--terminated-pod-gc-threshold', value: '12500' },
      { flag: '--controllers', value: '* (every controller on by default)' },
      { flag: '--leader-elect (leaseDuration / renewDeadline / retryPeriod)', value: 'true (15s / 10s / 2s)', engine: '15s / 10s / 2s; keeps its Lease when stopped' },
    ],
  },
  'cloud-controller-manager': {
    what: 'The cluster’s link to a cloud provider’s API, split out of kube-controller-manager so providers can ship it themselves. Its service controller creates a load balancer for each Service of type LoadBalancer and writes the address back into the Service’s status. Without a cloud it does not run, and such Services stay <pending>.',
    watches: ['services', 'nodes'],
    writes: ['services/status (status.loadBalancer.ingress)', 'events (EnsuringLoadBalancer, EnsuredLoadBalancer)'],
    flags: [
      { flag: '--cloud-provider', value: '(required)', engine: 'a simulated cloud when cluster.cloud is true' },
      { flag: '--controllers', value: '* (cloud-node, cloud-node-lifecycle, route, service)' },
      { flag: '--concurrent-service-syncs', value: '1' },
    ],
  },
  kubelet: {
    what: 'The agent on every node. It watches the pods bound to its node and drives each one through a pod worker: volumes, a pod sandbox, image pulls, containers, probes, through containerd’s CRI API. It reports the node’s health by renewing its Lease and patching the Node status, and each pod’s status as it changes.',
    watches: ['pods with spec.nodeName=<its node>', 'its own Node', 'containerd (PLEG relist)'],
    writes: ['pods/status', 'nodes/status', 'leases in kube-node-lease (renewTime)', 'events (Pulling, Pulled, Created, Started, …)', 'CRI calls to containerd'],
    flags: [
      { flag: 'nodeStatusUpdateFrequency', value: '10s', engine: '10s' },
      { flag: 'nodeStatusReportFrequency', value: '5m', engine: '5m' },
      { flag: 'nodeLeaseDurationSeconds', value: '40', engine: '40s, renewed every 10s (× 0.25)' },
      { flag: 'PLEG relist period', value: '1s (not a flag)', engine: '1s' },
      { flag: 'maxPods', value: '110' },
      { flag: 'CrashLoopBackOff (initial / max)', value: '10s / 5m (not a flag)', engine: '10s / 5m' },
      { flag: '--container-runtime-endpoint', value: 'unix:///run/containerd/containerd.sock' },
    ],
  },
  'kube-proxy': {
    what: 'Runs on every node and makes Service addresses work. It watches Services and EndpointSlices and rewrites the node’s packet rules (iptables here) so that traffic to a ClusterIP or NodePort is sent to one of the ready pods behind it. It does not carry traffic itself: the kernel does.',
    watches: ['services', 'endpointslices'],
    writes: ['iptables rules on its node (KUBE-SERVICES, KUBE-SVC-*, KUBE-SEP-*)'],
    flags: [
      { flag: '--proxy-mode', value: 'iptables (on Linux)', engine: 'iptables' },
      { flag: 'iptables.minSyncPeriod', value: '1s', engine: '1s' },
      { flag: 'iptables.syncPeriod', value: '30s', engine: '30s' },
      { flag: '--cluster-cidr', value: '(none)', engine: 'scenario podCIDR' },
    ],
  },
  'container-runtime': {
    what: 'containerd, the container runtime the kubelet drives through the CRI (a gRPC API on a unix socket). It pulls images from the registry, creates the pod sandbox with its network namespace and IP, and creates, starts and stops containers. It knows nothing about Kubernetes objects.',
    watches: ['nothing: the kubelet calls it and relists it'],
    writes: ['pod sandboxes, containers and images on its node', 'image requests to the registry'],
    flags: [
      { flag: 'grpc.address', value: '/run/containerd/containerd.sock' },
      { flag: 'plugins."io.containerd.grpc.v1.cri".sandbox_image', value: 'registry.k8s.io/pause:3.10' },
      { flag: 'SystemdCgroup', value: 'false (kubeadm clusters set true)' },
    ],
  },
  'image-registry': {
    what: 'An OCI registry outside the cluster that stores container images. containerd asks it for an image’s manifest, then downloads its layers; the time that takes depends on the image size. It is not a Kubernetes component.',
    watches: ['nothing'],
    writes: ['manifests and layers, to the runtime that asks'],
    flags: [{ flag: 'download speed', value: '—', engine: '25 MB/s after the manifest' }],
  },
  kubectl: {
    what: 'The command-line client. It turns a command into REST requests to kube-apiserver, waits for the answers and prints them as kubectl does. It holds no cluster state of its own.',
    watches: ['only while a command waits (kubectl delete --wait, rollout status)'],
    writes: ['whatever the typed command asks for, through kube-apiserver'],
    flags: [
      { flag: '--namespace', value: 'default (from the kubeconfig context)' },
      { flag: '--request-timeout', value: '0 (no timeout)' },
    ],
  },
  'traffic-client': {
    what: 'Not a Kubernetes component: a source of requests to a Service, inside the cluster (a client pod) or outside it. It shows where kube-proxy’s rules send each request.',
    watches: ['nothing'],
    writes: ['requests to a Service address'],
    flags: [],
  },
  coredns: {
    what: 'The cluster’s DNS server, an add-on kubeadm installs: the pods of the coredns Deployment in kube-system, behind the kube-dns Service at the tenth address of the service range. Pods with dnsPolicy ClusterFirst ask it first; its kubernetes plugin answers <service>.<namespace>.svc.cluster.local with the ClusterIP (or, for a headless Service, one record per ready endpoint) and NXDOMAIN for names that do not exist.',
    watches: ['services', 'endpointslices', 'namespaces'],
    writes: ['DNS answers (A records) to the pods that ask'],
    flags: [
      { flag: 'image', value: 'registry.k8s.io/coredns/coredns:v1.12.1' },
      { flag: 'replicas', value: '2 (kubeadm)' },
      { flag: 'kubernetes plugin', value: 'cluster.local in-addr.arpa ip6.arpa, pods insecure, ttl 30' },
      { flag: 'cache', value: '30 (success and denial disabled for cluster.local)' },
    ],
  },
  'ingress-nginx': {
    what: 'The community ingress-nginx controller (an add-on): the process in the ingress-nginx-controller pod. It watches Ingresses of its IngressClass nginx, the Services and EndpointSlices they name, and turns them into nginx servers (one per host) and locations (one per path); a request reaching the pod through the controller Service is matched by Host header and path and proxied straight to a ready endpoint pod. No rule matches: 404 from its default backend; no ready endpoint: 503. It writes the Ingresses’ status.loadBalancer.ingress (the ADDRESS column) every 60 s.',
    watches: ['ingresses', 'ingressclasses', 'services', 'endpointslices', 'its own pods'],
    writes: ['ingresses/status', 'events (Sync: Scheduled for sync)', 'HTTP answers and proxied requests'],
    flags: [
      { flag: 'image', value: 'registry.k8s.io/ingress-nginx/controller:v1.14.4' },
      { flag: '--controller-class', value: 'k8s.io/ingress-nginx' },
      { flag: '--ingress-class', value: 'nginx' },
      { flag: '--watch-ingress-without-class', value: 'false (an Ingress without a class is taken only when IngressClass nginx is the default)' },
      { flag: '--publish-service', value: 'only with a cloud: ingress-nginx/ingress-nginx-controller (else the nodes of its Ready pods)' },
      { flag: 'load-balance', value: 'round_robin' },
    ],
  },
}
