/** Lesson: a Deployment reconciled — a pod deleted and replaced, a scale, a rolling update. */
export const lessonDeploymentYaml = `# A Deployment reconciled: controllers compare what is asked with what exists, and act.
title: A Deployment reconciled
seed: 42
cluster:
  version: v1.34
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi}
    - {name: node-2, cpu: "4", memory: 8Gi}
    - {name: node-3, cpu: "4", memory: 8Gi}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.25 --replicas=3"}
  - {at: 20s, kubectl: "get pods"}
  - {at: 25s, kubectl: "delete pod web-68bf9f694d-gl894 --wait=false"}
  - {at: 40s, kubectl: "scale deployment web --replicas=5"}
  - {at: 60s, kubectl: "set image deployment/web nginx=nginx:1.27"}
  - {at: 100s, kubectl: "rollout status deployment/web"}
  - {at: 101s, kubectl: "get rs"}
chapters:
  - id: desired
    title: You write down what you want
    narration: >-
      \`kubectl create deployment web --image=nginx:1.25 --replicas=3\` stores one object, a
      Deployment, through kube-apiserver into etcd under \`/registry/deployments/default/web\`.
      It says "three pods like this one"; it creates no pod itself.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kubectl, label: /deployments}}
    pauseAtEnd: true
  - id: replicaset
    title: The Deployment controller makes a ReplicaSet
    narration: >-
      Inside kube-controller-manager, the Deployment controller hears \`ADDED Deployment
      default/web\` on its watch. It finds no ReplicaSet for this pod template, so it POSTs one
      named \`web-\` plus a hash of the template (the \`pod-template-hash\` label), with
      replicas 3.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-controller-manager:0, label: /replicasets}}
    pauseAtEnd: true
  - id: pods
    title: The ReplicaSet controller makes pods
    narration: >-
      Another loop in the same process, the ReplicaSet controller, sees a ReplicaSet that wants
      3 pods and owns 0. It POSTs the missing pods to \`/api/v1/namespaces/default/pods\`, each
      with an ownerReference to the ReplicaSet. From here each pod goes the usual way:
      kube-scheduler binds it, a kubelet runs it.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-controller-manager:0, label: POST /api/v1/namespaces/default/pods}}
    pauseAtEnd: true
  - id: ready
    title: Three of three
    narration: >-
      The kubelets report their pods Running and Ready; the ReplicaSet and Deployment
      controllers count them and write \`status.readyReplicas: 3\` back. \`kubectl get pods\`
      in the console lists the three pods, named after their ReplicaSet.
    startsWhen: {whenObject: {key: /registry/deployments/default/web, path: status.readyReplicas, equals: 3}}
    pauseAtEnd: true
  - id: delete
    title: A pod is deleted
    narration: >-
      \`kubectl delete pod web-68bf9f694d-gl894\` sends a DELETE. The API server does not
      remove the pod at once: it sets \`deletionTimestamp\` with the 30 s grace period, and the
      kubelet on its node stops the container.
    startsWhen: {afterFlow: {kind: apiserver.delete, from: kubectl}}
    pauseAtEnd: true
  - id: replaced
    title: Replaced, not restarted
    narration: >-
      A pod being deleted no longer counts. The ReplicaSet controller sees 2 pods where 3 are
      wanted and POSTs a new pod with a new name: nothing is moved or restarted, a fresh pod is
      made and scheduled.
    startsWhen: {afterFlow: {kind: apiserver.create, from: kube-controller-manager:0, label: POST /api/v1/namespaces/default/pods}}
    pauseAtEnd: true
  - id: scale
    title: Scaling is one number
    narration: >-
      \`kubectl scale deployment web --replicas=5\` PATCHes the Deployment's \`/scale\`
      subresource. The Deployment controller copies 5 into the ReplicaSet's spec with a PUT,
      and the ReplicaSet controller creates two more pods.
    startsWhen: {afterFlow: {kind: apiserver.patch, from: kubectl, label: /scale}}
    pauseAtEnd: true
  - id: five
    title: Five of five
    narration: >-
      Two more pods are bound and started; \`status.readyReplicas\` on the Deployment is now 5.
    startsWhen: {whenObject: {key: /registry/deployments/default/web, path: status.readyReplicas, equals: 5}}
    pauseAtEnd: true
  - id: set-image
    title: A new template
    narration: >-
      \`kubectl set image deployment/web nginx=nginx:1.27\` PATCHes the pod template. A new
      template has a new hash, so the Deployment controller creates a second ReplicaSet for it;
      the old ReplicaSet is kept for \`kubectl rollout undo\`.
    startsWhen: {afterFlow: {kind: apiserver.patch, from: kubectl, label: /deployments/web}}
    pauseAtEnd: true
  - id: rolling
    title: Rolling, a few at a time
    narration: >-
      The default strategy is RollingUpdate with maxSurge 25% and maxUnavailable 25%: for 5
      replicas, at most 7 pods in all (25% of 5 rounded up is 2) and at least 4 available
      (rounded down, 1 may be missing). Watch the controller scale the new ReplicaSet up and
      the old one down by PUTs, and old pods get deleted as new ones turn Ready. nginx:1.27 is
      pulled from the registry first.
    startsWhen: {afterFlow: {kind: apiserver.delete, from: kube-controller-manager:0}}
    pauseAtEnd: true
  - id: rolled-out
    title: Rolled out
    narration: >-
      All 5 replicas run the new template: \`status.updatedReplicas\` is 5. \`kubectl rollout
      status\` prints \`deployment "web" successfully rolled out\` and \`kubectl get rs\` shows
      the old ReplicaSet at 0, kept for a rollback.
    startsWhen: {whenObject: {key: /registry/deployments/default/web, path: status.updatedReplicas, equals: 5}}
    pauseAtEnd: true
  - id: quiet
    title: Quiet
    narration: >-
      Nothing differs from what was asked, so the controllers do nothing. They act again
      when something changes: a pod dies, a node goes away, you edit the Deployment.
    startsWhen: {quiescent: true}
    pauseAtEnd: false
until: 110s
`
