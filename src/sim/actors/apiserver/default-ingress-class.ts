/**
 * The DefaultIngressClass admission plugin (plugin/pkg/admission/network/defaultingressclass, on by
 * default): a new Ingress without spec.ingressClassName and without the legacy
 * `kubernetes.io/ingress.class` annotation gets the IngressClass annotated
 * `ingressclass.kubernetes.io/is-default-class: "true"`; with several, the newest (as for default
 * StorageClasses since v1.28 †).
 */
import type { KObject } from '../../protocol.ts'

const isDefault = 'ingressclass.kubernetes.io/is-default-class'

/** Sets the default class when one applies; returns the stage note, or '' when nothing changed. */
export function admitDefaultIngressClass(cache: Record<string, KObject>, ing: KObject): string {
  const spec = (ing.spec ?? {}) as Record<string, unknown>
  if (typeof spec.ingressClassName === 'string' || ing.metadata.annotations?.['kubernetes.io/ingress.class'] !== undefined) return ''
  const defaults: KObject[] = []
  for (const key in cache) {
    const o = cache[key]!
    if (key.startsWith('/registry/ingressclasses/') && o.metadata.annotations?.[isDefault] === 'true') defaults.push(o)
  }
  if (!defaults.length) return ''
  const rank = (o: KObject): string => `${o.metadata.creationTimestamp ?? ''}\u0000${o.metadata.name}`
  defaults.sort((a, b) => (rank(a) < rank(b) ? 1 : rank(a) > rank(b) ? -1 : 0))
  const name = String(defaults[0]!.metadata.name)
  ing.spec = { ...spec, ingressClassName: name }
  return `DefaultIngressClass: spec.ingressClassName set to ${name}`
}
