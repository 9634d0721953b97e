/** Lesson: a request's path through a Service: EndpointSlice, kube-proxy's rules, DNS, DNAT. */
export const lessonServiceYaml = `# A request's path through a Service and kube-proxy.
title: A request's path through a Service
seed: 7
cluster:
  version: v1.34
  addons: [coredns]
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
    - {name: node-3, cpu: "4", memory: 8Gi}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.27 --replicas=2 --port=80"}
  - {at: 3s, kubectl: "expose deployment web --port=80"}
  - {at: 10s, kubectl: "get endpointslices"}
  - {at: 15s, traffic: "start web --rate 1 --from node-3"}
  - {at: 25s, traffic: stop}
chapters:
  - id: backends
    title: Pods, and their labels
    narration: >-
      \`kubectl create deployment web\` makes pods labelled \`app=web\`. Pods come and go with
      new IPs each time, so clients need a stable name and address: a Service.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl, label: /deployments}}
    pauseAtEnd: true
  - id: service
    title: A Service is a record
    narration: >-
      \`kubectl expose deployment web --port=80\` POSTs a Service with selector \`app=web\`.
      The API server allocates it a ClusterIP from the service range. No process listens on
      that address, on any node.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl, label: /services}}
    pauseAtEnd: true
  - id: endpointslice
    title: The EndpointSlice controller
    narration: >-
      In kube-controller-manager, the EndpointSlice controller finds the pods that match the
      selector and writes their IPs and ports into an EndpointSlice labelled
      \`kubernetes.io/service-name=web\`, marking each endpoint ready or not from the pod's
      Ready condition.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-controller-manager:0, label: /endpointslices}}
    pauseAtEnd: true
  - id: kube-proxy
    title: Every kube-proxy hears it
    narration: >-
      kube-proxy on every node watches Services and EndpointSlices. On each change it
      rewrites the node's iptables rules: a \`KUBE-SVC-\` chain for the ClusterIP that picks one
      \`KUBE-SEP-\` chain at random, one per endpoint, each a DNAT to a pod IP. Select a
      kube-proxy to read its rules.
    startsWhen: {afterFlow: {kind: watch.event, to: kube-proxy:node-3, label: EndpointSlice default/web}}
    pauseAtEnd: true
  - id: dns
    title: First, a name
    narration: >-
      A client on node-3 asks for \`web.default.svc.cluster.local\`. CoreDNS, which watches
      Services too, answers with the ClusterIP.
    startsWhen: {afterFlow: {kind: dns.answer}}
    pauseAtEnd: true
  - id: syn
    title: A packet to an address nobody owns
    narration: >-
      The client opens a TCP connection to the ClusterIP on port 80. The first hop in
      Messages, \`SYN <ClusterIP>:80/TCP (default/web)\`, is that packet entering node-3's
      kernel.
    startsWhen: {afterFlow: {kind: traffic.request, from: traffic-client}}
    pauseAtEnd: true
  - id: dnat
    title: DNAT on the client's node
    narration: >-
      The decision is made on node-3, in the kernel, by the rules kube-proxy wrote: the
      \`DNAT →\` hop rewrites the destination to one pod's IP and port, and the packet goes
      straight to that pod's node. The kube-proxy process itself never touches the packet.
    startsWhen: {afterFlow: {kind: traffic.request, from: kube-proxy:node-3, label: DNAT}}
    pauseAtEnd: true
  - id: response
    title: The answer
    narration: >-
      nginx answers \`HTTP 200\`; conntrack remembers the translation, so the reply comes back
      with the ClusterIP as its source.
    startsWhen: {afterFlow: {kind: traffic.response}}
    pauseAtEnd: true
  - id: spread
    title: Each connection, a new pick
    narration: >-
      One request a second. Each new connection goes through the rules again and may land on
      the other pod: the \`DNAT →\` labels name the pod each time.
    startsWhen: {atTime: 20s}
    pauseAtEnd: true
  - id: quiet
    title: Quiet
    narration: >-
      The traffic stopped at 25 s. Type \`get endpointslices\` or \`describe service web\` in
      the console to see the Service and its endpoints.
    startsWhen: {quiescent: true}
    pauseAtEnd: false
until: 40s
`
