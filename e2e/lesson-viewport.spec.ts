import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

/** React Flow's viewport transform: the picture's pan and zoom. */
const transform = (page: Page): Promise<string> =>
  page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform)

test('the picture stays put while a lesson moves from chapter to chapter', async ({ app, page }, testInfo) => {
  await app.open('lesson-pod-hops')
  const step = page.getByTestId('lesson.step')
  const next = page.getByTestId('lesson.next')
  await next.click()
  await expect(step).toHaveText('Chapter 1 of 11')
  const first = await transform(page)
  const height1 = (await page.getByTestId('lesson').boundingBox())!.height
  await page.screenshot({ path: testInfo.outputPath('chapter-1.png') })
  // Chapter 2's narration is longer than chapter 1's: the card grows, the picture must not move.
  await next.click()
  await expect(step).toHaveText('Chapter 2 of 11')
  await expect(next).toHaveText('Next')
  await page.screenshot({ path: testInfo.outputPath('chapter-2.png') })
  const height2 = (await page.getByTestId('lesson').boundingBox())!.height
  expect(height2).not.toBe(height1)
  expect(await transform(page)).toBe(first)
  await next.click()
  await expect(step).toHaveText('Chapter 3 of 11')
  await expect(next).toHaveText('Next')
  expect(await transform(page)).toBe(first)

  // The window changing size still fits the picture anew.
  await page.setViewportSize({ width: 1100, height: 760 })
  await expect.poll(() => transform(page)).not.toBe(first)
})

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('a lesson keeps the cluster as wide as the screen, above the narration and hidden by it nowhere', async ({ app, page }, testInfo) => {
    await app.open('lesson-pod-hops')
    await page.getByTestId('lesson.next').click()
    await expect(page.getByTestId('lesson.step')).toHaveText('Chapter 1 of 11')
    const boxes = () =>
      page.evaluate(() => {
        const card = document.querySelector('[data-testid="lesson"]')!.getBoundingClientRect()
        let left = Infinity
        let right = -Infinity
        const covered: string[] = []
        for (const el of document.querySelectorAll('[data-testid^="component."]')) {
          const b = el.getBoundingClientRect()
          left = Math.min(left, b.left)
          right = Math.max(right, b.right)
          if (!(b.right <= card.left || b.left >= card.right || b.bottom <= card.top || b.top >= card.bottom)) covered.push(el.getAttribute('data-testid')!)
        }
        return { width: right - left, covered }
      })
    // The narration and the timeline take the bottom of the picture's box; the box grows by that
    // much on a phone, so the cluster is drawn about as wide as the screen (~180 px before).
    await expect.poll(async () => (await boxes()).width).toBeGreaterThan(300)
    expect((await boxes()).covered).toEqual([])
    const shot = testInfo.outputPath('phone-lesson.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('phone-lesson', { path: shot, contentType: 'image/png' })
  })
})
