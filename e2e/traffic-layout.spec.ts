import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { Traffic } from './pages/traffic.ts'

/** The components, node boxes and pods the Traffic panel's box overlaps. */
function hidden(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const t = document.querySelector('[data-testid="traffic.panel"]')!.getBoundingClientRect()
    const out: string[] = []
    for (const el of document.querySelectorAll('[data-testid^="component."], [data-testid^="node."], [data-testid^="pod."], [data-testid^="group."]')) {
      const b = el.getBoundingClientRect()
      if (b.width > 0 && !(b.right <= t.left || b.left >= t.right || b.bottom <= t.top || b.top >= t.bottom)) out.push(el.getAttribute('data-testid')!)
    }
    return out
  })
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test.describe(`${size.width}x${size.height}`, () => {
    test.use({ viewport: size })
    test(`the Traffic panel hides no component at ${size.width}x${size.height}, folded or not`, async ({ app, page }, testInfo) => {
      test.setTimeout(120_000)
      const traffic = new Traffic(page)
      await app.toolbar.heartbeats.uncheck()
      await app.toolbar.setSpeed('10')
      await app.console.run('kubectl create deployment web --image=nginx:1.27 --replicas=2')
      await expect(app.console.output).toContainText('deployment.apps/web created', { timeout: 30_000 })
      await app.console.run('kubectl expose deployment web --port=80')
      await expect(traffic.panel).toBeVisible({ timeout: 30_000 })
      const fold = page.getByTestId('traffic.fold')
      // A phone starts with it folded.
      await expect(fold).toHaveAttribute('aria-expanded', size.width < 640 ? 'false' : 'true')
      if (size.width < 640) await fold.click()
      await expect(traffic.start).toBeVisible()
      await expect.poll(() => hidden(page), { timeout: 10_000 }).toEqual([])
      await app.toolbar.pause()
      const shot = testInfo.outputPath(`traffic-${size.width}.png`)
      await page.screenshot({ path: shot })
      await testInfo.attach(`traffic-${size.width}`, { path: shot, contentType: 'image/png' })
      // Folded, the picture takes the room back, and the folded title still hides nothing.
      const unfolded = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform)
      await fold.click()
      await expect(fold).toHaveAttribute('aria-expanded', 'false')
      await expect.poll(() => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform)).not.toBe(unfolded)
      expect(await hidden(page)).toEqual([])
    })
  })
}
