/** What the address asks for, beyond `?scenario=`: `?embed=1`, `?present=1`, a `#v1.…` link. */
export function flagFromUrl(search: string, name: 'embed' | 'present'): boolean {
  const value = new URLSearchParams(search).get(name)
  return value !== null && value !== '0' && value !== 'false'
}

/** The whole address of a link: this page (with its query, e.g. `?embed=1`) plus the fragment. */
export function linkAddress(location: Pick<Location, 'origin' | 'pathname' | 'search'>, fragment: string): string {
  return `${location.origin}${location.pathname}${location.search}${fragment}`
}

/** The address of the full app for an embedded moment: same link, no `embed`. */
export function fullAppAddress(location: Pick<Location, 'origin' | 'pathname' | 'search' | 'hash'>): string {
  const params = new URLSearchParams(location.search)
  params.delete('embed')
  const query = params.toString()
  return `${location.origin}${location.pathname}${query ? `?${query}` : ''}${location.hash}`
}
