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
})
