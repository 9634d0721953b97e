import { expect, type Locator, type Page } from '@playwright/test'

/** The YAML editor tab: CodeMirror's content, Apply, the line errors and kubectl's answer. */
export class Editor {
  readonly tab: Locator
  readonly text: Locator
  readonly apply: Locator
  readonly errors: Locator
  readonly status: Locator

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'YAML' })
    this.text = page.getByRole('textbox', { name: 'YAML editor' })
    this.apply = page.getByRole('button', { name: 'Apply' })
    this.errors = page.getByTestId('editor.errors')
    this.status = page.getByTestId('editor.status')
  }

  async open(): Promise<void> {
    await this.tab.click()
    await expect(this.text).toBeVisible()
  }

  /** Replaces the whole text as if typed (CodeMirror reads real input events). */
  async replace(yaml: string): Promise<void> {
    await this.text.click()
    await this.page.keyboard.press('ControlOrMeta+A')
    await this.page.keyboard.press('Delete')
    await this.page.keyboard.insertText(yaml)
  }

  errorOnLine(line: number): Locator {
    return this.errors.locator(`li[data-line="${line}"]`)
  }
}
