/**
 * The controllers drawn inside kube-controller-manager, as short chips, in the order the engine
 * lists them; `via` is the name a controller's requests carry (Flow.via), as `--controllers`
 * spells it. Controllers of later issues appear here as they start sending.
 */
export interface KcmController {
  via: string
  short: string
}

export const kcmControllers: readonly KcmController[] = [
  { via: 'deployment-controller', short: 'dep' },
  { via: 'replicaset-controller', short: 'rs' },
  { via: 'replicationcontroller-controller', short: 'rc' },
  { via: 'daemonset-controller', short: 'ds' },
  { via: 'statefulset-controller', short: 'sts' },
  { via: 'job-controller', short: 'job' },
  { via: 'cronjob-controller', short: 'cron' },
  { via: 'garbage-collector-controller', short: 'gc' },
  { via: 'namespace-controller', short: 'ns' },
  { via: 'serviceaccount-controller', short: 'sa' },
  { via: 'serviceaccount-token-controller', short: 'token' },
  { via: 'root-ca-certificate-publisher-controller', short: 'ca' },
  { via: 'node-lifecycle-controller', short: 'node' },
  { via: 'taint-eviction-controller', short: 'taint' },
  { via: 'endpointslice-controller', short: 'eps' },
  { via: 'endpoints-controller', short: 'ep' },
]
