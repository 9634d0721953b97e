import { expect, type Locator, type Page } from '@playwright/test'

/** Share link, damaged-link message, presenter mode and scenario files. */
export class Share {
  readonly button: Locator
  readonly link: Locator
  readonly status: Locator
  readonly trace: Locator
  readonly damaged: Locator
  readonly damagedReason: Locator
  readonly startDefault: Locator
  readonly present: Locator

  constructor(readonly page: Page) {
    this.button = page.getByTestId('toolbar.share')
    this.link = page.getByTestId('share.link')
    this.status = page.getByTestId('share.status')
    this.trace = page.getByTestId('status.trace')
    this.damaged = page.getByTestId('share.damaged')
    this.damagedReason = page.getByTestId('share.damaged.reason')
    this.startDefault = page.getByTestId('share.start-default')
    this.present = page.getByTestId('toolbar.present')
  }

  /** Presses Share and returns the link it shows. */
  async share(): Promise<string> {
    await this.button.click()
    await expect(this.link).toHaveValue(/#v1\./)
    return this.link.inputValue()
  }

  /** The trace hash once the simulation rests (empty while time moves). */
  async restingHash(): Promise<string> {
    await expect(this.trace).toHaveAttribute('data-trace-hash', /^[0-9a-f]{8}$/)
    return (await this.trace.getAttribute('data-trace-hash'))!
  }
}
