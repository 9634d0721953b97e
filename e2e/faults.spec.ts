import { expect, test } from './fixtures.ts'
import { Faults } from './pages/faults.ts'

test.describe('faults', () => {
  test('stopping a node from the Faults menu: it is drawn down, goes Unknown, and after the eviction its pods run elsewhere', async ({
    app,
    page,
  }, testInfo) => {
    test.setTimeout(240_000)
    const faults = new Faults(page)
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    await app.console.run('kubectl create deployment web --image=nginx:1.27 --replicas=3')
    const pods = page.locator('[data-testid^="pod.default.web-"]')
    await expect(pods).toHaveCount(3, { timeout: 40_000 })
    for (let i = 0; i < 3; i++) await expect(pods.nth(i)).toHaveAttribute('data-status', 'Running', { timeout: 40_000 })

    // The node of the first pod loses power.
    const nodeName = (await pods.first().getAttribute('data-node')) ?? ''
    expect(nodeName).toMatch(/^node-\d$/)
    const onNode = page.locator(`[data-testid^="pod.default.web-"][data-node="${nodeName}"]`)
    const before = await onNode.count()
    expect(before).toBeGreaterThan(0)
    await faults.choose(`Stop ${nodeName} (power off)`)
    const kubelet = app.graph.component(`kubelet:${nodeName}`).locator('.component')
    await expect(kubelet).toHaveAttribute('data-stopped', 'true')
    await expect(app.graph.component(`container-runtime:${nodeName}`).locator('.component')).toHaveAttribute('data-stopped', 'true')
    const down = testInfo.outputPath('node-stopped.png')
    await page.screenshot({ path: down })
    await testInfo.attach('node-stopped', { path: down, contentType: 'image/png' })

    // ≈ 50 s later the node is Unknown (kubectl get nodes says NotReady) …
    await app.console.run(`kubectl get node ${nodeName}`)
    await expect
      .poll(
        async () => {
          await app.console.run(`kubectl get node ${nodeName}`)
          return app.console.output.innerText()
        },
        { timeout: 60_000, intervals: [2_000] },
      )
      .toContain('NotReady')
    // … and ≈ 5 m later the taint-eviction controller deletes its pods; the ReplicaSet replaces them.
    await expect(page.locator(`[data-testid^="pod.default.web-"][data-node="${nodeName}"]:not([data-status="Terminating"])`)).toHaveCount(0, { timeout: 150_000 })
    await expect
      .poll(async () => {
        const all = await pods.all()
        let running = 0
        for (const p of all) {
          if ((await p.getAttribute('data-node')) !== nodeName && (await p.getAttribute('data-status')) === 'Running') running++
        }
        return running
      }, { timeout: 60_000 })
      .toBe(3)
    await app.toolbar.pause()
    const after = testInfo.outputPath('pods-rescheduled.png')
    await page.screenshot({ path: after })
    await testInfo.attach('pods-rescheduled', { path: after, contentType: 'image/png' })
  })

  test('with kube-scheduler stopped a new pod stays Pending; started again it schedules the pod', async ({ app, page }, testInfo) => {
    test.setTimeout(180_000)
    const faults = new Faults(page)
    await app.toolbar.heartbeats.uncheck()
    await faults.choose('Stop kube-scheduler')
    await expect(app.graph.component('kube-scheduler:0').locator('.component')).toHaveAttribute('data-stopped', 'true')
    await app.toolbar.setSpeed('10')
    await app.console.run('kubectl run web --image=nginx:1.27')
    await expect(app.graph.pod('default', 'web')).toHaveAttribute('data-status', 'Pending', { timeout: 20_000 })
    await faults.choose('Start kube-scheduler')
    await expect(app.graph.component('kube-scheduler:0').locator('.component')).toHaveAttribute('data-stopped', 'false')
    await expect(app.graph.pod('default', 'web')).toHaveAttribute('data-status', 'Running', { timeout: 60_000 })
    const shot = testInfo.outputPath('scheduler-restarted.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('scheduler-restarted', { path: shot, contentType: 'image/png' })
  })
})
