import { expect, test } from './fixtures.ts'

test.describe('pod creation', () => {
  test('the pod comes to life hop by hop and runs inside its node', async ({
    app,
    page,
  }, testInfo) => {
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    await app.toolbar.play()

    const pod = app.graph.pod('default', 'nginx')
    await expect(pod).toBeVisible()
    await expect(pod).toHaveAttribute('data-status', 'Running', { timeout: 40_000 })
    await app.toolbar.pause()

    const node = await pod.getAttribute('data-node')
    expect(node).toMatch(/^node-[123]$/)
    const podBox = (await pod.boundingBox())!
    const nodeBox = (await app.graph.workerNode(node!).boundingBox())!
    expect(podBox.x).toBeGreaterThanOrEqual(nodeBox.x)
    expect(podBox.y).toBeGreaterThanOrEqual(nodeBox.y)
    expect(podBox.x + podBox.width).toBeLessThanOrEqual(nodeBox.x + nodeBox.width)
    expect(podBox.y + podBox.height).toBeLessThanOrEqual(nodeBox.y + nodeBox.height)

    const list = app.flows.list
    await expect(list).toContainText('POST /api/v1/namespaces/default/pods')
    await expect(list).toContainText('Txn PUT /registry/pods/default/nginx')
    await expect(
      app.flows.rows
        .filter({ hasText: 'ADDED Pod default/nginx' })
        .filter({ hasText: 'kube-scheduler' }),
    ).not.toHaveCount(0)
    await expect(list).toContainText(/POST \/api\/v1\/namespaces\/default\/pods\/nginx\/binding/)
    for (const call of ['RunPodSandbox', 'PullImage', 'CreateContainer', 'StartContainer']) {
      await expect(app.flows.ofKind('cri.call').filter({ hasText: call })).not.toHaveCount(0)
    }
    await expect(list).toContainText(/PATCH \/api\/v1\/namespaces\/default\/pods\/nginx\/status/)

    const shot = testInfo.outputPath('running-pod.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('running-pod', { path: shot, contentType: 'image/png' })
  })

  test('selecting the pod POST shows the apiserver stages', async ({ app, page }, testInfo) => {
    await app.toolbar.step()
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '1')
    await app.flows.row('POST /api/v1/namespaces/default/pods').click()
    await expect(app.flows.details).toContainText('POST /api/v1/namespaces/default/pods')
    await expect(app.flows.details.getByTestId('details.stages')).toContainText('authentication')
    // A stage whose text the engine writes on read reaches the page written out.
    await expect(app.flows.details.getByTestId('details.stages')).toContainText('Txn If(create_revision(/registry/pods/default/nginx) == 0) Then Put')
    await app.flows.details.getByText('Txn If(create_revision(', { exact: false }).scrollIntoViewIfNeeded()
    const shot = testInfo.outputPath('post-stages.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('post-stages', { path: shot, contentType: 'image/png' })
  })
})
