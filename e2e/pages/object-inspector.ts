import type { Locator, Page } from '@playwright/test'

/** The object inspector: a pod clicked on the graph, a key in the etcd browser, a message's object. */
export class ObjectInspector {
  readonly panel: Locator
  readonly title: Locator
  readonly yaml: Locator
  readonly revisions: Locator
  readonly diff: Locator
  readonly diffFrom: Locator
  readonly diffTo: Locator
  readonly close: Locator
  /** Delete: types `kubectl delete <kind> <name>` and shows the line with kubectl's answer. */
  readonly delete: Locator
  readonly deleteOutput: Locator
  private readonly root: Locator | Page

  constructor(readonly page: Page, scope?: Locator) {
    const root = scope ?? page
    this.root = root
    this.panel = page.getByTestId('panel.object')
    this.title = root.getByTestId('object.title')
    this.yaml = root.getByTestId('object.yaml')
    this.revisions = root.getByTestId('object.revision')
    this.diff = root.getByTestId('object.diff')
    this.diffFrom = root.getByTestId('object.diff.from')
    this.diffTo = root.getByTestId('object.diff.to')
    this.close = root.getByTestId('object.close')
    this.delete = root.getByTestId('object.delete')
    this.deleteOutput = root.getByTestId('object.delete-output')
  }

  /** `scheduling`, `yaml`, `history`, `diff`. */
  tab(id: string): Locator {
    return this.root.getByTestId(`object.tab.${id}`)
  }

  revision(rv: string): Locator {
    return this.revisions.and(this.page.locator(`[data-rv="${rv}"]`))
  }
}
