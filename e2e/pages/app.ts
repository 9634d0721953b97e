import { expect, type Locator, type Page } from '@playwright/test'
import { Console } from './console.ts'
import { Flows } from './flows.ts'
import { Graph } from './graph.ts'
import { Toolbar } from './toolbar.ts'

/** The whole page, opened on a scenario (state comes from the URL, never from a back door). */
export class App {
  readonly toolbar: Toolbar
  readonly graph: Graph
  readonly flows: Flows
  readonly console: Console

  constructor(readonly page: Page) {
    this.toolbar = new Toolbar(page)
    this.graph = new Graph(page)
    this.flows = new Flows(page)
    this.console = new Console(page)
  }

  async open(scenarioId?: string): Promise<void> {
    // The landing view greets first visits to '/'; these tests start past it (landing.spec.ts covers it).
    await this.page.addInitScript(() => window.localStorage.setItem('kube-anatomy.landing-seen', '1'))
    await this.page.goto(scenarioId ? `/?scenario=${encodeURIComponent(scenarioId)}` : '/')
    await expect(this.graph.component('kube-apiserver:0')).toBeVisible()
    await expect(this.toolbar.clock).toHaveAttribute('data-delivered', '0')
  }

  /**
   * Plays the default scenario at 10×, heartbeats hidden, until its nginx pod runs, then pauses
   * there; returns the pod's box (the setup the inspector tests share).
   */
  async runNginx(): Promise<Locator> {
    await this.toolbar.heartbeats.uncheck()
    await this.toolbar.setSpeed('10')
    await this.toolbar.play()
    const pod = this.graph.pod('default', 'nginx')
    await expect(pod).toHaveAttribute('data-status', 'Running', { timeout: 40_000 })
    await this.toolbar.pause()
    return pod
  }
}
