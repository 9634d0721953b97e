import { expect, test } from './fixtures.ts'
import { App } from './pages/app.ts'
import { Faults } from './pages/faults.ts'
import { Share } from './pages/share.ts'
import { TimelineBar } from './pages/timeline.ts'

/** Everything a learner would compare between two screens showing "the same moment". */
async function moment(app: App, share: Share) {
  const pods = await app.page.locator('[data-testid^="pod."]').evaluateAll((els) =>
    els.map((e) => `${e.getAttribute('data-testid')} ${e.textContent}`).sort(),
  )
  return {
    hash: await share.restingHash(),
    /** The engine's virtual ms where it rests (the clock may show a little more, see below). */
    atMs: Number(await share.trace.getAttribute('data-at-ms')),
    delivered: await app.toolbar.delivered(),
    pods,
    console: await app.console.output.textContent(),
  }
}

test.describe('share links', () => {
  test('a shared moment opens in a new page with the same objects, time and trace hash', async ({
    app,
    browser,
  }) => {
    // Shared machines run several browsers at once; the journey itself takes ~15 s.
    test.setTimeout(120_000)
    const share = new Share(app.page)
    await app.toolbar.step()
    await app.toolbar.step()
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '2')
    // Typed mid-step: the link must land between two events of the same virtual millisecond.
    await app.console.run('get pods')
    await expect(app.console.output).toContainText('NAME')
    // No faults menu in the app yet: a second typed command stands in for the injected fault.
    await app.console.run('get nodes')
    await expect(app.console.output).toContainText('node-3')
    await app.toolbar.pause()
    // The timeline moves by steps (no seek control in the app yet).
    await app.toolbar.step()
    const before = await moment(app, share)
    const link = await share.share()
    await expect(share.status).toContainText(/Link copied|Copy this link/)

    const other = await browser.newPage()
    const reopened = new App(other)
    const reopenedShare = new Share(other)
    await other.goto(link)
    await expect(reopened.graph.component('kube-apiserver:0')).toBeVisible()
    await expect(reopenedShare.trace).toHaveAttribute('data-trace-hash', before.hash)
    expect(await moment(reopened, reopenedShare)).toEqual(before)
    // The opened page shows the engine's own time. (The sharing page may show up to one frame
    // more: after a pause its display clock holds what it interpolated, never stepping back.)
    const clock = (ms: number): string => `t = ${(ms / 1000).toFixed(3)} s`
    expect([clock(before.atMs), clock(before.atMs + 1)]).toContain(
      await reopened.toolbar.clock.textContent(),
    )
    await other.close()
  })

  test('the issue journey: a command, a fault from the Faults menu, the timeline moved back; the link lands on that moment', async ({
    app,
    browser,
  }, testInfo) => {
    test.setTimeout(180_000)
    const page = app.page
    const share = new Share(page)
    const faults = new Faults(page)
    const timeline = new TimelineBar(page)
    /** Where the engine rests; NaN while time moves. */
    const atMs = async (): Promise<number> => {
      const v = await share.trace.getAttribute('data-at-ms')
      return v ? Number(v) : NaN
    }
    await app.toolbar.setSpeed('10')
    await app.console.run('kubectl run web --image=nginx:1.27')
    await expect(app.console.output).toContainText('pod/web created')
    await faults.choose('Stop kube-scheduler')
    const scheduler = app.graph.component('kube-scheduler:0').locator('.component')
    await expect(scheduler).toHaveAttribute('data-stopped', 'true')
    await app.toolbar.pause()
    await share.restingHash()
    const faultedAt = await atMs()
    expect(faultedAt).toBeGreaterThan(0)
    // Let the stopped scheduler's absence show for a few virtual seconds.
    await app.toolbar.play()
    await expect
      .poll(async () => Number((await timeline.slider.inputValue()) || 0), { timeout: 60_000 })
      .toBeGreaterThan(faultedAt + 4_000)
    await app.toolbar.pause()
    await expect.poll(atMs).toBeGreaterThan(faultedAt + 4_000)
    const head = await atMs()
    // Back two seconds on the slider's keyboard: still after the fault, the rest is the future.
    await timeline.slider.focus()
    let was = head
    for (let i = 0; i < 2; i++) {
      await page.keyboard.press('ArrowLeft')
      // Each key seeks a second back from where the clock shows; wait for the engine to land.
      await expect.poll(atMs).toBeLessThan(was - 500)
      was = await atMs()
    }
    expect(await atMs()).toBeGreaterThan(faultedAt)
    const before = await moment(app, share)
    const link = await share.share()
    await page.screenshot({ path: testInfo.outputPath('journey-shared.png') })

    const other = await browser.newPage()
    const reopened = new App(other)
    const reopenedShare = new Share(other)
    await other.goto(link)
    await expect(reopened.graph.component('kube-apiserver:0')).toBeVisible()
    await expect(reopenedShare.trace).toHaveAttribute('data-trace-hash', before.hash)
    const after = await moment(reopened, reopenedShare)
    expect(after.pods.some((p) => p.startsWith('pod.default.web '))).toBe(true)
    expect({ ...after, console: '' }).toEqual({ ...before, console: '' })
    await expect(reopened.graph.component('kube-scheduler:0').locator('.component')).toHaveAttribute(
      'data-stopped',
      'true',
    )
    expect(await reopened.toolbar.clock.textContent()).toBe(`t = ${(before.atMs / 1000).toFixed(3)} s`)
    await other.screenshot({ path: testInfo.outputPath('journey-opened.png') })
    await other.close()
  })

  test('Ctrl+S makes a link too', async ({ app }) => {
    const share = new Share(app.page)
    await app.page.keyboard.press('Control+s')
    await expect(share.link).toHaveValue(/#v1\./)
  })

  test('a link pasted into an open tab opens on hashchange', async ({ app }) => {
    const share = new Share(app.page)
    await app.toolbar.step()
    await app.toolbar.step()
    const hash = await share.restingHash()
    const link = await share.share()
    await app.page.goto('/')
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '0')
    await app.page.evaluate((l) => (window.location.hash = new URL(l).hash), link)
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '2')
    await expect(share.trace).toHaveAttribute('data-trace-hash', hash)
  })

  test('a damaged link says why and starts the default lesson, never a blank page', async ({
    page,
  }) => {
    const app = new App(page)
    const share = new Share(page)
    await page.goto('/#v1.eJzLSM3JyVcozy_KSQEAGgQEXQ')
    await expect(share.damagedReason).toHaveText(/^This link is damaged: .+\.$/)
    await expect(app.graph.component('kube-apiserver:0')).toBeVisible()
    await share.startDefault.click()
    await expect(share.damaged).toBeHidden()
    await app.toolbar.step()
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '1')

    await page.goto('/#v9.AAAA')
    await expect(share.damagedReason).toContainText('newer kube-anatomy')
  })
})

