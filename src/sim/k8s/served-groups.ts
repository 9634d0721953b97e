/**
 * The group/versions a v1.34 kube-apiserver serves with its default --runtime-config, as discovery
 * (`GET /api`, `GET /apis`) lists them: the groups of the resources this simulation stores
 * (resources.ts), their other served versions, and the groups whose resources it does not model.
 */
import { resources } from './resources.ts'

const unmodelled = [
  'admissionregistration.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'certificates.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'node.k8s.io/v1',
  'resource.k8s.io/v1',
]
const otherVersions = ['autoscaling/v1', 'events.k8s.io/v1']

/** `group/version` for every served API group (core excluded), sorted. */
export function servedGroupVersions(): string[] {
  const set = new Set<string>([...unmodelled, ...otherVersions])
  for (const r of resources) if (r.group) set.add(`${r.group}/${r.version}`)
  return [...set].sort()
}

/** `GET /api`: the core group's APIVersions. */
export function coreApiVersions(serverAddress: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] }
}

/** `GET /apis`: the APIGroupList, one group per name with its versions (the storage one preferred). */
export function apiGroupList(): unknown {
  const byGroup = new Map<string, string[]>()
  for (const gv of servedGroupVersions()) {
    const [group = '', version = ''] = gv.split('/')
    byGroup.set(group, [...(byGroup.get(group) ?? []), version])
  }
  const groups = [...byGroup].map(([name, versions]) => {
    const sorted = [...versions].sort().reverse()
    const list = sorted.map((version) => ({ groupVersion: `${name}/${version}`, version }))
    return { name, versions: list, preferredVersion: list[0] }
  })
  return { kind: 'APIGroupList', apiVersion: 'v1', groups }
}
