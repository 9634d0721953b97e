import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures.ts'
import { Inspector } from './pages/inspector.ts'
import { ObjectInspector } from './pages/object-inspector.ts'
import { TimelineBar } from './pages/timeline.ts'

test.describe('component inspector', () => {
  test("clicking kube-scheduler and the nginx pod's kubelet shows what they are and their live state", async ({
    app,
    page,
  }, testInfo) => {
    const pod = await app.runNginx()
    const node = (await pod.getAttribute('data-node'))!
    const inspector = new Inspector(page)

    // The traffic control sits over the top of kube-scheduler: click its uncovered lower edge.
    const scheduler = inspector.component('kube-scheduler:0')
    const box = (await scheduler.boundingBox())!
    await scheduler.click({ position: { x: 24, y: box.height - 8 } })
    await expect(inspector.panel).toHaveAttribute('data-actor', 'kube-scheduler:0')
    await expect(inspector.what).toContainText('binds the pod')
    await expect(inspector.section('activeq')).toBeVisible()
    await expect(inspector.section('backoffq')).toBeVisible()
    await expect(inspector.section('unschedulable-pods')).toBeVisible()
    await expect(inspector.fact('scheduling-cycle')).toContainText(/[1-9]/)
    await expect(inspector.flags).toContainText('podMaxBackoffSeconds')
    const shot1 = testInfo.outputPath('inspector-scheduler.png')
    await page.screenshot({ path: shot1 })
    await testInfo.attach('inspector-scheduler', { path: shot1, contentType: 'image/png' })

    // Keyboard: focus the kubelet of the pod's node and press Enter.
    await inspector.component(`kubelet:${node}`).focus()
    await page.keyboard.press('Enter')
    await expect(inspector.panel).toHaveAttribute('data-actor', `kubelet:${node}`)
    await expect(inspector.row('pod-workers', 'default-nginx')).toContainText('started')
    await expect(inspector.flags).toContainText('nodeStatusUpdateFrequency')
    const shot2 = testInfo.outputPath('inspector-kubelet.png')
    await page.screenshot({ path: shot2 })
    await testInfo.attach('inspector-kubelet', { path: shot2, contentType: 'image/png' })

    // A token at rest on etcd's link may sit over the box's middle: click its top-left corner.
    await inspector.component('etcd:0').click({ position: { x: 20, y: 10 } })
    await expect(inspector.panel).toHaveAttribute('data-actor', 'etcd:0')
    await expect(inspector.fact('revision')).toContainText(/[1-9]/)
    await expect(inspector.row('keys-by-resource', 'pods')).toContainText('1')

    await inspector.component('kube-controller-manager:0').focus()
    await page.keyboard.press('Enter')
    await expect(inspector.section('work-queues')).toBeVisible()
    const shot3 = testInfo.outputPath('inspector-kcm.png')
    await page.screenshot({ path: shot3 })
    await testInfo.attach('inspector-kcm', { path: shot3, contentType: 'image/png' })

    await page.keyboard.press('Escape')
    await expect(inspector.panel).toBeHidden()
  })
})

