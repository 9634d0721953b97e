import { expect, test } from './fixtures.ts'
import { Scheduling } from './pages/scheduling.ts'

test.describe('scheduling table', () => {
  test("clicking a pod shows kube-scheduler's decision: every node, every plugin, the winner", async ({
    app,
    page,
  }, testInfo) => {
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    await app.toolbar.play()
    const pod = app.graph.pod('default', 'nginx')
    await expect(pod).toHaveAttribute('data-node', /^node-[123]$/, { timeout: 40_000 })
    await app.toolbar.pause()
    const bound = (await pod.getAttribute('data-node'))!

    await pod.click()
    const table = new Scheduling(page)
    await expect(table.panel).toBeVisible()
    await expect(table.winner).toHaveText(bound)
    for (const node of ['node-1', 'node-2', 'node-3']) {
      await expect(table.node(node)).toBeVisible()
      await expect(table.filter('NodeResourcesFit', node)).toHaveText('pass')
      await expect(table.filter('NodePorts', node)).toHaveText('skip')
      // TaintToleration: no PreferNoSchedule taints, so every node normalises to 100, ×3 = 300.
      await expect(table.score('TaintToleration', node)).toContainText('= 300')
    }
    await expect(table.node(bound)).toContainText('★')
    await expect(table.facts).toContainText('3 node(s)')

    const shot = testInfo.outputPath('scheduling-table.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('scheduling-table', { path: shot, contentType: 'image/png' })

    await table.close.click()
    await expect(table.panel).toBeHidden()
  })
})

test.describe('a pod no node fits', () => {
  test('shows the failing plugins, then the retry after a node is labelled', async ({ app, page }, testInfo) => {
    test.setTimeout(180_000)
    await app.open('scheduling')
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('5')
    await app.toolbar.play()
    const picky = app.graph.pod('default', 'picky')
    await expect(picky).toBeVisible({ timeout: 40_000 })
    await picky.click()
    const table = new Scheduling(page)
    await expect(table.panel).toBeVisible()
    // node-2's taint rejects the pod in every attempt.
    await expect(table.filter('TaintToleration', 'node-2')).toHaveText('node(s) had untolerated taint {dedicated: gpu}')
    await expect(table.filter('NodeAffinity', 'node-1')).toHaveText("node(s) didn't match Pod's node affinity/selector")
    const shot = testInfo.outputPath('scheduling-failed.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('scheduling-failed', { path: shot, contentType: 'image/png' })

    // `kubectl label node node-3 disk=hdd` at 5 s: a NodeLabel event, a new attempt, node-3 wins.
    await expect(table.winner).toHaveText('node-3', { timeout: 120_000 })
    await expect(picky).toHaveAttribute('data-node', 'node-3', { timeout: 30_000 })
  })
})