test.describe('workshop modes', () => {
  test('presenter mode hides the panels and steps on PageDown, back on PageUp', async ({
    page,
  }, testInfo) => {
    const app = new App(page)
    await page.goto('/?present=1')
    await expect(app.graph.component('kube-apiserver:0')).toBeVisible()
    await expect(app.console.output).toBeHidden()
    await page.keyboard.press('PageDown')
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '1')
    await page.keyboard.press('PageDown')
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '2')
    await page.keyboard.press('PageUp')
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '1')
    await page.screenshot({ path: testInfo.outputPath('presenter.png') })
  })

  test('embed mode shows the graph and minimal controls', async ({ page }, testInfo) => {
    const app = new App(page)
    await page.setViewportSize({ width: 800, height: 450 })
    await page.goto('/?embed=1')
    await expect(app.graph.component('kube-apiserver:0')).toBeVisible()
    await expect(app.console.output).toBeHidden()
    await expect(page.getByTestId('toolbar.share')).toBeHidden()
    await app.toolbar.step()
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '1')
    await page.screenshot({ path: testInfo.outputPath('embed.png') })
  })

  test('on a 390 px phone the graph fits, stepping works and the panels stack', async ({
    page,
  }, testInfo) => {
    const app = new App(page)
    await page.setViewportSize({ width: 390, height: 844 })
    await app.open()
    await app.toolbar.step()
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '1')
    const graph = (await app.graph.root.boundingBox())!
    expect(graph.x).toBeGreaterThanOrEqual(0)
    expect(graph.x + graph.width).toBeLessThanOrEqual(390)
    for (const id of ['kubectl', 'kube-apiserver:0', 'kubelet:node-3', 'image-registry']) {
      const box = (await app.graph.component(id).boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(390)
    }
    const consoleBox = (await app.console.output.boundingBox())!
    expect(consoleBox.y).toBeGreaterThan(graph.y + graph.height - 1)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.screenshot({ path: testInfo.outputPath('phone.png'), fullPage: true })
  })
})

test.describe('scenario files', () => {
  test('export downloads YAML the app imports again', async ({ app }) => {
    await app.console.run('get nodes')
    await expect(app.console.output).toContainText('node-1')
    const download = app.page.waitForEvent('download')
    await app.page.getByTestId('toolbar.export').click()
    const file = await download
    expect(file.suggestedFilename()).toBe('pod-creation-hop-by-hop.yaml')
    const text = await (await file.createReadStream()).toArray()
    const yaml = Buffer.concat(text).toString('utf8')
    expect(yaml).toContain('kubectl: get nodes')

    const renamed = yaml.replace('title: Pod creation, hop by hop', 'title: My exported lesson')
    await app.page.getByTestId('import.input').setInputFiles({
      name: 'mine.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(renamed),
    })
    await expect(app.page.locator('.toolbar__title')).toHaveText('My exported lesson')
  })

  test('a dropped file that is not a scenario says why, as text', async ({ app }) => {
    const data = await app.page.evaluateHandle(() => {
      const dt = new DataTransfer()
      dt.items.add(new File(['title: <img src=x onerror=alert(1)>\n'], 'bad.yaml'))
      return dt
    })
    await app.page.dispatchEvent('body', 'drop', { dataTransfer: data })
    const error = app.page.getByTestId('import.error')
    await expect(error).toContainText('bad.yaml is not a scenario this app can run: cluster')
    await expect(app.page.locator('img[src="x"]')).toHaveCount(0)
  })
})
