import { expect, test } from './fixtures.ts'

test('a lesson plays chapter by chapter with Next, pausing where to look', async ({ app, page }) => {
  await app.open('lesson-pod-hops')
  const lesson = page.getByTestId('lesson')
  await expect(lesson).toContainText('Press Start')
  await page.getByTestId('lesson.next').click()
  await expect(page.getByTestId('lesson.title')).toHaveText('kubectl sends a request')
  await expect(page.getByTestId('lesson.step')).toHaveText('Chapter 1 of 11')
  await expect(app.toolbar.playToggle).toHaveAccessibleName('Play')
  await page.getByTestId('lesson.next').click()
  await expect(page.getByTestId('lesson.title')).toHaveText(
    'The API server checks, fills in, and stores',
  )
  await expect(page.getByTestId('lesson.next')).toHaveText('Next')
  await page.screenshot({ path: test.info().outputPath('lesson.png') })
  for (let i = 3; i <= 5; i++) {
    await page.getByTestId('lesson.next').click()
    await expect(page.getByTestId('lesson.step')).toHaveText(`Chapter ${i} of 11`)
  }
  await expect(page.getByTestId('lesson.title')).toHaveText('kube-scheduler picks a node')
})

test('? lists the keyboard shortcuts and Esc closes the list', async ({ app, page }) => {
  await page.getByTestId('graph').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('?')
  await expect(page.getByTestId('help')).toContainText('Step back one message')
  await page.screenshot({ path: test.info().outputPath('help.png') })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('help')).toHaveCount(0)
  await expect(app.toolbar.playToggle).toHaveAccessibleName('Play')
})
