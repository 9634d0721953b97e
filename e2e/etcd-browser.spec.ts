import { expect, test } from './fixtures.ts'
import { ObjectInspector } from './pages/object-inspector.ts'

test('the etcd browser shows a pod as stored, its versions and a diff between two', async ({
  app,
  page,
}) => {
  await app.toolbar.speed.selectOption('10')
  await app.toolbar.play()
  await expect(app.graph.pod('default', 'nginx')).toContainText('Running', { timeout: 40_000 })
  await app.toolbar.pause()
  await page.getByTestId('timeline.etcd').click()
  const browser = page.getByTestId('etcd.browser')
  await page.getByTestId('etcd.filter').fill('/registry/pods/')
  await page.getByTestId('etcd.key').filter({ hasText: 'pods/default/nginx' }).click()
  // The object inspector, inside the browser (the graph's own panel stays closed).
  const object = new ObjectInspector(page, browser)
  await expect(object.panel).toHaveCount(0)
  await object.tab('yaml').click()
  await expect(object.yaml).toContainText('kind: Pod')
  await expect(object.yaml).toContainText('nodeName: node-')
  await object.tab('history').click()
  expect(await object.revisions.count()).toBeGreaterThan(2)
  await object.revisions.nth(1).getByTestId('object.revision.diff').click()
  await expect(object.diff).toContainText('+  nodeName: node-')
  await browser.screenshot({ path: test.info().outputPath('etcd.png') })
  // A key written before the run (the default namespace): its one version, as stored.
  await page.getByTestId('etcd.filter').fill('/registry/namespaces/default')
  await page.getByTestId('etcd.key').filter({ hasText: 'namespaces/default' }).click()
  await object.tab('yaml').click()
  await expect(object.yaml).toContainText('kind: Namespace')
})
