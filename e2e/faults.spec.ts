import { expect, test } from './fixtures.ts'
import { Faults } from './pages/faults.ts'
import { Flows } from './pages/flows.ts'

test.describe('faults', () => {
  test('stopping a node from the Faults menu: it is drawn down, goes Unknown, and after the eviction its pods run elsewhere', async ({
    app,
    page,
  }, testInfo) => {
    // Six virtual minutes at 10×: wall time depends on the machine's load, so the bounds are wide.
    test.setTimeout(480_000)
    const faults = new Faults(page)
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    await app.console.run('kubectl create deployment web --image=nginx:1.27 --replicas=3')
    const pods = page.locator('[data-testid^="pod.default.web-"]')
    await expect(pods).toHaveCount(3, { timeout: 90_000 })
    for (let i = 0; i < 3; i++) await expect(pods.nth(i)).toHaveAttribute('data-status', 'Running', { timeout: 120_000 })

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
        { timeout: 120_000, intervals: [2_000] },
      )
      .toContain('NotReady')
    // … and ≈ 5 m later the taint-eviction controller deletes its pods; the ReplicaSet replaces them.
    await expect(page.locator(`[data-testid^="pod.default.web-"][data-node="${nodeName}"]:not([data-status="Terminating"])`)).toHaveCount(0, { timeout: 240_000 })
    await expect
      .poll(async () => {
        const all = await pods.all()
        let running = 0
        for (const p of all) {
          if ((await p.getAttribute('data-node')) !== nodeName && (await p.getAttribute('data-status')) === 'Running') running++
        }
        return running
      }, { timeout: 120_000 })
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
    // Paused: SIGTERM sent, the process releases its Lease and waits for the answer before it exits.
    const scheduler = app.graph.component('kube-scheduler:0')
    await expect(scheduler.locator('.component__role')).toHaveText('releasing its lease')
    await expect(scheduler.locator('.component')).toHaveAttribute('data-stopped', 'false')
    const releasing = testInfo.outputPath('scheduler-releasing.png')
    await page.screenshot({ path: releasing })
    await testInfo.attach('scheduler-releasing', { path: releasing, contentType: 'image/png' })
    await app.toolbar.setSpeed('10')
    await app.toolbar.play()
    await expect(scheduler.locator('.component')).toHaveAttribute('data-stopped', 'true', { timeout: 20_000 })
    await app.console.run('kubectl run web --image=nginx:1.27')
    await expect(app.graph.pod('default', 'web')).toHaveAttribute('data-status', 'Pending', { timeout: 20_000 })
    // The apiserver's probe of :10259 is refused; kubectl prints the deprecation warning first.
    await app.console.run('kubectl get cs')
    await expect(app.console.output).toContainText(/Warning: v1 ComponentStatus is deprecated in v1\.19\+\nNAME +STATUS +MESSAGE +ERROR\n/, { timeout: 20_000 })
    await expect(app.console.output).toContainText(
      /scheduler +Unhealthy +Get "https:\/\/127\.0\.0\.1:10259\/healthz": dial tcp 127\.0\.0\.1:10259: connect: connection refused/,
    )
    const cs = testInfo.outputPath('componentstatuses.png')
    await page.screenshot({ path: cs })
    await testInfo.attach('componentstatuses', { path: cs, contentType: 'image/png' })
    await faults.choose('Start kube-scheduler')
    await expect(app.graph.component('kube-scheduler:0').locator('.component')).toHaveAttribute('data-stopped', 'false')
    await expect(app.graph.pod('default', 'web')).toHaveAttribute('data-status', 'Running', { timeout: 60_000 })
    const shot = testInfo.outputPath('scheduler-restarted.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('scheduler-restarted', { path: shot, contentType: 'image/png' })
  })

  test('a message to a stopped kubelet is drawn failing: red token, "dropped" in the message list, the machine\'s RST', async ({ app, page }, testInfo) => {
    test.setTimeout(180_000)
    const faults = new Faults(page)
    const flows = new Flows(page)
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    await app.console.run('kubectl run web --image=nginx:1.27')
    const pod = app.graph.pod('default', 'web')
    await expect(pod).toHaveAttribute('data-status', 'Running', { timeout: 40_000 })
    const nodeName = (await pod.getAttribute('data-node')) ?? ''
    await faults.choose(`Stop the kubelet on ${nodeName}`)
    await expect(app.graph.component(`kubelet:${nodeName}`).locator('.component')).toHaveAttribute('data-stopped', 'true')
    await app.toolbar.setSpeed('1')
    // kube-apiserver proxies `kubectl logs` to the kubelet's :10250; nobody is listening. The
    // token turns red where it fails, then fades.
    const redToken = page.locator('[data-testid="flow.token"][data-flow-kind="apiserver.get"].token--dropped')
    const seen = redToken.first().waitFor({ state: 'attached', timeout: 30_000 })
    await app.console.run('kubectl logs web')
    await seen
    const shot = testInfo.outputPath('dropped-to-stopped-kubelet.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('dropped-to-stopped-kubelet', { path: shot, contentType: 'image/png' })
    const dropped = flows.rows.filter({ hasText: `kube-apiserver → kubelet` }).and(page.locator('[data-outcome="dropped"]'))
    await expect(dropped.first()).toBeVisible({ timeout: 30_000 })
    await expect(dropped.first()).toContainText('✕ dropped')
    await expect(dropped.first()).toContainText(`/containerLogs/default/web/web`)
    // The machine is up: it resets the connection (RST), and kubectl gets the dial error at once.
    await expect(flows.rows.filter({ hasText: 'RST: connection refused' }).first()).toBeVisible({ timeout: 30_000 })
    await expect(app.console.output).toContainText(/Error from server: Get "https:\/\/10\.0\.0\.1\d:10250\/containerLogs\/default\/web\/web": dial tcp 10\.0\.0\.1\d:10250: connect: connection refused/, { timeout: 30_000 })
  })

  test('Add a node from the Faults menu: the cordoned cluster\'s Pending pod is scheduled onto the node that joins', async ({ app, page }, testInfo) => {
    test.setTimeout(180_000)
    const faults = new Faults(page)
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    // Each cordon answered before the next line: a line typed while the previous one is still in
    // flight can reach the apiserver first, and `late` then lands on a node not yet cordoned.
    for (const n of ['node-1', 'node-2', 'node-3']) {
      await app.console.run(`kubectl cordon ${n}`)
      await expect(app.console.output).toContainText(`node/${n} cordoned`, { timeout: 30_000 })
    }
    await app.console.run('kubectl run late --image=nginx:1.27')
    const pod = app.graph.pod('default', 'late')
    await expect(pod).toHaveAttribute('data-status', 'Pending', { timeout: 30_000 })
    await app.console.run('kubectl describe pod late')
    await expect(app.console.output).toContainText('0/3 nodes are available: 3 node(s) were unschedulable.', { timeout: 30_000 })

    await faults.choose('Add a node (node-4 joins)')
    await expect(app.graph.workerNode('node-4')).toBeVisible({ timeout: 10_000 })
    await expect(app.graph.component('kubelet:node-4')).toBeVisible()
    await expect(app.graph.component('kube-proxy:node-4')).toBeVisible()
    await expect(pod).toHaveAttribute('data-node', 'node-4', { timeout: 60_000 })
    await expect(pod).toHaveAttribute('data-status', 'Running', { timeout: 60_000 })
    await app.console.run('kubectl get nodes')
    await expect(app.console.output).toContainText(/node-4\s+Ready/, { timeout: 30_000 })
    await app.toolbar.pause()
    const shot = testInfo.outputPath('node-4-joined.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('node-4-joined', { path: shot, contentType: 'image/png' })
  })
})
