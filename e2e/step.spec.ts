import { expect, test } from './fixtures.ts'

test.describe('step mode', () => {
  test('each press delivers exactly one message', async ({ app }) => {
    for (let n = 1; n <= 4; n++) {
      await app.toolbar.step()
      await expect(app.toolbar.clock).toHaveAttribute('data-delivered', String(n))
    }
    await expect(app.toolbar.playToggle).toHaveAccessibleName('Play')
    await expect(app.flows.list).toContainText('POST /api/v1/namespaces/default/pods')
  })

  test('the → key steps and Space plays, but not while typing', async ({ app, page }) => {
    await page.getByTestId('graph').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('ArrowRight')
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '1')

    await app.console.input.focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.type(' ')
    await expect(app.toolbar.playToggle).toHaveAccessibleName('Play')
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '1')

    await page.getByTestId('graph').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press(' ')
    await expect(app.toolbar.playToggle).toHaveAccessibleName('Pause')
  })
})
