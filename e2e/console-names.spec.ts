import { expect, test } from './fixtures.ts'
import { Inspector } from './pages/inspector.ts'
import { ObjectInspector } from './pages/object-inspector.ts'

test.describe('object names open the object inspector', () => {
  test('the NAME column of kubectl get in the console: click or keyboard, text unchanged', async ({ app, page }, testInfo) => {
    test.setTimeout(120_000)
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    await app.console.run('kubectl create deployment web --image=nginx:1.27 --replicas=2')
    await expect(app.console.output).toContainText('deployment.apps/web created', { timeout: 30_000 })
    const pods = page.locator('[data-testid^="pod.default.web-"]')
    await expect(pods).toHaveCount(2, { timeout: 60_000 })
    await app.console.run('kubectl get pods')
    await expect(app.console.output).toContainText(/web-\w+-\w+\s+\d\/1/, { timeout: 30_000 })
    await app.toolbar.pause()

    // Each name of the table is a button naming its etcd key; the table's text is kubectl's.
    const names = app.console.output.getByTestId('console.name')
    const podName = (await pods.first().getAttribute('data-testid'))!.replace('pod.default.', '')
    const link = names.filter({ hasText: new RegExp(`^${podName}$`) }).last()
    await expect(link).toHaveAttribute('data-object-key', `/registry/pods/default/${podName}`)
    const text = await app.console.output.innerText()
    expect(text).toMatch(new RegExp(`\\$ kubectl get pods\\nNAME +READY +STATUS +RESTARTS +AGE\\n`))
    expect(text).toContain(`\n${podName}   `)
    // The deployment named by `create` is one too.
    await expect(names.filter({ hasText: 'deployment.apps/web' })).toHaveAttribute('data-object-key', '/registry/deployments/default/web')

    await link.click()
    const object = new ObjectInspector(page)
    await expect(object.panel).toBeVisible()
    await expect(object.title).toContainText(`/registry/pods/default/${podName}`)
    const shot = testInfo.outputPath('console-name-opened.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('console-name-opened', { path: shot, contentType: 'image/png' })
    await object.close.click()
    await expect(object.panel).toBeHidden()

    // Keyboard: one tab stop for the output, arrows walk the names, Enter opens one.
    await app.console.output.focus()
    await page.keyboard.press('ArrowDown')
    const last = names.last()
    await expect(last).toBeFocused()
    await page.keyboard.press('ArrowUp')
    const previous = names.nth((await names.count()) - 2)
    await expect(previous).toBeFocused()
    const key = (await previous.getAttribute('data-object-key'))!
    await page.keyboard.press('Enter')
    await expect(object.title).toContainText(key)
  })

  test('the OBJECT column of the Events tab: click or keyboard opens the object the event is about', async ({ app, page }, testInfo) => {
    await app.runNginx()
    await page.getByRole('tab', { name: 'Events' }).click()
    const table = page.getByTestId('events.table')
    const scheduled = table.locator('tr[data-reason="Scheduled"]', { hasText: 'Pod/nginx' }).getByTestId('events.object')
    await expect(scheduled).toHaveText('Pod/nginx')
    await expect(scheduled).toHaveAttribute('data-object-key', '/registry/pods/default/nginx')
    await scheduled.click()
    const object = new ObjectInspector(page)
    await expect(object.title).toContainText('/registry/pods/default/nginx')
    const shot = testInfo.outputPath('events-object-opened.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('events-object-opened', { path: shot, contentType: 'image/png' })
    await object.close.click()
    await expect(object.panel).toBeHidden()

    // Keyboard: the table is one tab stop; ↑ goes to the newest event's object, Enter opens it.
    const region = page.getByRole('region', { name: 'Events table' })
    await region.focus()
    await page.keyboard.press('ArrowUp')
    const objects = table.getByTestId('events.object')
    await expect(objects.last()).toBeFocused()
    const key = (await objects.last().getAttribute('data-object-key'))!
    await page.keyboard.press('Enter')
    await expect(object.title).toContainText(key)
  })

  test("the pods a kubelet's live state lists open the object inspector", async ({ app, page }) => {
    const pod = await app.runNginx()
    const node = (await pod.getAttribute('data-node'))!
    const inspector = new Inspector(page)
    await inspector.component(`kubelet:${node}`).focus()
    await page.keyboard.press('Enter')
    const cell = inspector.row('pod-workers', 'default-nginx').getByTestId('inspector.object')
    await expect(cell).toHaveText('default/nginx')
    await cell.click()
    await expect(new ObjectInspector(page).title).toContainText('/registry/pods/default/nginx')
  })
})
