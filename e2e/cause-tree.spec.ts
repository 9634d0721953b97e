import { expect, test } from './fixtures.ts'

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
