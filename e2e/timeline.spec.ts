import { expect, test } from './fixtures.ts'
import { TimelineBar } from './pages/timeline.ts'

test.describe('timeline', () => {
  test('dragging back puts the pod back to Pending; stepping on replays the same run', async ({
    app,
    page,
  }) => {
    const timeline = new TimelineBar(page)
    const nginx = app.graph.pod('default', 'nginx')
    await app.toolbar.speed.selectOption('10')
    await app.toolbar.play()
    await expect(nginx).toContainText('Running', { timeout: 40_000 })
    await app.toolbar.pause()
    await expect(timeline.markers.first()).toBeAttached()

    await timeline.dragTo(0)
    await expect(timeline.time).toHaveText(/t = 0\.0\d\d s/)
    // Back before the pod existed: the create request is in flight again.
    await expect(nginx).toHaveCount(0)
    await expect(app.flows.list).toContainText('POST /api/v1/namespaces/default/pods')
    for (let i = 0; i < 12 && (await nginx.count()) === 0; i++) await app.toolbar.step()
    await expect(nginx).toContainText('Pending')
    await page.screenshot({ path: test.info().outputPath('timeline-pending.png') })
  })

  test('Back undoes the last message and ← does the same', async ({ app, page }) => {
    const timeline = new TimelineBar(page)
    await app.toolbar.heartbeats.check()
    for (let n = 1; n <= 3; n++) {
      await app.toolbar.step()
      await expect(app.toolbar.clock).toHaveAttribute('data-delivered', String(n))
    }
    await timeline.back.click()
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '2')
    await page.getByTestId('graph').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('ArrowLeft')
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '1')
    await app.toolbar.step()
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '2')
  })

  test('the slider answers the keyboard', async ({ app, page }) => {
    const timeline = new TimelineBar(page)
    await timeline.slider.focus()
    await page.keyboard.press('PageUp')
    await expect(timeline.time).toHaveText('t = 10.000 s')
    await page.keyboard.press('ArrowLeft')
    await expect(timeline.time).toHaveText('t = 9.000 s')
    await expect(app.toolbar.playToggle).toHaveAccessibleName('Play')
  })
})
