import type { Locator, Page } from '@playwright/test'
import { Traffic } from './traffic.ts'

/** The traffic panel in ingress mode: requests with a Host header and path, answers per HTTP status. */
export class IngressTraffic extends Traffic {
  readonly via: Locator
  readonly url: Locator

  constructor(page: Page) {
    super(page)
    this.via = page.getByTestId('traffic.via')
    this.url = page.getByTestId('traffic.ingress')
  }

  code(code: string): Locator {
    return this.page.getByTestId(`traffic.code.${code}`)
  }

  async codeCount(code: string): Promise<number> {
    const loc = this.code(code)
    return (await loc.count()) ? Number(await loc.getAttribute('data-count')) : 0
  }
}
