import { expect, type Locator, type Page } from '@playwright/test'

/** The Faults menu in the toolbar. */
export class Faults {
  readonly button: Locator
  readonly menu: Locator

  constructor(readonly page: Page) {
    this.button = page.getByTestId('toolbar.faults')
    this.menu = page.getByRole('menu', { name: 'Faults' })
  }

  /** Opens the menu with the keyboard and activates the item with this label. */
  async choose(label: string | RegExp): Promise<void> {
    await this.focusItem(label)
    await this.page.keyboard.press('Enter')
    await expect(this.menu).toBeHidden()
  }

  /** Opens the menu with the keyboard and walks with the arrow keys to the item with this label. */
  async focusItem(label: string | RegExp): Promise<Locator> {
    await this.button.focus()
    await this.page.keyboard.press('Enter')
    await expect(this.menu).toBeVisible()
    const item = this.menu.getByRole('menuitem', { name: label })
    const items = this.menu.getByRole('menuitem')
    const count = await items.count()
    // Walk with the arrow keys to the item, as a keyboard user does.
    for (let i = 0; i < count; i++) {
      if (await item.evaluate((el) => el === document.activeElement)) break
      await this.page.keyboard.press('ArrowDown')
    }
    await expect(item).toBeFocused()
    return item
  }
}
