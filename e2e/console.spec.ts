import { Editor } from './pages/editor.ts'
import { expect, test } from './fixtures.ts'

test.describe('console', () => {
  test('Tab completes commands, kinds and names; ↑/↓ walk the history; wide output scrolls inside', async ({ app, page }, testInfo) => {
    test.setTimeout(90_000)
    const input = app.console.input
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')

    await input.fill('ge')
    await input.press('Tab')
    await expect(input).toHaveValue('get ')
    await input.pressSequentially('no')
    await input.press('Tab')
    await expect(input).toHaveValue('get nodes ')
    await input.pressSequentially('-o wide')
    await input.press('Enter')
    await expect(app.console.output).toContainText('INTERNAL-IP', { timeout: 30_000 })

    // Names come from the objects the page mirrors: several nodes share a prefix.
    await input.fill('describe node ')
    await input.press('Tab')
    await expect(page.getByTestId('console.candidates')).toContainText('node-1')
    await expect(input).toHaveValue(/^describe node node-/)
    await input.pressSequentially('1')
    await input.press('Enter')
    await expect(app.console.output).toContainText('Name:               node-1', { timeout: 30_000 })

    // History: ↑ twice reaches the first line, ↓ comes back, and past the end the draft returns.
    await input.fill('get p')
    await input.press('ArrowUp')
    await expect(input).toHaveValue('describe node node-1')
    await input.press('ArrowUp')
    await expect(input).toHaveValue('get nodes -o wide')
    await input.press('ArrowDown')
    await expect(input).toHaveValue('describe node node-1')
    await input.press('ArrowDown')
    await expect(input).toHaveValue('get p')

    // Wide output scrolls inside the console; the page itself does not widen.
    const widths = await app.console.output.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
    expect(widths.scroll).toBeGreaterThan(widths.client)
    const pageWide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)
    expect(pageWide).toBe(false)
    const shot = testInfo.outputPath('console.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('console', { path: shot, contentType: 'image/png' })
  })

  test('get pods -w streams a row per change until Ctrl+C, which hangs up the watch and gives the prompt back', async ({ app, page }, testInfo) => {
    test.setTimeout(120_000)
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    const stop = page.getByTestId('console.interrupt')

    await app.console.run('get pods -w')
    await expect(stop).toBeVisible()
    // The watch is open once kubectl's GET ?watch=true is on its way; the line keeps running.
    await expect(app.flows.row(/pods\?resourceVersion=\d+&watch=true/)).toBeAttached({ timeout: 30_000 })
    await expect(app.console.output).not.toContainText('…', { timeout: 30_000 })

    // A pod created from the YAML editor (the console stays with the watch): its rows appear.
    const editor = new Editor(page)
    await editor.open()
    await editor.replace('apiVersion: v1\nkind: Pod\nmetadata:\n  name: watched\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n')
    await editor.apply.click()
    await expect(app.console.output).toContainText(/watched\s+0\/1\s+Pending/, { timeout: 30_000 })
    await expect(app.console.output).toContainText(/watched\s+1\/1\s+Running/, { timeout: 60_000 })
    const text = (await app.console.output.textContent()) ?? ''
    const watchPart = text.slice(text.lastIndexOf('$ kubectl get pods -w'))
    // One header only: later rows come alone.
    expect(watchPart.match(/^NAME /gm)?.length ?? 0).toBeLessThanOrEqual(1)
    const shot = testInfo.outputPath('console-watch.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('console-watch', { path: shot, contentType: 'image/png' })

    // Ctrl+C: ^C, the Stop button goes, the prompt takes the next line.
    await app.console.input.click()
    await app.console.input.press('Control+c')
    await expect(app.console.output).toContainText(/Running[^\n]*\n\^C/, { timeout: 30_000 })
    await expect(stop).toHaveCount(0)
    await app.console.run('get pod watched')
    await expect(app.console.output).toContainText(/\$ kubectl get pod watched\nNAME/, { timeout: 30_000 })
    const after = testInfo.outputPath('console-watch-interrupted.png')
    await page.screenshot({ path: after })
    await testInfo.attach('console-watch-interrupted', { path: after, contentType: 'image/png' })
  })

  test('logs -f follows a container line by line until Ctrl+C', async ({ app, page }, testInfo) => {
    test.setTimeout(120_000)
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    await app.console.run(`run ticker --image=busybox:1.36 -- sh -c 'while true; do echo tick; sleep 2; done'`)
    await expect(app.graph.pod('default', 'ticker')).toHaveAttribute('data-status', 'Running', { timeout: 60_000 })
    await app.console.run('logs -f ticker')
    // The first lines come with the answer; each later one as its own stream chunk.
    await expect(app.console.output).toContainText(/tick\ntick\ntick/, { timeout: 60_000 })
    await expect(app.flows.row(/log lines?$/)).toBeAttached({ timeout: 30_000 })
    const shot = testInfo.outputPath('console-logs-follow.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('console-logs-follow', { path: shot, contentType: 'image/png' })
    await app.console.input.click()
    await app.console.input.press('Control+c')
    await expect(app.console.output).toContainText(/tick\n\^C/, { timeout: 30_000 })
    await expect(page.getByTestId('console.interrupt')).toHaveCount(0)
  })

  test('patch --type=json: operations apply in order; one that does not apply gets the real 422 text and its answer in the message list', async ({ app, page }, testInfo) => {
    test.setTimeout(90_000)
    await app.toolbar.heartbeats.uncheck()
    await app.toolbar.setSpeed('10')
    await app.console.run('create deployment web --image=nginx:1.27')
    await expect(app.console.output).toContainText('deployment.apps/web created', { timeout: 30_000 })
    await app.console.run(`patch deployment web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'`)
    await expect(app.console.output).toContainText('deployment.apps/web patched', { timeout: 30_000 })
    await app.console.run('get deployment web')
    await expect(app.console.output).toContainText(/web\s+\d\/3/, { timeout: 30_000 })
    await app.console.run(`patch deployment web --type=json -p '[{"op":"remove","path":"/spec/paused"}]'`)
    await expect(app.console.output).toContainText('The request is invalid: the server rejected our request due to an error in our request', { timeout: 30_000 })
    // The PATCH went to the apiserver, and its answer was the 422.
    await expect(app.flows.row(/422 Unprocessable/)).toBeAttached({ timeout: 30_000 })
    const shot = testInfo.outputPath('console-json-patch.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('console-json-patch', { path: shot, contentType: 'image/png' })
  })
})
