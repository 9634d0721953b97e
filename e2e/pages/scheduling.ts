import type { Locator, Page } from '@playwright/test'

/** The scheduling decision table, opened by clicking a pod. */
export class Scheduling {
  readonly panel: Locator
  readonly table: Locator
  readonly winner: Locator
  readonly facts: Locator
  readonly close: Locator

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('panel.scheduling')
    this.table = page.getByTestId('scheduling.table')
    this.winner = page.getByTestId('scheduling.winner')
    this.facts = page.getByTestId('scheduling.facts')
    this.close = page.getByTestId('scheduling.close')
  }

  node(name: string): Locator {
    return this.page.getByTestId(`scheduling.node.${name}`)
  }

  filter(plugin: string, node: string): Locator {
    return this.page.getByTestId(`scheduling.filter.${plugin}.${node}`)
  }

  score(plugin: string, node: string): Locator {
    return this.page.getByTestId(`scheduling.score.${plugin}.${node}`)
  }

  total(node: string): Locator {
    return this.page.getByTestId(`scheduling.total.${node}`)
  }
}
