/**
 * Go's url.QueryEscape, which url.Values.Encode applies to each key and value: like
 * encodeURIComponent, but a space becomes `+` and `!'()*` are escaped too.
 */
export function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** The value a query carries back to text (url.QueryUnescape: `+` is a space). */
export function queryUnescape(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '))
}
