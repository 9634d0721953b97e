/**
 * A Deployment's first ReplicaSet and pods as its controllers would have written them (the
 * deployment controller's getNewReplicaSet, the ReplicaSet controller's GetPodFromTemplate, then
 * the apiserver's naming, defaulting and admission), for an add-on stored at bootstrap (CoreDNS,
 * ingress-nginx): any Deployment with the default maxSurge of 25%.
 */
import { newRSAnnotations, podTemplateHashLabel } from '../actors/controller-manager/deployment-util.ts'
import { computeHash } from '../actors/controller-manager/hash.ts'
import { newControllerRef } from '../actors/controller-manager/objects.ts'
import { podFromTemplate } from '../actors/controller-manager/replicaset.ts'
import { clonePlain } from '../engine/clone.ts'
import { randomSuffix } from '../k8s/meta.ts'
import { admitDefaultTolerations, admitPriority, admitServiceAccount, applyPodDefaults } from '../k8s/pod-defaults.ts'
import { applyKindDefaults } from '../k8s/validation/defaults.ts'
import type { KObject } from '../protocol.ts'

export interface Stamped {
  deployment: KObject
  replicaSet: KObject
  pods: KObject[]
}

type Spec = { replicas: number; template: { metadata: { labels: Record<string, string> } }; selector: { matchLabels: Record<string, string> }; minReadySeconds?: number }

/**
 * `store` gives each object its uid and resourceVersion; pods are Pending, for the scheduler.
 */
export function stampDeployment(d: KObject, created: string, random: () => number, store: (o: KObject) => KObject): Stamped {
  const replicas = (d.spec as Spec).replicas
  const hash = computeHash((d.spec as Spec).template)
  const rsName = `${d.metadata.name}-${hash}`
  // The controller's status once its pods exist but none is ready yet (sync.go, progress.go).
  d.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' }
  d.status = {
    observedGeneration: 1,
    replicas,
    updatedReplicas: replicas,
    unavailableReplicas: replicas,
    conditions: [
      { type: 'Available', status: 'False', lastUpdateTime: created, lastTransitionTime: created, reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
      { type: 'Progressing', status: 'True', lastUpdateTime: created, lastTransitionTime: created, reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` },
    ],
  }
  const deployment = store(d)
  const spec = deployment.spec as Spec
  const template = clonePlain(spec.template)
  template.metadata = { ...template.metadata, labels: { ...template.metadata.labels, [podTemplateHashLabel]: hash } }
  const rs: KObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      namespace: d.metadata.namespace,
      creationTimestamp: created,
      generation: 1,
      labels: { ...template.metadata.labels },
      annotations: {
        ...newRSAnnotations(deployment, undefined, 1),
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        // maxSurge 25% rounds up (deployment/util MaxSurge).
        'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)),
      },
      ownerReferences: [newControllerRef(deployment)],
    },
    spec: {
      replicas,
      minReadySeconds: spec.minReadySeconds ?? 0,
      selector: { ...spec.selector, matchLabels: { ...spec.selector.matchLabels, [podTemplateHashLabel]: hash } },
      template,
    },
    status: { replicas, fullyLabeledReplicas: replicas, observedGeneration: 1 },
  }
  applyKindDefaults('ReplicaSet', rs)
  const replicaSet = store(rs)
  const pods: KObject[] = []
  for (let i = 0; i < replicas; i++) {
    const pod = podFromTemplate(replicaSet, template as never)
    // The apiserver names it from generateName (5 random characters), then defaults and admits it.
    pod.metadata.name = `${pod.metadata.generateName}${randomSuffix(random)}`
    pod.metadata.creationTimestamp = created
    pod.metadata.generation = 1
    applyPodDefaults(pod)
    admitServiceAccount(pod, random)
    admitDefaultTolerations(pod)
    admitPriority(pod)
    pods.push(store(pod))
  }
  return { deployment, replicaSet, pods }
}
