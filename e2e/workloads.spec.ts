import { Editor } from './pages/editor.ts'
import { ObjectInspector } from './pages/object-inspector.ts'
import { expect, test } from './fixtures.ts'

test.describe('workloads', () => {
  test('a Deployment is reconciled by the controllers drawn inside kube-controller-manager, and a pod deleted from its inspector is replaced', async ({
    app,
    page,
  }, testInfo) => {
    test.setTimeout(150_000)
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('1')
    // The Deployment comes from the YAML editor; its Apply runs kubectl apply -f - and starts playback.
    const editor = new Editor(page)
    await editor.open()
    await editor.replace(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n',
    )
    await editor.apply.click()
    await expect(editor.status).toContainText('deployment.apps/web created', { timeout: 20_000 })

    const kcm = app.graph.component('kube-controller-manager:0')
    const deployChip = kcm.locator('[data-controller="deployment-controller"]')
    const rsChip = kcm.locator('[data-controller="replicaset-controller"]')
    await expect(deployChip).toBeVisible()
    // The deployment controller lights up while its POST of the ReplicaSet travels, then the
    // replicaset controller while it creates pods.
    await expect(deployChip).toHaveAttribute('data-busy', 'true', { timeout: 20_000 })
    await app.toolbar.pause()
    // Step flow by flow until the replicaset controller's first pod POST is on the wire.
    for (let i = 0; i < 200 && (await rsChip.getAttribute('data-busy')) !== 'true'; i++) await app.toolbar.step()
    await expect(rsChip).toHaveAttribute('data-busy', 'true')
    const shot = testInfo.outputPath('kcm-controllers.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('kcm-controllers', { path: shot, contentType: 'image/png' })

    await app.toolbar.setSpeed('10')
    await app.toolbar.play()
    const pods = page.locator('[data-testid^="pod.default.web-"]')
    await expect(pods).toHaveCount(3, { timeout: 30_000 })
    for (let i = 0; i < 3; i++) await expect(pods.nth(i)).toHaveAttribute('data-status', 'Running', { timeout: 40_000 })

    const victim = (await pods.first().getAttribute('data-testid'))!.replace('pod.default.', '')
    // Deleted from the UI: click the pod, then Delete in its inspector (it types the kubectl line).
    await page.getByTestId(`pod.default.${victim}`).click()
    const inspector = new ObjectInspector(page)
    await expect(inspector.title).toContainText(`Pod default/${victim}`)
    await inspector.delete.click()
    await expect(inspector.deleteOutput).toContainText(`$ kubectl delete pod ${victim} -n default`)
    await expect(inspector.deleteOutput).toContainText(`pod "${victim}" deleted`, { timeout: 60_000 })
    const deleted = testInfo.outputPath('deleted-from-inspector.png')
    await page.screenshot({ path: deleted })
    await testInfo.attach('deleted-from-inspector', { path: deleted, contentType: 'image/png' })
    await inspector.close.click()
    await expect(page.getByTestId(`pod.default.${victim}`)).toHaveCount(0, { timeout: 60_000 })
    await expect(pods).toHaveCount(3, { timeout: 30_000 })
    for (let i = 0; i < 3; i++) await expect(pods.nth(i)).toHaveAttribute('data-status', 'Running', { timeout: 40_000 })
    await app.toolbar.pause()
    const after = testInfo.outputPath('replaced.png')
    await page.screenshot({ path: after })
    await testInfo.attach('replaced', { path: after, contentType: 'image/png' })
  })
})
