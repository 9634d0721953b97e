/**
 * The bounds a link is checked against before any work that grows with its size. A lesson's link
 * is a few hundred to a couple of thousand characters; these leave room for a big workshop
 * scenario and refuse anything that could stall a tab (a deflate bomb inflates ~1000×).
 */

/** Characters after `#v1.`: ~48 KB of deflated JSON. */
export const maxLinkChars = 65_536

/** Bytes of JSON a link may inflate to: a scenario file's own bound (maxScenarioChars) and change. */
export const maxInflatedBytes = 1_200_000

/** Compressed bytes fed to the inflater at a time, so the output limit is checked every ~1 MB. */
export const inflateChunkBytes = 1024

/** Typed commands and faults a link may carry. */
export const maxUserActions = 2_000
