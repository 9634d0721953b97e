import type { Locator, Page } from '@playwright/test'

/** The component inspector, opened by clicking (or pressing Enter on) a component of the graph. */
export class Inspector {
  readonly panel: Locator
  readonly what: Locator
  readonly live: Locator
  readonly flags: Locator
  readonly close: Locator

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('panel.component')
    this.what = page.getByTestId('component.what')
    this.live = page.getByTestId('component.live')
    this.flags = page.getByTestId('component.flags')
    this.close = page.getByTestId('component.close')
  }

  /** The component on the graph, by actor id (`kube-scheduler:0`, `kubelet:node-2`). */
  component(id: string): Locator {
    return this.page.getByTestId(`component.${id}`)
  }

  section(title: string): Locator {
    return this.page.getByTestId(`inspector.section.${title}`)
  }

  row(section: string, first: string): Locator {
    return this.page.getByTestId(`inspector.row.${section}.${first}`)
  }

  fact(label: string): Locator {
    return this.page.getByTestId(`inspector.fact.${label}`)
  }
}
