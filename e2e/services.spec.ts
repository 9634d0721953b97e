import { expect, test } from './fixtures.ts'
import type { App } from './pages/app.ts'
import { Flows } from './pages/flows.ts'
import { Share } from './pages/share.ts'
import { TimelineBar } from './pages/timeline.ts'
import { Traffic } from './pages/traffic.ts'

/**
 * Time moves by the timeline's own keys (PageUp: 10 s of virtual time, run by the engine and then
 * paused), never by waiting on the wall clock, so the journey takes the same steps on a busy
 * machine as on an idle one.
 */
class Clock {
  readonly timeline: TimelineBar
  readonly share: Share

  constructor(readonly app: App) {
    this.timeline = new TimelineBar(app.page)
    this.share = new Share(app.page)
  }

  /** Where the engine rests, in virtual ms; NaN while time moves. */
  async atMs(): Promise<number> {
    const v = await this.share.trace.getAttribute('data-at-ms')
    return v ? Number(v) : NaN
  }

  /** Moves virtual time on by `seconds` (a multiple of 10) and waits until the engine rests there. */
  async forward(seconds: number): Promise<void> {
    for (let i = 0; i < seconds / 10; i++) {
      await this.timeline.slider.focus()
      const from = Number(await this.timeline.slider.inputValue())
      await this.app.page.keyboard.press('PageUp')
      await expect.poll(() => this.atMs(), { timeout: 30_000 }).toBeGreaterThanOrEqual(from + 9_000)
    }
  }
}

async function startTraffic(app: App, clock: Clock): Promise<Traffic> {
  await app.toolbar.heartbeats.uncheck()
  // The script applies the Deployment at 0 s and exposes it at 3 s; by 20 s its pods are Ready.
  await clock.forward(20)
  await expect(app.console.output).toContainText('service/web exposed')
  const traffic = new Traffic(app.page)
  await traffic.service.fill('web')
  await traffic.from.selectOption('node-1')
  await traffic.rate.selectOption('5')
  await traffic.start.click()
  await expect(traffic.stop).toBeVisible()
  await clock.forward(10)
  // Three pods answer, on more than one node: node-1's rules DNAT to pods elsewhere too.
  await expect.poll(async () => Object.values(await traffic.counts()).filter((n) => n > 0).length).toBe(3)
  expect((await traffic.nodes()).filter(Boolean).length).toBeGreaterThanOrEqual(2)
  return traffic
}

const answered = async (traffic: Traffic): Promise<number> => Number((await traffic.totals.textContent())?.match(/answered (\d+)/)?.[1] ?? 0)

/** After the change has taken effect, `victim` gets nothing more while the others keep counting. */
async function expectStopped(traffic: Traffic, clock: Clock, victim: string): Promise<void> {
  const before = await traffic.counts()
  const total = await answered(traffic)
  await clock.forward(10)
  await expect.poll(() => answered(traffic)).toBeGreaterThan(total + 25)
  const after = await traffic.counts()
  expect(after[victim] ?? 0).toBe(before[victim] ?? 0)
  const others = Object.keys(after).filter((p) => p !== victim)
  expect(others.reduce((n, p) => n + (after[p]! - (before[p] ?? 0)), 0)).toBeGreaterThan(25)
}

test.describe('services and traffic', () => {
  test('expose a Deployment, send traffic to pods on two nodes, read the rules, make a pod un-Ready', async ({ app, page }, testInfo) => {
    test.setTimeout(120_000)
    const clock = new Clock(app)
    await app.open('services')
    const traffic = await startTraffic(app, clock)

    await traffic.rulesNode.selectOption('node-2')
    await expect(traffic.rules).toContainText('-m statistic --mode random --probability 0.33333333349')
    // The client pod resolves the Service through CoreDNS with its ClusterFirst resolv.conf.
    await expect(traffic.panel.getByTestId('traffic.resolv-conf')).toContainText('nameserver 10.96.0.10')
    await expect(app.graph.component('coredns')).toBeVisible()
    const shot = testInfo.outputPath('traffic.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('traffic', { path: shot, contentType: 'image/png' })

    // Its readiness probe starts failing: after 3 failures (2 s apart) it is not Ready, leaves
    // the EndpointSlice, kube-proxy drops its KUBE-SEP rule, and its counter stops.
    const victim = Object.keys(await traffic.counts()).sort()[0]!
    await app.console.run(`kubectl annotate pod ${victim} kube-anatomy.dev/behaviour=readiness=fail`)
    await expect(app.console.output).toContainText(`pod/${victim} annotated`)
    await clock.forward(10)
    await expectStopped(traffic, clock, victim)
    const after = testInfo.outputPath('unready.png')
    await page.screenshot({ path: after })
    await testInfo.attach('unready', { path: after, contentType: 'image/png' })
  })

  test('a deleted pod drains: its endpoint turns terminating and its counter stops while the others keep counting', async ({ app }) => {
    test.setTimeout(120_000)
    const clock = new Clock(app)
    await app.open('services')
    const traffic = await startTraffic(app, clock)
    const victim = Object.keys(await traffic.counts()).sort()[0]!
    await app.console.run(`kubectl delete pod ${victim} --wait=false`)
    await expect(app.console.output).toContainText(`pod "${victim}" deleted`)
    await clock.forward(10)
    await expectStopped(traffic, clock, victim)
  })
})

test.describe('kubectl exec', () => {
  test('curl from inside a pod: the answer in the console, every hop in the message list', async ({ app, page }, testInfo) => {
    test.setTimeout(120_000)
    const clock = new Clock(app)
    await app.open('services')
    await app.toolbar.heartbeats.uncheck()
    await clock.forward(20)
    await expect(app.console.output).toContainText('service/web exposed')
    await app.console.run('kubectl exec deploy/web -- curl -s http://web')
    await clock.forward(10)
    await expect(app.console.output).toContainText('<title>Welcome to nginx!</title>')
    const flows = new Flows(page)
    await expect(flows.row(/POST \/api\/v1\/namespaces\/default\/pods\/web-[a-z0-9-]+\/exec\?command=curl/)).toBeVisible()
    await expect(flows.row('DNS A? web.default.svc.cluster.local')).toBeAttached()
    await expect(flows.row(/^.*HTTP 200 from web-/)).toBeAttached()
    await page.screenshot({ path: testInfo.outputPath('exec-curl.png') })
    // A command the simulation does not run is refused where the person typed it.
    await app.console.run('kubectl exec deploy/web -- ls /')
    await clock.forward(10)
    await expect(app.console.output).toContainText('error: kube-anatomy does not simulate "ls" inside containers')
  })
})
