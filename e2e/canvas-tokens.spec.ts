import { expect, test } from './fixtures.ts'
import { Share } from './pages/share.ts'
import { TimelineBar } from './pages/timeline.ts'

/** Requests in flight (issue 8): the data plane's tokens are painted on one canvas. */
const scenario = `title: packets on the canvas
seed: 3
cluster:
  nodes:
    - {name: node-1}
    - {name: node-2}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.27 --replicas=2 --port=80"}
  - {at: 3s, kubectl: "expose deployment web --port=80"}
  - {at: 15s, traffic: "start web --rate 2000 --from node-1"}
until: 60s
`

test('packets are painted on the canvas, listed as buttons, and a click on the drawing selects the one on top', async ({
  app,
  page,
}) => {
  const timeline = new TimelineBar(page)
  const trace = new Share(page).trace
  await page.getByTestId('import.input').setInputFiles({
    name: 'traffic.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(scenario),
  })
  await expect(page.locator('.toolbar__title')).toHaveText('packets on the canvas')
  await app.toolbar.heartbeats.uncheck()
  // 20 s, at rest: seeks run by the engine, no wall-clock waits.
  for (let i = 0; i < 2; i++) {
    await timeline.slider.focus()
    const from = Number(await timeline.slider.inputValue())
    await page.keyboard.press('PageUp')
    await expect
      .poll(async () => Number((await trace.getAttribute('data-at-ms')) ?? NaN), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(from + 9_000)
  }
  const canvas = page.getByTestId('flow.canvas')
  await expect.poll(async () => Number(await canvas.getAttribute('data-drawn'))).toBeGreaterThan(0)
  const handles = page.locator('[data-canvas-handle]')
  await expect(handles.first()).toHaveAttribute('data-x', /\d/)
  // As many buttons as tokens painted, up to 12, named like the message.
  const drawn = Number(await canvas.getAttribute('data-drawn'))
  await expect(handles).toHaveCount(Math.min(12, drawn))
  await expect(page.getByRole('group', { name: /Packets in flight: \d+/ })).toBeAttached()
  await expect(handles.first()).toHaveAccessibleName(/^(request|response|DNS|answer) \S+ → \S+$/)

  // A click on the drawing of the first listed token selects the token drawn on top there.
  const x = Number(await handles.first().getAttribute('data-x'))
  const y = Number(await handles.first().getAttribute('data-y'))
  const box = (await canvas.boundingBox())!
  await page.mouse.click(box.x + x, box.y + y)
  const selected = page.locator('[data-canvas-handle].token--selected')
  await expect(selected).toHaveCount(1)
  await expect(selected).toHaveAttribute('aria-pressed', 'true')
  await expect(app.flows.details).toContainText(/traffic-client|kube-proxy/)
  const sx = Number(await selected.getAttribute('data-x'))
  const sy = Number(await selected.getAttribute('data-y'))
  expect(Math.hypot(sx - x, sy - y)).toBeLessThan(40)
  await page.screenshot({ path: test.info().outputPath('canvas-selected.png') })

  // A click on empty graph leaves the selection alone and selects no token.
  await page.mouse.click(box.x + 5, box.y + 5)
  await expect(selected).toHaveCount(1)
})
