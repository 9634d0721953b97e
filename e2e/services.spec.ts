import { expect, test } from './fixtures.ts'
import { Traffic } from './pages/traffic.ts'

test.describe('services and traffic', () => {
  // Open (issue #8): this journey passed in CI but times out in about half the runs on 2 cores
  // (virtual time slows while many request tokens are in flight). Fixme until the traffic view
  // draws cheaply; the engine side is covered by src/sim/services.test.ts.
  test.fixme('expose a Deployment, send traffic, see it reach pods on two nodes and read the rules', async ({ app, page }, testInfo) => {
    // The slowed-down picture takes a while to reach the exposed Service and to drain a pod.
    test.setTimeout(180_000)
    await app.open('services')
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    await app.toolbar.play()
    // The script exposes the Deployment at 3 s; its three pods run on the three nodes.
    await expect(app.console.output).toContainText('service/web exposed', { timeout: 90_000 })

    const traffic = new Traffic(page)
    await traffic.service.fill('web')
    await traffic.from.selectOption('node-1')
    await traffic.rate.selectOption('5')
    await traffic.start.click()
    await expect(traffic.stop).toBeVisible()
    await expect.poll(async () => Object.values(await traffic.counts()).filter((n) => n > 0).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2)
    // The pods that answered run on at least two nodes (rules on node-1 DNAT to pods elsewhere).
    expect((await traffic.nodes()).filter(Boolean).length).toBeGreaterThanOrEqual(2)

    await traffic.rulesNode.selectOption('node-2')
    await expect(traffic.rules).toContainText('-m statistic --mode random --probability 0.33333333349')
    const shot = testInfo.outputPath('traffic.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('traffic', { path: shot, contentType: 'image/png' })
  })

  // Open (issue #8): with traffic flowing, the page's main thread is too busy to take the typed
  // delete within the test's budget on CI's 2 cores, so this step times out. The engine side is
  // covered by src/sim/services.test.ts (a deleted pod's endpoint turns terminating, not ready).
  test.fixme('a deleted pod stops getting traffic while the others keep counting', async ({ app, page }) => {
    test.setTimeout(180_000)
    await app.open('services')
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    await app.toolbar.play()
    await expect(app.console.output).toContainText('service/web exposed', { timeout: 90_000 })
    const traffic = new Traffic(page)
    await traffic.service.fill('web')
    await traffic.from.selectOption('node-1')
    await traffic.rate.selectOption('5')
    await traffic.start.click()
    // Delete one pod: it turns terminating, leaves the ready endpoints, and its counter stops.
    const victim = Object.keys(await traffic.counts()).sort()[0]!
    await app.console.run(`delete pod ${victim} --wait=false`)
    await expect(app.console.output).toContainText(`pod "${victim}" deleted`, { timeout: 20_000 })
    // Once the slice and the rules drop it, its counter stops while the others keep counting.
    const answered = async (): Promise<number> => Number((await traffic.totals.textContent())?.match(/answered (\d+)/)?.[1] ?? 0)
    let last = -1
    let answeredAtChange = 0
    await expect
      .poll(
        async () => {
          const n = (await traffic.counts())[victim] ?? 0
          const total = await answered()
          if (n !== last) {
            last = n
            answeredAtChange = total
          }
          return total - answeredAtChange
        },
        { timeout: 40_000, intervals: [500] },
      )
      .toBeGreaterThan(25)
  })
})
