/**
 * Deprecated APIs the apiserver still serves, with the notice it sends in a `Warning` header on
 * every answer about them. apiserver/pkg/endpoints/deprecation writes it from the type's
 * deprecation tags: `<group/version> <Kind> is deprecated in v<X.Y>+`, then `; use <replacement>`
 * when the type names one. kubectl prints it as `Warning: <notice>` before its output.
 */
import type { ResourceInfo } from '../../k8s/resources.ts'

const NOTICES: Record<string, string> = {
  // Deprecated in v1.19, with no replacement named.
  '/componentstatuses': 'v1 ComponentStatus is deprecated in v1.19+',
  // KEP-4974: Endpoints deprecated in v1.33 in favour of EndpointSlices.
  '/endpoints': 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
}

/** The notice for requests on this resource, if its API is deprecated. */
export function deprecationNotice(info: ResourceInfo): string | undefined {
  return NOTICES[`${info.group}/${info.resource}`]
}
