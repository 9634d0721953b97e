/**
 * Go's text/tabwriter, which both kubectl tables and kubectl describe run their output through.
 *
 * Text is cut into cells at each tab; a line's last cell (after its last tab) is never aligned.
 * A column block is a run of consecutive lines that all have a tab-terminated cell in that
 * column; its width is the widest cell plus padding (at least minWidth). Cells are padded with
 * spaces, including empty ones, so a line like "IP:\t" keeps its trailing spaces, as kubectl's do.
 */
export interface TabwriterOptions {
  minWidth: number
  padding: number
}

/** kubectl get: cli-runtime printers GetNewTabWriter (minwidth 6, tabwidth 4, padding 3, ' '). */
export const getTableOptions: TabwriterOptions = { minWidth: 6, padding: 3 }

/** kubectl describe: describe.tabbedString (minwidth 0, tabwidth 8, padding 2, ' '). */
export const describeOptions: TabwriterOptions = { minWidth: 0, padding: 2 }

/** Runes, as Go counts a cell's width. */
function width(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

function splitLines(text: string): string[][] {
  const raw = text.split('\n')
  return raw.map((line, i) => (i === raw.length - 1 && line === '' ? [] : line.split('\t')))
}

/** Aligns tab-separated text exactly as Go's tabwriter (flags 0, space padding) would. */
export function tabwrite(text: string, options: TabwriterOptions): string {
  const lines = splitLines(text)
  const out: string[] = []
  const widths: number[] = []

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!
      let line = ''
      cells.forEach((cell, j) => {
        line += cell
        if (j < widths.length) line += ' '.repeat(widths[j]! - width(cell))
      })
      out.push(i + 1 === lines.length ? line : line + '\n')
    }
  }

  const format = (line0: number, line1: number): void => {
    const column = widths.length
    let start = line0
    for (let row = line0; row < line1; row++) {
      if (column >= lines[row]!.length - 1) continue
      writeLines(start, row)
      let cellWidth = options.minWidth
      let end = row
      for (; end < line1; end++) {
        const cells = lines[end]!
        if (column >= cells.length - 1) break
        cellWidth = Math.max(cellWidth, width(cells[column]!) + options.padding)
      }
      widths.push(cellWidth)
      format(row, end)
      widths.pop()
      start = end
      row = end - 1
    }
    writeLines(start, line1)
  }

  format(0, lines.length)
  return out.join('')
}

/** A kubectl get table: one row per line, every line ending in a newline. */
export function formatTable(rows: string[][]): string {
  if (rows.length === 0) return ''
  return tabwrite(rows.map((row) => row.join('\t') + '\n').join(''), getTableOptions)
}
