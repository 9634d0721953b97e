import type { Locator, Page } from '@playwright/test'

/** The message list and the details of the selected message. */
export class Flows {
  readonly list: Locator
  readonly rows: Locator
  readonly details: Locator

  constructor(readonly page: Page) {
    this.list = page.getByTestId('flows.list')
    this.rows = this.list.getByTestId('flows.row')
    this.details = page.getByTestId('panel.details')
  }

  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text }).first()
  }

  ofKind(kind: string): Locator {
    return this.list.locator(`[data-flow-kind="${kind}"]`)
  }
}
