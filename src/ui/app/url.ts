/** What the address bar asks for: `?scenario=<id>`. */
export function scenarioIdFromUrl(search: string, fallback: string): string {
  const id = new URLSearchParams(search).get('scenario')
  return id && id.trim() ? id.trim() : fallback
}
