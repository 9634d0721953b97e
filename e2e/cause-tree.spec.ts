import { expect, test } from './fixtures.ts'
import { ObjectInspector } from './pages/object-inspector.ts'

test('clicking a message shows its cause chain up to the kubectl line, and what it led to', async ({
  app,
  page,
}) => {
  const binding = app.flows.list.locator('[data-testid="flows.row"]', { hasText: '/binding' })
  // Step until kube-scheduler binds the pod (a dozen visible messages in).
  for (let i = 0; i < 40 && (await binding.count()) === 0; i++) await app.toolbar.step()
  // The binding: kube-scheduler's answer to the pod it saw.
  await binding.first().click()
  // The tree grows as the binding is stored and watched.
  for (let i = 0; i < 3; i++) await app.toolbar.step()
  const tree = page.getByTestId('cause.tree')
  await expect(tree).toBeVisible()
  await expect(page.getByTestId('cause.root')).toHaveText('$ kubectl run nginx --image=nginx:1.27')
  await expect(tree.locator('[data-testid="cause.row"]').first()).toContainText('POST')
  await expect(page.getByTestId('cause.effects')).toContainText('Txn PUT /registry/pods/default/nginx')
  // The components on the tree light up on the graph.
  await expect(app.graph.component('kube-scheduler:0')).toHaveCSS('outline-style', 'solid')
  await page.screenshot({ path: test.info().outputPath('cause-tree.png') })
})

test('a message from long ago, older than the page keeps, still shows its whole cause tree', async ({
  app,
  page,
}) => {
  await app.toolbar.setSpeed('10')
  await app.toolbar.play()
  // The page keeps the 400 most recent messages: run well past that.
  await expect.poll(() => app.toolbar.delivered(), { timeout: 60_000 }).toBeGreaterThan(700)
  await app.toolbar.pause()
  // The pod's first version names the request that created it: the run's first message.
  await app.graph.pod('default', 'nginx').click()
  const object = new ObjectInspector(page)
  await object.tab('history').click()
  await object.revisions.first().getByTestId('object.revision.flow').click()
  await expect(app.flows.details).toContainText('POST /api/v1/namespaces/default/pods')
  await expect(page.getByTestId('cause.root')).toHaveText('$ kubectl run nginx --image=nginx:1.27')
  const effects = page.getByTestId('cause.effects')
  await expect(effects).toContainText('Txn PUT /registry/pods/default/nginx')
  await expect(effects).toContainText('/binding')
  await expect(effects).toContainText('RunPodSandbox')
})
