/**
 * The real-manifest corpus (../shared/corpus/manifests beside the repo): every file goes through
 * `kubectl apply -f -` in a fresh simulation and is either applied, or refused with one of the
 * errors real kubectl prints. Nothing crashes or hangs. A bare Pod that asks nothing the test
 * cluster lacks (no node selector, affinity, volumes or referenced objects) becomes Running.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { builtInImages, normalizeImage } from './actors/registry/catalogue.ts'
import { TestCluster } from './testing/test-cluster.ts'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** In CI `shared/` sits beside the repository; on the workstation beside `main/`. */
const corpus = resolve(repoRoot, '../shared/corpus/manifests')

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f)
      return statSync(p).isDirectory() ? files(p) : /\.ya?ml$/.test(f) ? [p] : []
    })
}

/** The first lines of every error kubectl prints for a refused manifest. */
const REAL_ERROR =
  /^(Error from server \((BadRequest|Invalid|NotFound|AlreadyExists|Forbidden|Conflict)\): error when (creating|patching) "STDIN": |The [A-Za-z]+ "[^"]*" is invalid: |error: resource mapping not found for name: "[^"]*" namespace: "[^"]*" from "STDIN": no matches for kind "[^"]+" in version "[^"]+"\nensure CRDs are installed first|error: error parsing STDIN: |error: error validating "STDIN": )/

/** A bare pod this cluster can run: nothing it needs is missing. */
function selfContainedPod(text: string): boolean {
  if (!/^kind: Pod$/m.test(text) && !/kind: "?Pod"?[,\s]/.test(text)) return false
  if (/^---/m.test(text.trim().slice(3))) return false
  return !/nodeSelector|nodeName|affinity|volumes|configMap|secret|schedulingGates|tolerations|hostPort|namespace:|priorityClassName|resources:|runtimeClassName|serviceAccountName|image: .*(example|registry\.k8s\.io\/e2e)|command|args|readinessProbe|livenessProbe|startupProbe|initContainers/i.test(text)
}

/** Images no registry serves: placeholders in the docs, and a pinned digest of a real image. */
const NOT_PULLABLE = /^(example-image|<your-private-image>|registry\.k8s\.io\/redis@sha256:.*)$/

/** Images of the pods whose pull failed (their Failed event names them). */
function failedImages(c: TestCluster): string[] {
  return Object.values(c.sim.objects())
    .filter((o) => o.kind === 'Event' && o.reason === 'Failed')
    .flatMap((o) => /^Failed to pull image "([^"]+)"/.exec(String(o.message))?.[1] ?? [])
}

const SETTLED = new Set(['Running', 'ErrImagePull', 'ImagePullBackOff', 'Completed'])

