import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures.ts'

test.describe('accessibility', () => {
  test('the main view has no axe violations', async ({ app, page }) => {
    await app.toolbar.step()
    await expect(app.toolbar.clock).toHaveAttribute('data-delivered', '1')
    const results = await new AxeBuilder({ page }).analyze()
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([])
  })

  test('every control has an accessible name', async ({ app, page }) => {
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Step' })).toBeVisible()
    await expect(page.getByRole('combobox', { name: 'Speed' })).toBeVisible()
    await expect(page.getByRole('checkbox', { name: 'Show heartbeats' })).toBeVisible()
    await expect(app.console.input).toBeVisible()
  })
})
