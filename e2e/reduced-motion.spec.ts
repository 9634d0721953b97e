import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

/** Token progress values seen over `frames` animation frames (the app's own clock moves time). */
async function progressOverFrames(page: Page, frames: number): Promise<string[]> {
  return page.evaluate(
    (n) =>
      new Promise<string[]>((resolve) => {
        const seen = new Set<string>()
        let left = n
        const tick = (): void => {
          for (const el of document.querySelectorAll<HTMLElement>('[data-testid="flow.token"]')) {
            if (el.style.visibility !== 'hidden' && el.dataset.progress)
              seen.add(el.dataset.progress)
          }
          if (--left > 0) requestAnimationFrame(tick)
          else resolve([...seen])
        }
        requestAnimationFrame(tick)
      }),
    frames,
  )
}

test.describe('reduced motion', () => {
  test.use({ reducedMotion: 'reduce' })

  test('tokens wait at the sender and jump to the receiver', async ({ app, page }) => {
    await app.toolbar.play()
    await expect(app.graph.tokens.first()).toBeAttached()
    const seen = await progressOverFrames(page, 90)
    expect(seen.length).toBeGreaterThan(0)
    for (const p of seen) expect(['0', '1']).toContain(p)
  })
})

test.describe('full motion', () => {
  test('tokens glide along their link', async ({ app, page }) => {
    await app.toolbar.play()
    await expect(app.graph.tokens.first()).toBeAttached()
    const seen = await progressOverFrames(page, 90)
    expect(seen.some((p) => p !== '0' && p !== '1')).toBe(true)
  })
})
