/** Lesson: a container that keeps crashing (CrashLoopBackOff) and a liveness probe that restarts one. */
export const lessonCrashLoopYaml = `# CrashLoopBackOff and probes: the kubelet restarts containers, waiting longer each time.
title: CrashLoopBackOff and probes
seed: 42
cluster:
  version: v1.34
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
    - {name: node-3, cpu: "4", memory: 8Gi}
script:
  - {at: 0s, kubectl: "run crashy --image=busybox:1.36 --annotations=kube-anatomy.dev/behaviour=crash-after=5s -- sleep 3600"}
  - at: 1s
    apply: |
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
        annotations: {kube-anatomy.dev/behaviour: liveness=fail-after=30s}
      spec:
        containers:
        - name: nginx
          image: nginx:1.27
          readinessProbe:
            httpGet: {path: /, port: 80}
            periodSeconds: 5
          livenessProbe:
            httpGet: {path: /healthz, port: 80}
            periodSeconds: 10
            failureThreshold: 3
  - {at: 110s, kubectl: "get pods"}
chapters:
  - id: crashy
    title: A container that will crash
    narration: >-
      \`crashy\` runs busybox with \`sleep 3600\`, but its behaviour annotation makes the
      process exit with code 1 after 5 s. The pod is scheduled and its kubelet starts the
      container like any other.
    startsWhen: {afterFlow: {kind: cri.call, label: StartContainer}}
    pauseAtEnd: true
  - id: first-restart
    title: Exited, restarted
    narration: >-
      The process exits 1. restartPolicy is Always (the default), so the kubelet creates and
      starts the container again in the same pod, on the same node, with the same IP, and
      counts it: \`restartCount\` is 1.
    startsWhen: {whenObject: {key: /registry/pods/default/crashy, path: status.containerStatuses.0.restartCount, equals: 1}}
    pauseAtEnd: true
  - id: backoff
    title: CrashLoopBackOff
    narration: >-
      It crashes again. Now the kubelet waits before the next start: 10 s, then 20 s, 40 s,
      doubling up to 5 minutes. While it waits the container is Waiting with reason
      CrashLoopBackOff, and the kubelet records a BackOff Event, "Back-off restarting failed
      container". CrashLoopBackOff is not a crash; it is the wait between restarts.
    startsWhen: {whenObject: {key: /registry/pods/default/crashy, path: status.containerStatuses.0.state.waiting.reason, equals: CrashLoopBackOff}}
    pauseAtEnd: true
  - id: longer
    title: Each wait longer
    narration: >-
      Third restart. Watch the gaps between the CreateContainer calls to containerd grow. A
      container that then runs for 10 minutes without a crash resets the back-off.
    startsWhen: {whenObject: {key: /registry/pods/default/crashy, path: status.containerStatuses.0.restartCount, equals: 3}}
    pauseAtEnd: true
  - id: readiness
    title: Readiness, the other pod
    narration: >-
      \`web\` runs nginx with two probes the kubelet performs itself. The readiness probe, GET
      \`/\` on port 80 every 5 s, passes: the container is ready, and a Service would send it
      traffic. A failing readiness probe only takes the pod out of Services; it restarts
      nothing.
    startsWhen: {atTime: 50s}
    pauseAtEnd: true
  - id: liveness
    title: A liveness probe restarts
    narration: >-
      The liveness probe, GET \`/healthz\` every 10 s, starts failing after 30 s. After 3
      failures in a row (failureThreshold) the kubelet records Unhealthy and "Container nginx
      failed liveness probe, will be restarted", kills the container (SIGTERM, then SIGKILL
      if it outlives the grace period) and starts it again: \`restartCount\` 1.
    startsWhen: {whenObject: {key: /registry/pods/default/web, path: status.containerStatuses.0.restartCount, equals: 1}}
    pauseAtEnd: true
  - id: get-pods
    title: What kubectl shows
    narration: >-
      \`kubectl get pods\` shows \`crashy\` in CrashLoopBackOff with its restarts and how long
      ago the last one was. \`web\` is in back-off too: its annotation makes \`/healthz\` fail
      30 s after every start, so the liveness probe kills it again and again. Type \`describe pod crashy\`
      in the console to dig in.
    startsWhen: {afterFlow: {kind: apiserver.list, from: kubectl, label: /pods}}
    pauseAtEnd: false
until: 115s
`
