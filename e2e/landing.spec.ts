import { expect, test } from '@playwright/test'

// No `app` fixture: it marks the landing as seen. This is a newcomer's very first visit.
test('a newcomer starts a lesson in one click; Next shows its first chapter', async ({ page }) => {
  await page.goto('/')
  const landing = page.getByTestId('landing')
  await expect(landing).toBeVisible()
  // Eleven lessons and "Just explore".
  await expect(landing.getByRole('button')).toHaveCount(12)
  await expect(page.getByTestId('landing.lesson.lesson-inside-pod')).toBeVisible()
  await expect(page.getByTestId('landing.lesson.lesson-ingress')).toBeVisible()
  await expect(page.getByTestId('landing.lesson.lesson-etcd-quorum')).toBeVisible()
  await expect(page.getByTestId('landing.lesson.lesson-tour')).toBeFocused()
  await page.screenshot({ path: test.info().outputPath('landing.png') })
  await page.getByTestId('landing.lesson.lesson-deployment').click()
  await expect(landing).toHaveCount(0)
  await expect(page).toHaveURL(/\?scenario=lesson-deployment$/)
  await expect(page.getByTestId('lesson')).toContainText('Press Start')
  await page.getByTestId('lesson.next').click()
  await expect(page.getByTestId('lesson.title')).toHaveText('You write down what you want')
  await expect(page.getByTestId('lesson.step')).toHaveText('Chapter 1 of 12')
  await page.screenshot({ path: test.info().outputPath('landing-lesson.png') })
  // Seen once, it stays away on the next visit.
  await page.goto('/')
  await expect(page.getByTestId('graph')).toBeVisible()
  await expect(landing).toHaveCount(0)
})

test('Just explore, or Esc, keeps the default scenario', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByTestId('landing')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('landing')).toHaveCount(0)
  await expect(page).toHaveURL(/\/$/)
  await page.evaluate(() => window.localStorage.clear())
  await page.reload()
  await page.getByTestId('landing.explore').click()
  await expect(page.getByTestId('landing')).toHaveCount(0)
  await expect(page.getByTestId('graph')).toBeVisible()
})
