import { expect, test } from './fixtures.ts'
import { Faults } from './pages/faults.ts'

test.describe('an etcd cluster of three members', () => {
  test('two members stopped from the Faults menu: writes time out with etcd\'s error; one started again, they work', async ({ app, page }, testInfo) => {
    test.setTimeout(180_000)
    await app.open('etcd-cluster')
    const faults = new Faults(page)
    const role = (member: number) => app.graph.component(`etcd:${member}`).locator('.component__role')
    await expect(role(0)).toHaveText('leader · term 2')
    await expect(role(1)).toHaveText('follower · term 2')
    await app.toolbar.heartbeats.uncheck()
    await faults.choose('Stop etcd-1')
    await faults.choose('Stop etcd-2')
    await expect(app.graph.component('etcd:2').locator('.component')).toHaveAttribute('data-stopped', 'true')
    await app.toolbar.setSpeed('10')
    await app.console.run('kubectl run web --image=nginx:1.27')
    // CheckQuorum: the leader steps down after an election timeout without a follower's answer.
    await expect(role(0)).toHaveText(/^(no leader|pre-candidate) · term 2$/, { timeout: 30_000 })
    await expect(app.console.output).toContainText('Error from server: etcdserver: request timed out', { timeout: 60_000 })
    const shot = testInfo.outputPath('quorum-lost.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('quorum-lost', { path: shot, contentType: 'image/png' })

    await faults.choose('Start etcd-1')
    // etcd-0 and etcd-1 hold an election: one of them leads term 3.
    await expect(page.locator('.component__role', { hasText: /^leader · term 3$/ })).toHaveCount(1, { timeout: 30_000 })
    await expect(app.graph.component('etcd:0').locator('.component__name')).toHaveText('etcd-0')
    await app.console.run('kubectl run second --image=nginx:1.27')
    await expect(app.console.output).toContainText('pod/second created', { timeout: 60_000 })
    // The message list names members as the graph does: etcd-0, never a bare `etcd`.
    const routes = app.flows.list.locator('.flow-row__route')
    await expect(routes.filter({ hasText: /etcd-0/ }).first()).toBeAttached()
    await expect(routes.filter({ hasText: /\betcd(?!-\d)/ })).toHaveCount(0)
    const back = testInfo.outputPath('quorum-back.png')
    await page.screenshot({ path: back })
    await testInfo.attach('quorum-back', { path: back, contentType: 'image/png' })
  })

  test('the Faults menu keeps keyboard focus on an item whose component exits and restarts while the menu is open', async ({ app, page }) => {
    test.setTimeout(120_000)
    await app.open('etcd-cluster')
    const faults = new Faults(page)
    await app.toolbar.heartbeats.uncheck()
    await faults.choose('Stop etcd-1')
    await faults.choose('Stop etcd-2')
    await app.toolbar.setSpeed('10')
    await app.toolbar.play()
    const item = await faults.focusItem('Stop kube-scheduler')
    // Without quorum the leader cannot renew: 10 s later it exits, and 1 s after that its new process
    // waits for the Lease. The item said Start, then Stop again, and focus stayed on it throughout.
    const role = app.graph.component('kube-scheduler:0').locator('.component__role')
    await expect(role).toHaveText('waiting for its lease', { timeout: 60_000 })
    await expect(faults.menu).toBeVisible()
    await expect(item).toBeFocused()
  })
})
