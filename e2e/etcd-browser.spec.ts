import { expect, test } from './fixtures.ts'

test('the etcd browser shows a pod as stored, its versions and a diff between two', async ({
  app,
  page,
}) => {
  await app.toolbar.speed.selectOption('10')
  await app.toolbar.play()
  await expect(app.graph.pod('default', 'nginx')).toContainText('Running', { timeout: 40_000 })
  await app.toolbar.pause()
  await page.getByTestId('timeline.etcd').click()
  await page.getByTestId('etcd.filter').fill('/registry/pods/')
  await page.getByTestId('etcd.key').filter({ hasText: 'pods/default/nginx' }).click()
  await expect(page.getByTestId('etcd.yaml')).toContainText('kind: Pod')
  await expect(page.getByTestId('etcd.yaml')).toContainText('nodeName: node-')
  const versions = page.getByTestId('etcd.revisions').getByRole('button')
  expect(await versions.count()).toBeGreaterThan(2)
  await page.getByTestId('etcd.against').selectOption({ index: 1 })
  await expect(page.getByTestId('etcd.diff')).toContainText('+ ')
  await page.getByTestId('etcd.browser').screenshot({ path: test.info().outputPath('etcd.png') })
})
