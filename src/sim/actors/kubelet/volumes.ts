/**
 * ConfigMap and Secret volumes (pkg/volume/configmap, pkg/volume/secret): before the sandbox is
 * made, the kubelet's volume manager reads each volume's source and writes its keys as files; a
 * source that does not exist (or lacks a key named in `items`) fails the mount, the kubelet records
 * `FailedMount` and tries again with the operation executor's back-off (500 ms doubling to 2m2s),
 * and the pod stays ContainerCreating. The files are what `kubectl exec … -- cat` reads at each
 * container's mountPath.
 */
import type { KObject } from '../../protocol.ts'
import { fetchFailed, sourceData } from './container-env.ts'

interface KeyToPath {
  key: string
  path: string
}

interface VolumeSpec {
  name: string
  configMap?: { name: string; items?: KeyToPath[]; optional?: boolean }
  secret?: { secretName: string; items?: KeyToPath[]; optional?: boolean }
}

interface MountSpec {
  name: string
  mountPath: string
  subPath?: string
}

/** nestedpendingoperations: initialDurationBeforeRetry 500 ms, doubling, maxDurationBeforeRetry 2m2s. */
export function mountBackoffMs(failures: number): number {
  return Math.min(500 * 2 ** Math.max(0, failures - 1), 122_000)
}

/** `configmap/<name>` and `secret/<name>` the pod's volumes read, one GET each. */
export function volumeSources(pod: KObject): string[] {
  const out = new Set<string>()
  for (const v of ((pod.spec as { volumes?: VolumeSpec[] }).volumes ?? [])) {
    if (v.configMap) out.add(`configmap/${v.configMap.name}`)
    if (v.secret) out.add(`secret/${v.secret.secretName}`)
  }
  return [...out]
}

/** Each volume's files (relative path → content), or each volume's mount error in the kubelet's words. */
export function volumeFiles(pod: KObject, sources: Record<string, KObject | null | { error: string }>): { files: Record<string, Record<string, string>> } | { errors: string[] } {
  const files: Record<string, Record<string, string>> = {}
  const errors: string[] = []
  for (const v of ((pod.spec as { volumes?: VolumeSpec[] }).volumes ?? [])) {
    const src = v.configMap ? { kind: 'configmap', name: v.configMap.name, items: v.configMap.items, optional: v.configMap.optional } : v.secret ? { kind: 'secret', name: v.secret.secretName, items: v.secret.items, optional: v.secret.optional } : undefined
    if (!src) continue
    const o = sources[`${src.kind}/${src.name}`]
    if (fetchFailed(o)) {
      errors.push(`MountVolume.SetUp failed for volume "${v.name}" : ${o.error}`)
      continue
    }
    if (!o) {
      if (src.optional) {
        files[v.name] = {}
        continue
      }
      errors.push(`MountVolume.SetUp failed for volume "${v.name}" : ${src.kind} "${src.name}" not found`)
      continue
    }
    const data = sourceData(`${src.kind}/${src.name}`, o)
    const out: Record<string, string> = {}
    const missing = (src.items ?? []).find((item) => !(item.key in data))
    if (missing && !src.optional) {
      // pkg/volume/configmap and pkg/volume/secret MakePayload word these differently.
      const why = src.kind === 'secret' ? `references non-existent secret key: ${missing.key}` : `configmap references non-existent config key: ${missing.key}`
      errors.push(`MountVolume.SetUp failed for volume "${v.name}" : ${why}`)
      continue
    }
    if (src.items) {
      for (const item of src.items) if (item.key in data) out[item.path] = data[item.key]!
    } else Object.assign(out, data)
    files[v.name] = out
  }
  return errors.length ? { errors } : { files }
}

/** What a container sees at its mount paths: absolute path → content. */
export function mountedFiles(container: { volumeMounts?: MountSpec[] }, volumes: Record<string, Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of container.volumeMounts ?? []) {
    const files = volumes[m.name]
    if (!files) continue
    const base = m.mountPath.replace(/\/+$/, '')
    if (m.subPath !== undefined) {
      if (m.subPath in files) out[base] = files[m.subPath]!
      continue
    }
    for (const f in files) out[`${base}/${f}`] = files[f]!
  }
  return out
}
