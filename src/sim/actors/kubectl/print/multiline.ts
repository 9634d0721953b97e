import type { Toleration } from 'kubernetes-types/core/v1'
import type { PrefixWriter } from './prefix-writer.ts'

/** describe printLabelsMultiline: `Title:\tk=v`, one sorted key a line, `<none>` when empty. */
export function writeLabels(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`)
  const keys = Object.keys(labels ?? {}).sort()
  if (keys.length === 0) {
    w.writeLine('<none>')
    return
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t')
    w.write(0, `${key}=${labels![key]}\n`)
  })
}

/** kubectl skips this annotation everywhere in describe. */
const skipAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration'])
const maxAnnotationLen = 140

const shorten = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}...` : s)

/** describe printAnnotationsMultiline: `key: value`, long or multi-line values folded below. */
export function writeAnnotations(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(0, `${title}:\t`)
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !skipAnnotations.has(k))
    .sort()
  if (keys.length === 0) {
    w.writeLine('<none>')
    return
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t')
    const value = annotations![key]!.replace(/\n$/, '')
    if (value.length + key.length + 2 > maxAnnotationLen || value.includes('\n')) {
      w.write(0, `${key}:\n`)
      for (const line of value.split('\n')) {
        w.write(0, `\t  ${shorten(line, maxAnnotationLen - 2)}\n`)
      }
    } else {
      w.write(0, `${key}: ${value}\n`)
    }
  })
}

/** One toleration as describe prints it: `key=value:Effect op=Exists for 300s`. */
export function tolerationText(t: Toleration): string {
  let text = t.key ?? ''
  if (t.value) text += `=${t.value}`
  if (t.effect) text += `:${t.effect}`
  if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists'
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) {
    text += ` for ${t.tolerationSeconds}s`
  }
  return text
}

/** describe printPodTolerationsMultiline: sorted by key, `<none>` when empty. */
export function writeTolerations(
  w: PrefixWriter,
  title: string,
  tolerations: Toleration[] = [],
): void {
  w.write(0, `${title}:\t`)
  if (tolerations.length === 0) {
    w.writeLine('<none>')
    return
  }
  const sorted = [...tolerations].sort((a, b) =>
    (a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0,
  )
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t')
    w.write(0, `${tolerationText(t)}\n`)
  })
}
