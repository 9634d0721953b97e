import type { Locator, Page } from '@playwright/test'

/** The cluster diagram: components by actor id, worker nodes, pods, tokens. */
export class Graph {
  readonly root: Locator
  readonly tokens: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('graph')
    this.tokens = page.getByTestId('flow.token')
  }

  /** A component's React Flow node: `kube-apiserver:0`, `kubelet:node-1`. */
  component(actorId: string): Locator {
    return this.page.getByTestId(`rf__node-${actorId}`)
  }

  workerNode(name: string): Locator {
    return this.page.getByTestId(`node.${name}`)
  }

  pod(namespace: string, name: string): Locator {
    return this.page.getByTestId(`pod.${namespace}.${name}`)
  }
}
