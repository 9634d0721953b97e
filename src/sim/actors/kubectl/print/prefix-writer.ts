import { describeOptions, tabwrite } from './tabwriter.ts'

/**
 * describe's PrefixWriter: text at an indent level of two spaces per level, collected and then
 * aligned by one tabwriter for the whole output (describe.tabbedString).
 */
export class PrefixWriter {
  private text = ''

  write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text
  }

  /** Text with no indent, ending the line (Go's Sprintln). */
  writeLine(text: string): void {
    this.text += `${text}\n`
  }

  /** The aligned output. */
  render(): string {
    return tabwrite(this.text, describeOptions)
  }
}
