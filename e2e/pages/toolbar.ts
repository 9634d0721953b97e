import { expect, type Locator, type Page } from '@playwright/test'

/** Play/Pause, Step, speed and the clock. */
export class Toolbar {
  readonly playToggle: Locator
  readonly stepButton: Locator
  readonly speed: Locator
  readonly clock: Locator
  readonly heartbeats: Locator

  constructor(readonly page: Page) {
    this.playToggle = page.getByTestId('toolbar.play')
    this.stepButton = page.getByTestId('toolbar.step')
    this.speed = page.getByTestId('toolbar.speed')
    this.clock = page.getByTestId('clock')
    this.heartbeats = page.getByTestId('toolbar.heartbeats')
  }

  async play(): Promise<void> {
    await this.page.getByRole('button', { name: 'Play' }).click()
    await expect(this.playToggle).toHaveAccessibleName('Pause')
  }

  async pause(): Promise<void> {
    await this.page.getByRole('button', { name: 'Pause' }).click()
    await expect(this.playToggle).toHaveAccessibleName('Play')
  }

  async step(): Promise<void> {
    await this.stepButton.click()
  }

  /** `speed` as the option value: '0.1', '1', '10'. */
  async setSpeed(speed: string): Promise<void> {
    await this.speed.selectOption(speed)
  }

  async delivered(): Promise<number> {
    return Number(await this.clock.getAttribute('data-delivered'))
  }
}
