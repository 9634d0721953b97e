import { expect, test } from './fixtures.ts'
import { TimelineBar } from './pages/timeline.ts'

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

test('a lesson played through all its chapters; seeking back shows the chapter current then', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000)
  await app.open('lesson-pod-hops')
  await app.toolbar.setSpeed('10')
  const step = page.getByTestId('lesson.step')
  const next = page.getByTestId('lesson.next')
  await next.click()
  await expect(step).toHaveText('Chapter 1 of 11')
  for (let i = 2; i <= 11; i++) {
    await expect(next).toBeEnabled()
    await next.click()
    await expect(step).toHaveText(`Chapter ${i} of 11`, { timeout: 30_000 })
  }
  await expect(page.getByTestId('lesson.title')).toHaveText('Quiet')
  await expect(next).toBeDisabled()

  // Ten seconds back (the last chapter began at 20 s, the one before at 5 s): that one is current.
  const timeline = new TimelineBar(page)
  await timeline.slider.focus()
  await page.keyboard.press('PageDown')
  await expect(step).toHaveText('Chapter 10 of 11')
  await expect(page.getByTestId('lesson.title')).toHaveText('Running, and reported')
  await page.screenshot({ path: test.info().outputPath('lesson-rewound.png') })
  // Next plays on to the last chapter again.
  await next.click()
  await expect(step).toHaveText('Chapter 11 of 11', { timeout: 30_000 })
  // Back to the start: no chapter has begun.
  await timeline.slider.focus()
  await page.keyboard.press('Home')
  await expect(step).toHaveText('Lesson')
  await expect(next).toHaveText('Start')
})

test('the kubectl exec lesson: Next reaches the DNS search-list chapter with the lookups in the console', async ({ app, page }) => {
  test.setTimeout(120_000)
  await app.open('lesson-inside-pod')
  await app.toolbar.setSpeed('10')
  const step = page.getByTestId('lesson.step')
  const next = page.getByTestId('lesson.next')
  for (let i = 1; i <= 4; i++) {
    await expect(next).toBeEnabled({ timeout: 30_000 })
    await next.click()
    await expect(step).toHaveText(`Chapter ${i} of 7`, { timeout: 30_000 })
  }
  await expect(page.getByTestId('lesson.title')).toHaveText('The search list, one question at a time')
  await expect(app.console.output).toContainText('Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local')
  await expect(app.console.output).toContainText('options ndots:5')
  await page.screenshot({ path: test.info().outputPath('lesson-inside-pod.png') })
})
