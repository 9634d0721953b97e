import type { Locator, Page } from '@playwright/test'

/** The kubectl prompt and its output. */
export class Console {
  readonly input: Locator
  readonly output: Locator

  constructor(readonly page: Page) {
    this.input = page.getByRole('textbox', { name: 'kubectl command' })
    this.output = page.getByTestId('console.output')
  }

  async run(line: string): Promise<void> {
    await this.input.fill(line)
    await this.input.press('Enter')
  }
}
