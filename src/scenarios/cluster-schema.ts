/** `cluster:` — the control plane, networks, add-ons and worker nodes. */
import * as v from 'valibot'
import type { ClusterSpec, NodeSpec } from '../sim/protocol.ts'
import { parseCidr } from './cidr.ts'
import { bool, distinct, integer, list, mapping, oneOf, show, text } from './fields.ts'
import { addons, clusterVersions } from './kinds.ts'
import { nodeSchema } from './node-schema.ts'

/** `v1.34`; YAML reads an unquoted `1.34` as a number, which is accepted too. */
const version = v.pipe(
  v.union(
    [v.string(), v.number()],
    (issue) => `must be a release such as v1.34, not ${show(issue.input)}`,
  ),
  v.transform((raw) => {
    const s = String(raw)
    return s.startsWith('v') ? s : `v${s}`
  }),
  v.check(
    (s) => (clusterVersions as readonly string[]).includes(s),
    (issue) =>
      `${show(issue.input)} is not emulated; this release emulates ${clusterVersions.join(', ')} only`,
  ),
)

function cidr(network: string, check: (prefix: number) => string | null) {
  return v.pipe(
    text(),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return
      const parsed = parseCidr(dataset.value)
      const reason = parsed ? check(parsed.prefix) : `is not an IPv4 CIDR block such as ${network}`
      if (reason) addIssue({ message: `${show(dataset.value)} ${reason}` })
    }),
  )
}

// kube-apiserver refuses a larger range: "for 32-bit addresses, the mask must be >= 12".
const serviceCIDR = cidr('10.96.0.0/12', (prefix) =>
  prefix < 12 ? 'is too large; for 32-bit addresses, the mask must be >= 12' : null,
)
// kube-controller-manager hands each node a /24 (--node-cidr-mask-size, default 24).
const podCIDR = cidr('10.244.0.0/16', (prefix) =>
  prefix > 24 ? 'is smaller than the /24 each node gets (--node-cidr-mask-size 24)' : null,
)

export const clusterSchema = v.pipe(
  mapping({
    version: v.optional(version, 'v1.34'),
    controlPlane: v.optional(
      mapping({
        apiservers: v.optional(integer(1, 5), 1),
        etcd: v.optional(integer(1, 7), 1),
      }),
      () => ({}),
    ),
    serviceCIDR: v.optional(serviceCIDR, '10.96.0.0/12'),
    podCIDR: v.optional(podCIDR, '10.244.0.0/16'),
    cloud: v.optional(bool(), false),
    addons: v.optional(
      v.pipe(
        list(oneOf(addons, 'a known add-on')),
        distinct((a: (typeof addons)[number]) => a),
      ),
      () => [],
    ),
    nodes: v.pipe(
      list(nodeSchema),
      v.minLength(1, 'must list at least one node'),
      distinct((n: NodeSpec) => n.name, 'name'),
    ),
  }),
  v.transform((c): ClusterSpec => c),
)