/** A Deployment or ReplicaSet alone, needing nothing the test cluster lacks. */
function makesPods(text: string): boolean {
  const kinds = [...text.matchAll(/^kind: *"?(\w+)"?|[{,]\s*kind: *"?(\w+)"?/gm)].map((m) => m[1] ?? m[2]!)
  if (kinds.length !== 1 || !['Deployment', 'ReplicaSet'].includes(kinds[0]!)) return false
  return !/nodeSelector|affinity|volumes|configMap|secret|namespace:|priorityClassName|persistentVolumeClaim/i.test(text)
}

const present = existsSync(corpus)

describe.skipIf(!present)('the manifest corpus through kubectl apply -f -', () => {
  it('applies or refuses every file with a real error, and bare pods run', () => {
    const counts = new Map<string, { applied: number; rejected: number }>()
    const outcomes: string[] = []
    const problems: string[] = []
    const podOutcomes = new Map<string, number>()
    const pullFailures: string[] = []
    for (const file of files(corpus)) {
      const name = relative(corpus, file)
      const text = readFileSync(file, 'utf8')
      const c = new TestCluster()
      const r = c.kubectlStdin('apply -f -', text, 30_000)
      const kinds = [...text.matchAll(/^kind: *"?(\w+)"?|[{,]\s*kind: *"?(\w+)"?/gm)].map((m) => m[1] ?? m[2]!)
      const key = [...new Set(kinds)].sort().join('+') || '(none)'
      const entry = counts.get(key) ?? { applied: 0, rejected: 0 }
      counts.set(key, entry)
      if (r.exitCode === 0) {
        entry.applied++
        if (!/^([a-z0-9.]+\/\S+ created\n)+$/.test(r.stdout)) problems.push(`${name}: stdout ${JSON.stringify(r.stdout)}`)
        outcomes.push(`applied  ${name}`)
        if (makesPods(text)) {
          // The controllers create the pods; each settles like a bare pod does.
          const views = () => c.sim.podViews()
          try {
            c.runUntil(() => views().length > 0 && views().every((v) => SETTLED.has(v.status)), 30_000)
          } catch {
            if (!views().some((v) => v.status === 'Pending')) problems.push(`${name}: pods ${views().map((v) => `${v.name}=${v.status}`).join(', ') || 'none'}`)
          }
          for (const v of views()) podOutcomes.set(`${v.status} (controller)`, (podOutcomes.get(`${v.status} (controller)`) ?? 0) + 1)
          pullFailures.push(...failedImages(c))
        }
        if (selfContainedPod(text)) {
          const pod = /^\s*name: *"?([-a-z0-9.]+)"?/m.exec(text.slice(text.indexOf('metadata')))![1]!
          // Pull errors (an image the simulated registry does not hold) and Pending (a second
          // scheduler, zone labels the test nodes lack) are the cluster's answer, not a failure.
          const settled = (s: string | undefined): boolean => ['Running', 'ErrImagePull', 'ImagePullBackOff'].includes(s ?? '')
          try {
            c.runUntil(() => settled(c.status(pod)), 60_000)
          } catch {
            if (c.status(pod) !== 'Pending') problems.push(`${name}: pod ${pod} is ${c.status(pod)}, not Running`)
          }
          podOutcomes.set(c.status(pod) ?? '?', (podOutcomes.get(c.status(pod) ?? '?') ?? 0) + 1)
          pullFailures.push(...failedImages(c))
        }
      } else {
        entry.rejected++
        if (!REAL_ERROR.test(r.stderr)) problems.push(`${name}: ${r.stderr}`)
        expect(Object.keys(c.sim.objects()).filter((k) => k.includes('/default/') && !k.startsWith('/registry/events') && !k.startsWith('/registry/serviceaccounts') && !k.startsWith('/registry/configmaps/default/kube-root-ca.crt') && !k.startsWith('/registry/services/') && !k.startsWith('/registry/endpointslices/') && !k.startsWith('/registry/leases')), `${name} wrote nothing`).toEqual([])
        outcomes.push(`rejected ${name}: ${r.stderr.split('\n')[0]}`)
      }
    }
    const table = [...counts.entries()].sort().map(([k, v]) => `${k}: applied ${v.applied}, rejected ${v.rejected}`)
    console.log(`corpus: ${outcomes.length} files\n${table.join('\n')}\nbare pods: ${[...podOutcomes].map(([k, v]) => `${k} ${v}`).join(', ')}\n${outcomes.filter((o) => o.startsWith('rejected')).join('\n')}`)
    expect(problems).toEqual([])
    // Every image the corpus names pulls, but placeholders and a digest the registry cannot know.
    expect([...new Set(pullFailures)].filter((image) => !NOT_PULLABLE.test(image))).toEqual([])
    expect(outcomes.length).toBeGreaterThan(0)
  }, 120_000)

  it('finds every image the corpus names in the registry, but placeholders', () => {
    const held = new Set(builtInImages.map((i) => normalizeImage(i.name)))
    const named = files(corpus).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^[ \t]*-?[ \t]*image:[ \t]*["']?([^\s"']+)/gm)].map((m) => m[1]!))
    expect(named.length).toBeGreaterThan(100)
    expect([...new Set(named)].filter((image) => !held.has(normalizeImage(image)) && !NOT_PULLABLE.test(image))).toEqual([])
  })
})

if (!present) console.log(`corpus test skipped: no folder at ${corpus}`)
