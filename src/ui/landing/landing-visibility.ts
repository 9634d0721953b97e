/**
 * Whether the landing view greets this visit: a first visit that asks for nothing in particular.
 */
export const landingSeenKey = 'kube-anatomy.landing-seen'

export interface VisitFacts {
  search: string
  hash: string
  /** localStorage's value under `landingSeenKey`, or null. */
  seen: string | null
}

export function shouldShowLanding({ search, hash, seen }: VisitFacts): boolean {
  if (seen !== null) return false
  // A share link, a named scenario, presenter or embed mode: the visitor knows where to go.
  if (hash.length > 1) return false
  const params = new URLSearchParams(search)
  return !['scenario', 'present', 'embed'].some((name) => params.has(name))
}

/** Reads the flag; a storage that throws (privacy mode) counts as seen, so nobody is nagged. */
export function readSeen(): string | null {
  try {
    return window.localStorage.getItem(landingSeenKey)
  } catch {
    return '1'
  }
}

export function markSeen(): void {
  try {
    window.localStorage.setItem(landingSeenKey, '1')
  } catch {
    // Nothing to remember it in: the landing shows again next visit, which is harmless.
  }
}
