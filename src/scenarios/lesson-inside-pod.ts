/** Lesson: a pod seen from inside with kubectl exec: its resolv.conf, DNS search list, env, a request. */
export const lessonInsidePodYaml = `# Looking at the cluster from inside a pod, with kubectl exec.
title: Inside a pod, with kubectl exec
seed: 11
cluster:
  version: v1.34
  addons: [coredns]
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.27 --replicas=2 --port=80"}
  - {at: 2s, kubectl: "expose deployment web --port=80"}
  - {at: 3s, kubectl: "run client --image=busybox:1.28 -- sleep 3600"}
  - {at: 15s, kubectl: "exec client -- cat /etc/resolv.conf"}
  - {at: 20s, kubectl: "exec client -- nslookup web"}
  - {at: 25s, kubectl: "exec client -- nslookup web.default"}
  - {at: 30s, kubectl: "exec client -- wget -qO- http://web"}
  - {at: 35s, kubectl: "exec client -- env"}
  - {at: 40s, kubectl: "exec deploy/web -- nslookup web"}
chapters:
  - id: exec
    title: kubectl exec is an API request
    narration: >-
      \`kubectl exec client -- cat /etc/resolv.conf\` first GETs the pod, then POSTs to its
      \`exec\` subresource with the command in the query. The API server runs nothing itself: it
      proxies the stream to the kubelet of the pod's node, on port 10250.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl, label: exec?command=cat}}
    pauseAtEnd: true
  - id: cri-exec
    title: The kubelet asks the runtime
    narration: >-
      The kubelet finds the running container and calls the container runtime's CRI \`Exec\`;
      containerd starts the process inside the container's namespaces and streams its output
      back the way the request came. The kubelet chose the file's contents (its --cluster-dns and
      the pod's dnsPolicy) and containerd wrote it when it made the sandbox: the nameserver is
      the kube-dns Service's ClusterIP, with the cluster's search domains and \`ndots:5\`.
    startsWhen: {afterFlow: {kind: cri.call, label: Exec}}
    pauseAtEnd: true
  - id: lookup
    title: A name, looked up from inside
    narration: >-
      \`nslookup web\` sends a DNS question to 10.96.0.10. The node's kube-proxy rules DNAT it
      to a CoreDNS pod, which answers from the Services it watches. The resolver tried
      \`web.default.svc.cluster.local\` first: \`web\` has fewer than five dots, so the search list
      comes before the name itself.
    startsWhen: {afterFlow: {kind: dns.answer, label: web.default.svc.cluster.local A}}
    pauseAtEnd: true
  - id: ndots
    title: The search list, one question at a time
    narration: >-
      \`web.default\` still has fewer than five dots, so the resolver appends the first search
      domain: \`web.default.default.svc.cluster.local\` does not exist (NXDOMAIN), and only the
      second question finds the Service. Every short name costs questions like these.
    startsWhen: {afterFlow: {kind: dns.answer, label: NXDOMAIN web.default.default}}
    pauseAtEnd: true
  - id: request
    title: A request to the Service
    narration: >-
      \`wget -qO- http://web\` resolves the name, then connects to the ClusterIP. The rules of
      the client's node pick an nginx pod; that pod's process answers with its welcome page,
      printed in the console.
    startsWhen: {afterFlow: {kind: traffic.response, label: HTTP 200}}
    pauseAtEnd: true
  - id: env
    title: What the kubelet put in the environment
    narration: >-
      \`env\` shows the variables the kubelet gave the container when it created it: the
      Service links of every Service of the namespace that existed then (\`WEB_SERVICE_HOST\`,
      \`KUBERNETES_SERVICE_HOST\`, …). A Service created later is not there until the pod is
      recreated; DNS has no such limit.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl, label: exec?command=env}}
    pauseAtEnd: true
  - id: missing
    title: Not every image has every tool
    narration: >-
      The nginx image is Debian-based and has no \`nslookup\`: runc cannot start it, and kubectl
      prints the runtime's "executable file not found in $PATH". Try \`kubectl exec deploy/web --
      curl -s web\` instead, or \`kubectl exec client -- nslookup kubernetes.default\`.
    startsWhen: {afterFlow: {kind: cri.reply, label: Exec error}}
    pauseAtEnd: false
until: 60s
`
