import type { Locator, Page } from '@playwright/test'

/** The timeline under the cluster: slider, markers, Back. */
export class TimelineBar {
  readonly root: Locator
  readonly slider: Locator
  readonly back: Locator
  readonly time: Locator
  readonly markers: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('timeline')
    this.slider = page.getByTestId('timeline.slider')
    this.back = page.getByTestId('timeline.back')
    this.time = page.getByTestId('timeline.time')
    this.markers = page.getByTestId('timeline.marker')
  }

  /** Drags the slider's thumb from where it is to `fraction` of the track, as a person would. */
  async dragTo(fraction: number): Promise<void> {
    const box = await this.slider.boundingBox()
    if (!box) throw new Error('timeline slider not visible')
    const value = Number(await this.slider.inputValue())
    const max = Number(await this.slider.getAttribute('max'))
    const y = box.y + box.height / 2
    await this.page.mouse.move(box.x + 8 + (box.width - 16) * (value / max), y)
    await this.page.mouse.down()
    await this.page.mouse.move(box.x + 8 + (box.width - 16) * fraction, y, { steps: 10 })
    await this.page.mouse.up()
  }
}
