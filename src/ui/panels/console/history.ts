/** History as a shell keeps it: ↑ walks back, ↓ forward, and past the end the draft returns. */
export interface HistoryCursor {
  /** Index into the entries while browsing; entries.length when editing the draft. */
  index: number
  draft: string
}

export function historyMove(
  entries: string[],
  cursor: HistoryCursor,
  current: string,
  direction: -1 | 1,
): { cursor: HistoryCursor; line: string } | null {
  const draft = cursor.index === entries.length ? current : cursor.draft
  const index = cursor.index + direction
  if (index < 0 || index > entries.length) return null
  return { cursor: { index, draft }, line: index === entries.length ? draft : entries[index]! }
}

/** Adds a line, skipping an immediate repeat as bash's ignoredups does. */
export function historyPush(entries: string[], line: string): string[] {
  return entries[entries.length - 1] === line ? entries : [...entries, line]
}
