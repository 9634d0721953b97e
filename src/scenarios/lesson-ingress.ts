/** Lesson: Ingress → Service → Pod through the ingress-nginx controller add-on. */
export const lessonIngressYaml = `# Ingress → Service → Pod, through the ingress-nginx controller.
title: "Ingress → Service → Pod"
seed: 7
cluster:
  version: v1.34
  addons: [coredns, ingress-nginx]
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.27 --replicas=2 --port=80"}
  - {at: 3s, kubectl: "expose deployment web --port=80"}
  - {at: 5s, kubectl: "create ingress web --class=nginx --rule=example.com/*=web:80"}
  - {at: 90s, kubectl: "get ingress"}
  - {at: 95s, traffic: "start --ingress example.com/ --rate 1 --from outside"}
  - {at: 105s, traffic: "start --ingress other.example.org/ --rate 1 --from outside"}
  - {at: 110s, traffic: stop}
chapters:
  - id: ingress
    title: An Ingress is a record
    narration: >-
      \`kubectl create ingress web --class=nginx --rule=example.com/*=web:80\` POSTs an Ingress:
      requests for host \`example.com\`, any path (\`/\`, pathType Prefix), go to Service \`web\`
      port 80. The API server only stores it. Nothing routes anything until a controller of
      its class reads it.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl, label: /ingresses}}
    pauseAtEnd: true
  - id: controller
    title: The controller is a pod
    narration: >-
      The add-on's \`ingress-nginx-controller\` pod was scheduled and started like any other.
      Now its process starts its informers: a LIST, then a WATCH, of Ingresses,
      IngressClasses, Services and EndpointSlices. The \`ingress-nginx\` box stands for that
      process; select it to read its routing table.
    startsWhen: {afterFlow: {kind: apiserver.list, from: ingress-nginx, label: /ingresses}}
    pauseAtEnd: true
  - id: sync
    title: Claimed
    narration: >-
      The Ingress names IngressClass \`nginx\`, whose controller is \`k8s.io/ingress-nginx\`:
      this controller claims it, records the Event \`Sync: Scheduled for sync\`, and turns it
      into an nginx server for \`example.com\` with a location \`/\` whose upstream is the
      ready endpoints of Service \`web\`, read from its EndpointSlice.
    startsWhen: {afterFlow: {kind: apiserver.create, from: ingress-nginx, label: /events}}
    pauseAtEnd: true
  - id: status
    title: The ADDRESS column
    narration: >-
      Every 60 s the controller works out where it answers (without a cloud: the node of its
      Ready pod) and PUTs that into the Ingress's \`status.loadBalancer.ingress\`. That is what
      \`kubectl get ingress\` shows as ADDRESS.
    startsWhen: {afterFlow: {kind: apiserver.update, from: ingress-nginx, label: /status}}
    pauseAtEnd: true
  - id: request
    title: A request from outside
    narration: >-
      A client outside the cluster sends \`GET /\` with \`Host: example.com\` to a node's
      NodePort, the port of the controller's Service.
    startsWhen: {afterFlow: {kind: traffic.request, from: traffic-client}}
    pauseAtEnd: true
  - id: to-controller
    title: kube-proxy sends it to nginx
    narration: >-
      The node's rules DNAT it to the controller pod, as for any Service. Only there is the
      HTTP request read: nginx picks the server by the Host header and the location by the
      path.
    startsWhen: {afterFlow: {kind: traffic.request, to: ingress-nginx}}
    pauseAtEnd: true
  - id: proxied
    title: Straight to a pod
    narration: >-
      nginx proxies to one of the upstream's endpoints, a pod IP and port from the
      EndpointSlice, round robin. It skips the Service's ClusterIP and kube-proxy's random
      pick: the Service is only where it reads the list of endpoints.
    startsWhen: {afterFlow: {kind: traffic.request, from: ingress-nginx}}
    pauseAtEnd: true
  - id: response
    title: Back through nginx
    narration: >-
      The pod answers nginx, and nginx answers the client: \`HTTP 200\`, and the Traffic
      panel counts it for that pod.
    startsWhen: {afterFlow: {kind: traffic.response, from: ingress-nginx, label: HTTP 200}}
    pauseAtEnd: true
  - id: not-found
    title: No rule, 404
    narration: >-
      Now the client asks for \`other.example.org\`. No Ingress rule has that host and no
      Ingress sets a default backend, so nginx's default server answers \`404 Not Found\`
      itself: no pod is asked.
    startsWhen: {afterFlow: {kind: traffic.response, from: ingress-nginx, label: HTTP 404}}
    pauseAtEnd: true
  - id: quiet
    title: Quiet
    narration: >-
      The traffic stopped at 110 s. Type \`describe ingress web\` to see its rules with the
      endpoints behind them and its events, or scale \`web\` to 0 and send traffic again for a
      \`503\`.
    startsWhen: {quiescent: true}
    pauseAtEnd: false
until: 130s
`
