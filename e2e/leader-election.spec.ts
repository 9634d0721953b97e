import { expect, test } from './fixtures.ts'
import { Faults } from './pages/faults.ts'
import { Inspector } from './pages/inspector.ts'

test.describe('leader election', () => {
  test('kube-controller-manager stopped and started from the Faults menu waits 15 s for its Lease, as its inspector says', async ({ app, page }, testInfo) => {
    test.setTimeout(120_000)
    const faults = new Faults(page)
    const inspector = new Inspector(page)
    const kcm = inspector.component('kube-controller-manager:0')
    await app.console.run('kubectl get leases -n kube-system')
    await expect(app.console.output).toContainText(/kube-controller-manager\s+control-plane_[0-9a-f-]{36}/)
    await expect(app.console.output).toContainText(/kube-scheduler\s+control-plane_[0-9a-f-]{36}/)

    await faults.choose('Stop kube-controller-manager')
    await faults.choose('Start kube-controller-manager')
    await app.toolbar.setSpeed('1')
    const role = app.graph.component('kube-controller-manager:0').locator('.component__role')
    await expect(role).toHaveText('waiting for its lease', { timeout: 30_000 })
    await kcm.focus()
    await page.keyboard.press('Enter')
    await expect(inspector.panel).toHaveAttribute('data-actor', 'kube-controller-manager:0')
    await expect(inspector.fact('leader-election')).toContainText('candidate for Lease kube-system/kube-controller-manager')
    await expect(inspector.fact('may-take-it')).toContainText(/in 1?\d\.\d s/, { timeout: 30_000 })
    const shot = testInfo.outputPath('kcm-waiting.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('kcm-waiting', { path: shot, contentType: 'image/png' })

    // 15 s later by its clock it takes the Lease and its controllers start.
    await app.toolbar.setSpeed('10')
    // Leading, it draws its controllers again instead of the line.
    await expect(role).toHaveCount(0, { timeout: 60_000 })
    await expect(app.graph.component('kube-controller-manager:0').locator('.kcm__controllers')).toBeVisible()
    await expect(inspector.fact('leader-election')).toContainText('leads (Lease kube-system/kube-controller-manager)')
    await app.console.run('kubectl get events -n kube-system')
    await expect(app.console.output).toContainText(/LeaderElection\s+lease\/kube-controller-manager\s+control-plane_[0-9a-f-]{36} became leader/)
    const led = testInfo.outputPath('kcm-leads.png')
    await page.screenshot({ path: led })
    await testInfo.attach('kcm-leads', { path: led, contentType: 'image/png' })
  })
})
