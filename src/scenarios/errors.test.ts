import { describe, expect, it } from 'vitest'
import { parseScenario } from './parse.ts'

const node = 'cluster: {nodes: [{name: node-1}]}'
const withNode = (rest: string) => `title: t\n${node}\n${rest}`

function errorOf(input: unknown): string {
  const result = parseScenario(input)
  if (result.ok) throw new Error('expected an error, the scenario parsed')
  return result.error
}

const cases: [string, unknown, string][] = [
  [
    'a memory that is not a quantity',
    'title: t\ncluster: {nodes: [{name: a}, {name: b, memory: 8GB}]}',
    `cluster.nodes[1].memory: "8GB" is not a Kubernetes quantity (quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$')`,
  ],
  [
    'a quantity with an unknown suffix',
    'title: t\ncluster: {nodes: [{name: a, cpu: 4K}]}',
    `cluster.nodes[0].cpu: "4K" is not a Kubernetes quantity (unable to parse quantity's suffix)`,
  ],
  [
    'a negative cpu',
    'title: t\ncluster: {nodes: [{name: a, cpu: -2}]}',
    'cluster.nodes[0].cpu: "-2" must not be negative',
  ],
  [
    'a step with no action',
    withNode('script: [{at: 0s, kubectl: ls}, {at: 1s}, {at: 2s, kubectl: ls}]'),
    'script[1]: a step needs exactly one of kubectl, apply, fault, addNode, traffic',
  ],
  [
    'a step with two actions',
    withNode('script: [{at: 0s, kubectl: ls}, {at: 0s}, {kubectl: ls, apply: x}]'),
    'script[1]: a step needs exactly one of kubectl, apply, fault, addNode, traffic',
  ],
  [
    'a duration without a unit',
    withNode('script: [{at: 5, kubectl: ls}]'),
    'script[0].at: 5 has no unit; write a number with a unit: ms, s, m or h (e.g. 500ms, 30s, 1m30s)',
  ],
  [
    'a duration with a wrong unit',
    withNode('until: 2d'),
    'until: "2d" is not a duration; write a number with a unit: ms, s, m or h (e.g. 500ms, 30s, 1m30s)',
  ],
  [
    'stdin without kubectl',
    withNode('script: [{apply: x, stdin: y}]'),
    'script[0]: stdin goes with a kubectl line only',
  ],
  [
    'an unknown fault kind',
    withNode('script: [{at: 1s, fault: {kind: explode}}]'),
    'script[0].fault.kind: "explode" is not a fault kind; use one of: stop-node, start-node, stop-kubelet, start-kubelet, partition-node, heal-node, add-node, delete-instance, stop-etcd-member, start-etcd-member, stop-component, start-component, stop-registry, start-registry',
  ],
  [
    'a fault without its target',
    withNode('script: [{fault: {kind: stop-kubelet}}]'),
    'script[0].fault.node: is required',
  ],
  [
    'a fault with a stray field',
    withNode('script: [{fault: {kind: stop-node, node: node-1, grace: 1s}}]'),
    'script[0].fault.grace: unknown field (this fault has: kind, node)',
  ],
  [
    'a fault on a node that does not exist',
    withNode('script: [{fault: {kind: stop-node, node: node-9}}]'),
    'script[0].fault.node: "node-9" is not a node of the cluster at that time (nodes: node-1)',
  ],
  [
    'a fault on a node before it joins',
    withNode(
      'script: [{at: 1s, fault: {kind: stop-node, node: n2}}, {at: 2s, addNode: {name: n2}}]',
    ),
    'script[0].fault.node: "n2" is not a node of the cluster at that time (nodes: node-1)',
  ],
  [
    'a fault on an etcd member that does not exist',
    withNode('script: [{fault: {kind: stop-etcd-member, member: 1}}]'),
    'script[0].fault.member: 1 is not an etcd member; the cluster has 1 (members 0 to 0)',
  ],
  [
    'an unknown component',
    withNode('script: [{fault: {kind: stop-component, component: kube-dns}}]'),
    'script[0].fault.component: "kube-dns" is not a control-plane component; use one of: kube-apiserver, kube-scheduler, kube-controller-manager, cloud-controller-manager',
  ],
  [
    'the cloud controller without a cloud',
    withNode('script: [{fault: {kind: stop-component, component: cloud-controller-manager}}]'),
    'script[0].fault.component: the cluster has no cloud-controller-manager (set cluster.cloud: true)',
  ],
  [
    'a joining node with a taken name',
    withNode('script: [{addNode: {name: node-1}}]'),
    'script[0].addNode.name: "node-1" is already a node',
  ],
  [
    'a joining node with a bad memory',
    withNode('script: [{addNode: {name: n2, memory: lots}}]'),
    `script[0].addNode.memory: "lots" is not a Kubernetes quantity (quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$')`,
  ],
  [
    'duplicate node names',
    'title: t\ncluster: {nodes: [{name: a}, {name: b}, {name: a}]}',
    'cluster.nodes[2].name: "a" appears twice',
  ],
  ['no nodes', 'title: t\ncluster: {nodes: []}', 'cluster.nodes: must list at least one node'],
  ['no cluster', 'title: t', 'cluster: is required'],
  ['no title', node, 'title: is required'],
  ['an empty title', `title: "  "\n${node}`, 'title: must not be empty'],
  ['a numeric title', `title: 4\n${node}`, 'title: must be a string, not 4'],
  [
    'a misspelled top-level field',
    withNode('untill: 30s'),
    'untill: unknown field (a mapping here has: title, seed, startTime, cluster, registry, script, chapters, until)',
  ],
  [
    'a misspelled node field',
    'title: t\ncluster: {nodes: [{name: a, memroy: 8Gi}]}',
    'cluster.nodes[0].memroy: unknown field (a mapping here has: name, cpu, memory, pods, labels, taints, images)',
  ],
  [
    'a node name with capitals',
    'title: t\ncluster: {nodes: [{name: Node1}]}',
    `cluster.nodes[0].name: "Node1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
  ],
  [
    'a node that is a string',
    'title: t\ncluster: {nodes: [node-1]}',
    'cluster.nodes[0]: must be a mapping, not "node-1"',
  ],
  [
    'nodes that are a mapping',
    'title: t\ncluster: {nodes: {name: a}}',
    'cluster.nodes: must be a list, not a mapping',
  ],
  [
    'pods out of range',
    'title: t\ncluster: {nodes: [{name: a, pods: 0}]}',
    'cluster.nodes[0].pods: must be a whole number of pods from 1 to 10000, not 0',
  ],
  [
    'a label value that is a number',
    'title: t\ncluster: {nodes: [{name: a, labels: {zone: 1}}]}',
    'cluster.nodes[0].labels.zone: must be a string, not 1',
  ],
  [
    'a label key with a space',
    'title: t\ncluster: {nodes: [{name: a, labels: {"my zone": a}}]}',
    `cluster.nodes[0].labels["my zone"]: key "my zone": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
  ],
  [
    'a taint with a bad effect',
    'title: t\ncluster: {nodes: [{name: a, taints: [{key: k, effect: NoRun}]}]}',
    'cluster.nodes[0].taints[0].effect: "NoRun" is not a taint effect; use one of: NoSchedule, PreferNoSchedule, NoExecute',
  ],
  [
    'a taint without an effect',
    'title: t\ncluster: {nodes: [{name: a, taints: [{key: k}]}]}',
    'cluster.nodes[0].taints[0].effect: is required',
  ],
  [
    'a node image without names',
    'title: t\ncluster: {nodes: [{name: a, images: [{names: [], sizeBytes: 1}]}]}',
    'cluster.nodes[0].images[0].names: must list at least one image name',
  ],
  [
    'a registry image with a negative size',
    withNode('registry: {images: [{name: x, sizeBytes: -1}]}'),
    'registry.images[0].sizeBytes: must be a whole number from 0 to 9007199254740991, not -1',
  ],
  [
    'an unsupported version',
    'title: t\ncluster: {version: v1.30, nodes: [{name: a}]}',
    'cluster.version: "v1.30" is not emulated; this release emulates v1.34 only',
  ],
  [
    'too many etcd members',
    'title: t\ncluster: {controlPlane: {etcd: 9}, nodes: [{name: a}]}',
    'cluster.controlPlane.etcd: must be a whole number from 1 to 7, not 9',
  ],
  [
    'too many apiservers',
    'title: t\ncluster: {controlPlane: {apiservers: 6}, nodes: [{name: a}]}',
    'cluster.controlPlane.apiservers: must be a whole number from 1 to 5, not 6',
  ],
  [
    'a malformed service CIDR',
    'title: t\ncluster: {serviceCIDR: 10.96.0.0, nodes: [{name: a}]}',
    'cluster.serviceCIDR: "10.96.0.0" is not an IPv4 CIDR block such as 10.96.0.0/12',
  ],
  [
    'a service CIDR kube-apiserver refuses',
    'title: t\ncluster: {serviceCIDR: 10.0.0.0/8, nodes: [{name: a}]}',
    'cluster.serviceCIDR: "10.0.0.0/8" is too large; for 32-bit addresses, the mask must be >= 12',
  ],
  [
    'a pod CIDR with octets out of range',
    'title: t\ncluster: {podCIDR: 10.300.0.0/16, nodes: [{name: a}]}',
    'cluster.podCIDR: "10.300.0.0/16" is not an IPv4 CIDR block such as 10.244.0.0/16',
  ],
  [
    'a pod CIDR too small for its nodes',
    'title: t\ncluster: {podCIDR: 10.244.0.0/24, nodes: [{name: a}, {name: b}]}',
    'cluster.podCIDR: "10.244.0.0/24" has room for 1 node /24s, but the scenario has 2 nodes',
  ],
  [
    'cloud as a string',
    'title: t\ncluster: {cloud: "yes", nodes: [{name: a}]}',
    'cluster.cloud: must be true or false, not "yes"',
  ],
  [
    'an unknown add-on',
    'title: t\ncluster: {addons: [kube-dns], nodes: [{name: a}]}',
    'cluster.addons[0]: "kube-dns" is not a known add-on; use one of: coredns, ingress-nginx',
  ],
  [
    'a seed that is not a whole number',
    `title: t\nseed: 1.5\n${node}`,
    'seed: must be a whole number from 0 to 4294967295, not 1.5',
  ],
  ['a seed in quotes', `title: t\nseed: "42"\n${node}`, 'seed: must be a number, not "42"'],
  [
    'an impossible start time',
    `title: t\nstartTime: 2026-02-30T00:00:00Z\n${node}`,
    'startTime: "2026-02-30T00:00:00Z" is not an RFC 3339 instant such as 2026-01-01T00:00:00Z',
  ],
  [
    'a start time without a zone',
    `title: t\nstartTime: "2026-01-01 10:00"\n${node}`,
    'startTime: "2026-01-01 10:00" is not an RFC 3339 instant such as 2026-01-01T00:00:00Z',
  ],
  ['an until of zero', withNode('until: 0s'), 'until: must be longer than 0s'],
  [
    'an until longer than a day',
    withNode('until: 25h'),
    'until: "25h" is longer than the 24h a scenario may run',
  ],
  [
    'a fraction of a millisecond',
    withNode('until: 1.5ms'),
    'until: "1.5ms" is not a whole number of milliseconds',
  ],
  [
    'a trigger with two conditions',
    withNode(
      'chapters: [{id: a, title: A, narration: n, startsWhen: {atTime: 1s, quiescent: true}}]',
    ),
    'chapters[0].startsWhen: startsWhen needs exactly one of atTime, afterFlow, whenObject, quiescent',
  ],
  [
    'a trigger on an unknown flow kind',
    withNode(
      'chapters: [{id: a, title: A, narration: n, startsWhen: {afterFlow: {kind: etcd.put}}}]',
    ),
    'chapters[0].startsWhen.afterFlow.kind: "etcd.put" is not a flow kind; use one of: apiserver.get, apiserver.list, apiserver.create, apiserver.update, apiserver.patch, apiserver.delete, apiserver.watch, apiserver.response, watch.event, watch.close, etcd.txn, etcd.range, etcd.response, etcd.watch, etcd.watch-create, etcd.watch-cancel, raft.append, raft.append-response, raft.heartbeat, raft.heartbeat-response, raft.vote, raft.vote-response, raft.propose, raft.read-index, raft.read-index-response, raft.snapshot, cri.call, cri.reply, registry.get, registry.reply, dns.query, dns.answer, traffic.request, traffic.response, net.refused, stream.chunk',
  ],
  [
    'quiescent: false',
    withNode('chapters: [{id: a, title: A, narration: n, startsWhen: {quiescent: false}}]'),
    'chapters[0].startsWhen.quiescent: must be true (or leave it out)',
  ],
  [
    'whenObject without equals',
    withNode(
      'chapters: [{id: a, title: A, narration: n, startsWhen: {whenObject: {key: /registry/pods/default/x, path: status.phase}}}]',
    ),
    'chapters[0].startsWhen.whenObject.equals: is required',
  ],
  [
    'whenObject on a path that is not a key',
    withNode(
      'chapters: [{id: a, title: A, narration: n, startsWhen: {whenObject: {key: pods/x, path: p, equals: 1}}}]',
    ),
    'chapters[0].startsWhen.whenObject.key: must be an etcd key such as /registry/pods/default/nginx',
  ],
  [
    'duplicate chapter ids',
    withNode(
      'chapters: [{id: a, title: A, narration: n, startsWhen: {quiescent: true}}, {id: a, title: B, narration: n, startsWhen: {quiescent: true}}]',
    ),
    'chapters[1].id: "a" appears twice',
  ],
  [
    'a chapter without narration',
    withNode('chapters: [{id: a, title: A, startsWhen: {quiescent: true}}]'),
    'chapters[0].narration: is required',
  ],
  [
    'a YAML syntax error',
    'title: [unclosed\ncluster: {}',
    'line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
  ['a duplicate key', 'title: a\ntitle: b', 'line 2, column 1: Map keys must be unique'],
  [
    'several YAML documents',
    'title: a\n---\ntitle: b',
    'line 2, column 1: a scenario is one YAML document, but this text holds several (--- separated)',
  ],
  ['an empty file', '  \n', 'the scenario is empty'],
  ['a list', '[1, 2]', 'the scenario must be a mapping, not a list'],
  ['null', null, 'the scenario must be a mapping, not null'],
]

describe('parseScenario errors', () => {
  it.each(cases)('names the field for %s', (_name, input, expected) => {
    const error = errorOf(input)
    expect(error).toBe(expected)
    expect(error).not.toContain('\n')
  })
})

describe('parseScenario on garbage', () => {
  // A fixed LCG: the garbage is the same on every run, so a failure reproduces.
  let state = 7
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
  const alphabet = 'abc:{}[]-,\n "\'#&*!|>0123456789.%@`\t\\?'
  const randomText = (n: number) =>
    Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')
  const randomValue = (depth: number): unknown => {
    const pick = Math.floor(random() * 7)
    if (depth > 3 || pick === 0) return randomText(5)
    if (pick === 1) return random() * 1e6 - 5e5
    if (pick === 2) return null
    if (pick === 3) return Array.from({ length: 3 }, () => randomValue(depth + 1))
    const keys = ['title', 'cluster', 'nodes', 'name', 'script', 'at', 'fault', 'kind', 'x']
    return Object.fromEntries(
      keys.filter(() => random() < 0.5).map((k) => [k, randomValue(depth + 1)]),
    )
  }

  it('never throws and always answers one line', () => {
    const inputs: unknown[] = [
      undefined,
      true,
      0,
      NaN,
      Symbol('s'),
      () => 1,
      new Map(),
      new Date(0),
      'x'.repeat(1_000_001),
    ]
    for (let i = 0; i < 300; i++)
      inputs.push(randomText(1 + Math.floor(random() * 80)), randomValue(0))
    inputs.push(
      Object.create(null),
      { __proto__: { title: 'inherited' } },
      JSON.parse('{"__proto__": {"title": "x"}}'),
    )
    for (const input of inputs) {
      const result = parseScenario(input)
      if (!result.ok) expect(result.error).not.toContain('\n')
    }
  })

  it('survives an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (let i = 0; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      )
    expect(errorOf(bomb.join('\n'))).toBe(
      'the YAML expands too many aliases (*name) to be read safely',
    )
  })
})
