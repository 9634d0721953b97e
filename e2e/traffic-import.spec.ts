import { expect, test } from './fixtures.ts'
import { Share } from './pages/share.ts'
import { TimelineBar } from './pages/timeline.ts'
import { Traffic } from './pages/traffic.ts'

/** A scenario file whose script starts and stops the traffic itself (issue 8). */
const scenario = `title: traffic from the script
seed: 3
cluster:
  nodes:
    - {name: node-1}
    - {name: node-2}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.27 --replicas=2 --port=80"}
  - {at: 3s, kubectl: "expose deployment web --port=80"}
  - {at: 15s, traffic: "start web --rate 2000 --from node-1"}
  - {at: 25s, traffic: stop}
until: 60s
`

test('an imported scenario file starts its traffic, draws the requests, and keeps the counters across seeks', async ({ app }) => {
  const page = app.page
  const timeline = new TimelineBar(page)
  const trace = new Share(page).trace
  const traffic = new Traffic(page)
  const sent = async (): Promise<number> => Number((await traffic.totals.textContent())?.match(/sent (\d+)/)?.[1] ?? 0)
  /** PageUp: 10 s of virtual time, run by the engine, then at rest (no wall-clock waits). */
  const forward = async (): Promise<void> => {
    await timeline.slider.focus()
    const from = Number(await timeline.slider.inputValue())
    await page.keyboard.press('PageUp')
    await expect.poll(async () => Number((await trace.getAttribute('data-at-ms')) ?? NaN), { timeout: 30_000 }).toBeGreaterThanOrEqual(from + 9_000)
  }

  await page.getByTestId('import.input').setInputFiles({ name: 'traffic.yaml', mimeType: 'application/yaml', buffer: Buffer.from(scenario) })
  await expect(page.locator('.toolbar__title')).toHaveText('traffic from the script')
  await app.toolbar.heartbeats.uncheck()
  await forward()
  await forward()
  // 20 s: the script's traffic has run 5 s at 2000/s and requests are on their way.
  await expect(traffic.stop).toBeVisible()
  expect(await sent()).toBeGreaterThan(5_000)
  // The form shows the running traffic's own target, not its defaults (5/s).
  await expect(page.getByTestId('traffic.rate')).toHaveValue('2000')
  await expect(page.getByTestId('traffic.from')).toHaveValue('node-1')
  await expect(page.getByTestId('traffic.service')).toHaveValue('web')
  const token = page.locator('[data-testid="flow.token"][data-flow-kind^="traffic."]').first()
  await expect(token).toBeVisible()
  const id = await token.getAttribute('data-flow-id')
  // Requests leave the same sender together, stacked: click this one, not whichever lies on top.
  await token.dispatchEvent('click')
  await expect(page.locator(`[data-testid="flow.token"][data-flow-id="${id}"]`)).toHaveClass(/token--selected/)
  await page.screenshot({ path: test.info().outputPath('traffic-tokens.png') })

  // 30 s: stopped at 25 s; the counters stay on the page, seek after seek.
  await forward()
  await expect(traffic.start).toBeVisible()
  const total = await sent()
  expect(total).toBeGreaterThan(15_000)
  await forward()
  expect(await sent()).toBe(total)
})