test.describe('object inspector', () => {
  // Running to a Running pod at 10× takes a while on a shared, busy machine.
  test.describe.configure({ timeout: 90_000 })
  test('a pod: scheduling, its YAML as stored, its versions with who wrote them, and a diff of any two', async ({
    app,
    page,
  }, testInfo) => {
    const pod = await app.runNginx()
    const node = (await pod.getAttribute('data-node'))!
    await pod.click()
    const inspector = new ObjectInspector(page)
    await expect(inspector.panel).toHaveAccessibleName('Object inspector: Pod default/nginx')
    // A pod opens on kube-scheduler's decision, one tab among the object's views.
    await expect(inspector.tab('scheduling')).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByTestId('scheduling.winner')).toHaveText(node)

    await inspector.tab('yaml').click()
    await expect(inspector.yaml).toContainText('kind: Pod')
    await expect(inspector.yaml).toContainText(`nodeName: ${node}`)
    await expect(inspector.yaml).toContainText('phase: Running')

    await inspector.tab('history').click()
    expect(await inspector.revisions.count()).toBeGreaterThanOrEqual(3)
    const first = inspector.revisions.first()
    await expect(first).toContainText('kubectl')
    await expect(first).toContainText('POST /api/v1/namespaces/default/pods')
    await expect(inspector.revisions.filter({ hasText: 'kube-scheduler' })).toContainText('/binding')
    await expect(inspector.revisions.filter({ hasText: `kubelet (${node})` }).first()).toContainText('/status')
    await page.screenshot({ path: testInfo.outputPath('object-history.png') })

    // The request behind the first version is a message: it opens in the details, with its cause tree.
    await first.getByTestId('object.revision.flow').click()
    await expect(page.getByTestId('panel.details')).toContainText('POST /api/v1/namespaces/default/pods')
    await expect(page.getByTestId('cause.root')).toContainText('kubectl run nginx')

    // Any two versions: the creation against the binding shows the node written into the spec.
    await inspector.tab('diff').click()
    await inspector.diffFrom.selectOption({ index: 0 })
    await inspector.diffTo.selectOption({ index: 1 })
    await expect(inspector.diff).toContainText(`+  nodeName: ${node}`)
    await expect(inspector.diff).toContainText('@@ -')
    await page.screenshot({ path: testInfo.outputPath('object-diff.png') })

    await inspector.close.click()
    await expect(inspector.panel).toBeHidden()
  })

  test('the versions follow the timeline: fewer at an earlier moment, all of them again after', async ({ app, page }) => {
    const pod = await app.runNginx()
    await pod.click()
    const inspector = new ObjectInspector(page)
    await inspector.tab('history').click()
    const all = await inspector.revisions.count()
    expect(all).toBeGreaterThanOrEqual(4)
    const timeline = new TimelineBar(page)
    // Back to 1 s: created and bound, not yet Running.
    // locator.press focuses the slider for each key: a focus taken by the panel between keys
    // (the inspector re-rendering) once sent Home and → elsewhere, and time stayed where it was.
    await timeline.slider.press('Home')
    await expect(timeline.time).toHaveText('t = 0.000 s')
    await timeline.slider.press('ArrowRight')
    await expect(timeline.time).toHaveText('t = 1.000 s')
    await expect.poll(() => inspector.revisions.count()).toBeLessThan(all)
    await inspector.tab('yaml').click()
    await expect(inspector.yaml).toContainText('phase: Pending')
    // On again: every version is back.
    await timeline.slider.press('PageUp')
    await inspector.tab('history').click()
    await expect(inspector.revisions).toHaveCount(all)
  })

  test('by keyboard: Enter on a pod opens it, arrows move between tabs, Esc closes', async ({ app, page }) => {
    const pod = await app.runNginx()
    await pod.focus()
    await page.keyboard.press('Enter')
    const inspector = new ObjectInspector(page)
    await expect(inspector.panel).toBeVisible()
    await inspector.tab('scheduling').focus()
    await page.keyboard.press('ArrowRight')
    await expect(inspector.tab('yaml')).toBeFocused()
    await expect(inspector.tab('yaml')).toHaveAttribute('aria-selected', 'true')
    await expect(inspector.yaml).toContainText('kind: Pod')
    await page.keyboard.press('Escape')
    await expect(inspector.panel).toBeHidden()
  })

  test("a message's object: the details link to what it wrote", async ({ app, page }) => {
    await app.toolbar.heartbeats.uncheck()
    // Step by step to the apiserver's write of the new pod (the second message).
    const txn = app.flows.row('Txn PUT /registry/pods/default/nginx')
    for (let i = 0; i < 6 && (await txn.count()) === 0; i++) {
      const before = await app.toolbar.delivered()
      await app.toolbar.step()
      await expect.poll(() => app.toolbar.delivered()).toBeGreaterThan(before)
    }
    await txn.click()
    await page.getByTestId('details.object').click()
    const inspector = new ObjectInspector(page)
    await expect(inspector.title).toContainText('/registry/pods/default/nginx')
    // The write is still on its way to etcd: nothing is stored under the key yet.
    await inspector.tab('yaml').click()
    await expect(page.getByTestId('object.none')).toContainText('Nothing has been stored')
    // One more message: etcd commits it, and the inspector shows the pod as stored.
    await app.toolbar.step()
    await expect(inspector.yaml).toContainText('kind: Pod')
    await expect(inspector.title).toContainText('Pod default/nginx')
  })
})

test('the object inspector has no axe violations on any of its tabs', async ({ app, page }) => {
  // Four axe passes on a shared, busy machine.
  test.setTimeout(120_000)
  const pod = await app.runNginx()
  await pod.click()
  const inspector = new ObjectInspector(page)
  for (const tab of ['scheduling', 'yaml', 'history', 'diff']) {
    await inspector.tab(tab).click()
    await expect(inspector.tab(tab)).toHaveAttribute('aria-selected', 'true')
    const results = await new AxeBuilder({ page }).include('[data-testid="panel.object"]').analyze()
    expect(
      results.violations.map((v) => `${tab} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([])
  }
})
