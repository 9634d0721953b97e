import { Editor } from './pages/editor.ts'
import { expect, test } from './fixtures.ts'

const invalidReplicas = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  replicas: -1
  selector:
    matchLabels:
      app: broken
  template:
    metadata:
      labels:
        app: broken
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
`

const badSyntax = `apiVersion: v1
kind: Pod
metadata:
  name: [oops
spec:
  containers:
    - name: nginx
      image: nginx:1.25
`

test.describe('YAML editor', () => {
  test('broken YAML: the error sits on its line and nothing in the cluster changes', async ({ app, page }, testInfo) => {
    test.setTimeout(120_000)
    const editor = new Editor(page)
    await editor.open()
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')

    // A syntax error is caught before anything is sent.
    await editor.replace(badSyntax)
    await editor.text.press('Control+Enter')
    await expect(editor.errors).toBeVisible()
    const syntaxLine = Number(await editor.errors.locator('li').first().getAttribute('data-line'))
    expect(syntaxLine).toBeGreaterThanOrEqual(4)
    await expect(page.locator('.cm-lintRange-error').first()).toBeVisible()
    await expect(editor.status).toHaveText('Not sent: the YAML does not parse.')
    await expect(app.console.output).not.toContainText('apply -f -')

    // A field the apiserver refuses: its real message, on the line of spec.replicas.
    await editor.replace(invalidReplicas)
    await editor.apply.click()
    await expect(editor.errorOnLine(6)).toContainText('The Deployment "broken" is invalid: spec.replicas: Invalid value: -1', { timeout: 30_000 })
    await expect(page.locator('.cm-lintRange-error').first()).toBeVisible()
    const shot = testInfo.outputPath('editor-error.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('editor-error', { path: shot, contentType: 'image/png' })

    // Nothing was created.
    await app.console.run('get deployments')
    await expect(app.console.output).toContainText('No resources found in default namespace.', { timeout: 30_000 })
    await expect(page.locator('[data-testid^="pod.default.broken-"]')).toHaveCount(0)
  })

  test('applying the example Deployment runs its pods through the controllers', async ({ app, page }, testInfo) => {
    test.setTimeout(150_000)
    const editor = new Editor(page)
    await editor.open()
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('1')
    await editor.apply.click()
    await expect(editor.status).toHaveText('deployment.apps/nginx created', { timeout: 30_000 })
    await expect(editor.errors).toHaveCount(0)

    const kcm = app.graph.component('kube-controller-manager:0')
    await expect(kcm.locator('[data-controller="deployment-controller"]')).toHaveAttribute('data-busy', 'true', { timeout: 20_000 })
    await app.toolbar.setSpeed('10')
    const pods = page.locator('[data-testid^="pod.default.nginx-"]')
    await expect(pods).toHaveCount(2, { timeout: 40_000 })
    for (let i = 0; i < 2; i++) await expect(pods.nth(i)).toHaveAttribute('data-status', 'Running', { timeout: 60_000 })

    // The Events tab tells the same story as kubectl events.
    await page.getByRole('tab', { name: 'Events' }).click()
    const table = page.getByTestId('events.table')
    await expect(table.locator('tr[data-reason="ScalingReplicaSet"]').first()).toContainText('Deployment/nginx')
    await expect(table.locator('tr[data-reason="Scheduled"]', { hasText: 'Pod/nginx-' })).toHaveCount(2)
    await expect(table.locator('tr[data-reason="Started"]', { hasText: 'Pod/nginx-' })).toHaveCount(2)
    await app.toolbar.pause()
    const shot = testInfo.outputPath('editor-applied.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('editor-applied', { path: shot, contentType: 'image/png' })
  })
})
