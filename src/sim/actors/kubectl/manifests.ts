/**
 * kubectl's resource builder for `-f -`: the YAML stream split into documents, `kind: List`
 * expanded, each object mapped to the resource the apiserver serves (discovery), with the client
 * errors real kubectl prints before any write (cli-runtime pkg/resource/builder.go, mapper.go).
 */
import { parseAllDocuments } from 'yaml'
import { servedKind } from '../../k8s/discovery.ts'
import type { ResourceInfo } from '../../k8s/resources.ts'
import type { KObject } from '../../protocol.ts'

export interface Manifest {
  object: KObject
  info: ResourceInfo
  /** The namespace the object goes to (its own, else `-n`, else default); '' for cluster-scoped. */
  namespace: string
  name: string
}

export type ReadResult = { ok: true; manifests: Manifest[] } | { ok: false; stderr: string }

/** How kubectl names an object in its output: `deployment.apps/nginx`, `service/web`. */
export function objectRef(info: ResourceInfo, name: string): string {
  const kind = info.kind.toLowerCase()
  return info.group ? `${kind}.${info.group}/${name}` : `${kind}/${name}`
}

/**
 * The `yaml` package's words for a scanner error, as go-yaml (sigs.k8s.io/yaml, which kubectl
 * uses) words the same error (goyaml.v2 scannerc.go).
 */
const GO_YAML_PROBLEMS: [RegExp, string][] = [
  [/^Invalid escape sequence/, 'found unknown escape character'],
  [/^Tabs are not allowed as indentation/, 'found character that cannot start any token'],
]

function goYamlProblem(why: string): string {
  return GO_YAML_PROBLEMS.find(([re]) => re.test(why))?.[1] ?? why
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Reads every document of a `-f -` stream; `source` is what kubectl calls it (`STDIN`). */
export function readManifests(text: string, defaultNamespace: string, source = 'STDIN'): ReadResult {
  let docs: unknown[]
  try {
    const parsed = parseAllDocuments(text, { uniqueKeys: false })
    const list = Array.isArray(parsed) ? parsed : [parsed]
    for (const d of list) {
      const err = d.errors[0]
      if (err) {
        const line = (err.linePos?.[0]?.line ?? 1) as number
        const why = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
        return { ok: false, stderr: `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${goYamlProblem(why)}\n` }
      }
    }
    docs = list.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown)
  } catch (e) {
    return { ok: false, stderr: `error: error parsing ${source}: ${(e as Error).message.split('\n')[0]}\n` }
  }
  const objects: Record<string, unknown>[] = []
  for (const d of docs) {
    if (d === null || d === undefined) continue // empty documents are skipped
    if (!isObject(d)) return { ok: false, stderr: `error: error parsing ${source}: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(d) ? 'array' : typeof d === 'string' ? 'string' : 'number'} into Go value of type map[string]interface {}\n` }
    if (typeof d.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items)) objects.push(...(d.items as Record<string, unknown>[]))
    else objects.push(d)
  }
  if (objects.length === 0) return { ok: false, stderr: 'error: no objects passed to apply\n' }
  const manifests: Manifest[] = []
  const errors: string[] = []
  for (const o of objects) {
    const missing = !o.apiVersion ? 'apiVersion' : !o.kind ? 'kind' : null
    if (missing) {
      errors.push(`error: error validating "${source}": error validating data: ${missing} not set; if you choose to ignore these errors, turn validation off with --validate=false`)
      continue
    }
    const meta = (isObject(o.metadata) ? o.metadata : {}) as Record<string, unknown>
    const name = typeof meta.name === 'string' ? meta.name : ''
    const info = servedKind(String(o.apiVersion), String(o.kind))
    if (!info) {
      errors.push(
        `error: resource mapping not found for name: "${name}" namespace: "${typeof meta.namespace === 'string' ? meta.namespace : ''}" from "${source}": no matches for kind "${String(o.kind)}" in version "${String(o.apiVersion)}"\nensure CRDs are installed first`,
      )
      continue
    }
    const namespace = info.namespaced ? (typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : defaultNamespace) : ''
    const object = { ...o, metadata: { ...meta, ...(info.namespaced ? { namespace } : {}) } } as unknown as KObject
    manifests.push({ object, info, namespace, name })
  }
  if (errors.length) return { ok: false, stderr: errors.map((e) => `${e}\n`).join('') }
  return { ok: true, manifests }
}
