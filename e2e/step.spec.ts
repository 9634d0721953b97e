import { expect, test } from './fixtures.ts'

test.describe('step mode', () => {
  test('each press delivers exactly one message', async ({ app }) => {
    await app.toolbar.heartbeats.check()
    for (let n = 1; n <= 4; n++) {
      await app.toolbar.step()
      await expect(app.toolbar.clock).toHaveAttribute('data-delivered', String(n))
    }
    await expect(app.toolbar.playToggle).toHaveAccessibleName('Play')
    await expect(app.flows.list).toContainText('POST /api/v1/namespaces/default/pods')
  })

  test('with heartbeats hidden, each press ends on a message the page draws', async ({
    app,
    page,
  }) => {
    await expect(app.toolbar.heartbeats).not.toBeChecked()
    let previous = 'none'
    for (let n = 1; n <= 6; n++) {
      await app.toolbar.step()
      // The token of the stepped message rests on its receiver once the glide is over.
      const landed = page
        .locator(`[data-testid="flow.token"][data-progress="1"]:not([data-flow-id="${previous}"])`)
        .first()
      await expect(landed).toBeAttached()
      previous = (await landed.getAttribute('data-flow-id')) ?? 'none'
    }
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
