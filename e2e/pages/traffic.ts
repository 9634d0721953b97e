import type { Locator, Page } from '@playwright/test'

/** The traffic panel and the kube-proxy rules it opens. */
export class Traffic {
  readonly panel: Locator
  readonly service: Locator
  readonly from: Locator
  readonly rate: Locator
  readonly start: Locator
  readonly stop: Locator
  readonly totals: Locator
  readonly rulesNode: Locator
  readonly rules: Locator

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('traffic.panel')
    this.service = page.getByTestId('traffic.service')
    this.from = page.getByTestId('traffic.from')
    this.rate = page.getByTestId('traffic.rate')
    this.start = page.getByTestId('traffic.start')
    this.stop = page.getByTestId('traffic.stop')
    this.totals = page.getByTestId('traffic.totals')
    this.rulesNode = page.getByTestId('traffic.rules-node')
    this.rules = page.getByTestId('proxy-rules.text')
  }

  count(pod: string): Locator {
    return this.page.getByTestId(`traffic.count.${pod}`)
  }

  /** Answers per pod, read from the panel in one go (rows re-render as counts change). */
  async counts(): Promise<Record<string, number>> {
    const pairs = await this.page
      .locator('[data-testid^="traffic.count."]')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-testid')!.slice('traffic.count.'.length), Number(r.getAttribute('data-count'))] as const))
    return Object.fromEntries(pairs)
  }

  /** The nodes of the pods that answered. */
  async nodes(): Promise<string[]> {
    return this.page.locator('[data-testid^="traffic.count."]').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-node') ?? ''))])
  }
}
