import { expect, test } from './fixtures.ts'
import { Inspector } from './pages/inspector.ts'

test.describe('component inspector', () => {
  test("clicking kube-scheduler and the nginx pod's kubelet shows what they are and their live state", async ({
    app,
    page,
  }, testInfo) => {
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    await app.toolbar.play()
    const pod = app.graph.pod('default', 'nginx')
    await expect(pod).toHaveAttribute('data-status', 'Running', { timeout: 40_000 })
    await app.toolbar.pause()
    const node = (await pod.getAttribute('data-node'))!
    const inspector = new Inspector(page)

    // The traffic control sits over the top of kube-scheduler: click its uncovered lower edge.
    const scheduler = inspector.component('kube-scheduler:0')
    const box = (await scheduler.boundingBox())!
    await scheduler.click({ position: { x: 24, y: box.height - 8 } })
    await expect(inspector.panel).toHaveAttribute('data-actor', 'kube-scheduler:0')
    await expect(inspector.what).toContainText('binds the pod')
    await expect(inspector.section('activeq')).toBeVisible()
    await expect(inspector.section('backoffq')).toBeVisible()
    await expect(inspector.section('unschedulable-pods')).toBeVisible()
    await expect(inspector.fact('scheduling-cycle')).toContainText(/[1-9]/)
    await expect(inspector.flags).toContainText('podMaxBackoffSeconds')
    const shot1 = testInfo.outputPath('inspector-scheduler.png')
    await page.screenshot({ path: shot1 })
    await testInfo.attach('inspector-scheduler', { path: shot1, contentType: 'image/png' })

    // Keyboard: focus the kubelet of the pod's node and press Enter.
    await inspector.component(`kubelet:${node}`).focus()
    await page.keyboard.press('Enter')
    await expect(inspector.panel).toHaveAttribute('data-actor', `kubelet:${node}`)
    await expect(inspector.row('pod-workers', 'default-nginx')).toContainText('started')
    await expect(inspector.flags).toContainText('nodeStatusUpdateFrequency')
    const shot2 = testInfo.outputPath('inspector-kubelet.png')
    await page.screenshot({ path: shot2 })
    await testInfo.attach('inspector-kubelet', { path: shot2, contentType: 'image/png' })

    await inspector.component('etcd:0').click()
    await expect(inspector.panel).toHaveAttribute('data-actor', 'etcd:0')
    await expect(inspector.fact('revision')).toContainText(/[1-9]/)
    await expect(inspector.row('keys-by-resource', 'pods')).toContainText('1')

    await inspector.component('kube-controller-manager:0').focus()
    await page.keyboard.press('Enter')
    await expect(inspector.section('work-queues')).toBeVisible()
    const shot3 = testInfo.outputPath('inspector-kcm.png')
    await page.screenshot({ path: shot3 })
    await testInfo.attach('inspector-kcm', { path: shot3, contentType: 'image/png' })

    await page.keyboard.press('Escape')
    await expect(inspector.panel).toBeHidden()
  })
})
