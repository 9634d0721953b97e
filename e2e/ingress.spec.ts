import { expect, test } from './fixtures.ts'
import type { App } from './pages/app.ts'
import { IngressTraffic } from './pages/ingress-traffic.ts'
import { Inspector } from './pages/inspector.ts'
import { Share } from './pages/share.ts'
import { TimelineBar } from './pages/timeline.ts'

/** A cluster with the ingress-nginx add-on; the script makes the Deployment and its Service. */
const scenario = `title: Ingress to Service to Pod
seed: 5
cluster:
  addons: [coredns, ingress-nginx]
  nodes:
    - {name: node-1}
    - {name: node-2}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.27 --replicas=2 --port=80"}
  - {at: 3s, kubectl: "expose deployment web --port=80"}
until: 300s
`

/** Moves virtual time on with the timeline's PageUp (10 s each), never by waiting on the wall clock. */
async function forward(app: App, seconds: number): Promise<void> {
  const timeline = new TimelineBar(app.page)
  const trace = new Share(app.page).trace
  for (let i = 0; i < seconds / 10; i++) {
    await timeline.slider.focus()
    const from = Number(await timeline.slider.inputValue())
    await app.page.keyboard.press('PageUp')
    await expect.poll(async () => Number((await trace.getAttribute('data-at-ms')) ?? NaN), { timeout: 30_000 }).toBeGreaterThanOrEqual(from + 9_000)
  }
}

test('an Ingress gets its ADDRESS from ingress-nginx, requests reach the pods through it, an unknown host gets 404', async ({ app }) => {
  test.setTimeout(240_000)
  const page = app.page
  await page.getByTestId('import.input').setInputFiles({ name: 'ingress.yaml', mimeType: 'application/yaml', buffer: Buffer.from(scenario) })
  await expect(page.locator('.toolbar__title')).toHaveText('Ingress to Service to Pod')
  await app.toolbar.heartbeats.uncheck()
  await expect(page.getByTestId('rf__node-ingress-nginx')).toBeVisible()

  await app.console.run('kubectl create ingress web --class=nginx --rule=example.com/testpath*=web:80')
  await forward(app, 10)
  await expect(app.console.output).toContainText('ingress.networking.k8s.io/web created')
  // The controller writes the status at start and every 60 s; its pod is Ready only after start.
  await forward(app, 80)
  await app.console.run('kubectl get ingress')
  await forward(app, 10)
  await expect(app.console.output).toContainText(/web\s+nginx\s+example\.com\s+10\.0\.0\.1\d\s+80/)

  const traffic = new IngressTraffic(page)
  await traffic.via.selectOption('ingress')
  await traffic.url.fill('example.com/testpath')
  await traffic.from.selectOption('outside')
  await traffic.rate.selectOption('20')
  await traffic.start.click()
  await expect(traffic.stop).toBeVisible()
  await forward(app, 10)
  await expect.poll(async () => Object.entries(await traffic.counts()).filter(([pod, n]) => pod.startsWith('web-') && n > 0).length).toBe(2)
  expect(await traffic.codeCount('200')).toBeGreaterThan(50)
  await expect(traffic.totals).toContainText('http://example.com/testpath via ingress-nginx')
  await page.screenshot({ path: test.info().outputPath('ingress-traffic.png') })

  // The controller's routing table, as data, in the component inspector.
  const inspector = new Inspector(page)
  // Enter on the box: a click could land on a request token passing over it.
  await inspector.component('ingress-nginx').focus()
  await page.keyboard.press('Enter')
  await expect(inspector.section('routing-table-nginx-servers-and-locations')).toBeVisible()
  await expect(inspector.row('routing-table-nginx-servers-and-locations', 'example-com').first()).toContainText('default/web:80')
  await page.screenshot({ path: test.info().outputPath('ingress-inspector.png') })
  await inspector.close.click()

  await traffic.stop.click()
  await traffic.url.fill('other.example.org/')
  await traffic.start.click()
  await forward(app, 10)
  await expect.poll(() => traffic.codeCount('404')).toBeGreaterThan(20)
  await page.screenshot({ path: test.info().outputPath('ingress-404.png') })
})
