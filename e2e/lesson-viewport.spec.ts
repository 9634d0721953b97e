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
