import { expect, test } from '@playwright/test'

test.describe('scenario in the URL', () => {
  test('?scenario=<id> loads that scenario', async ({ page }) => {
    await page.goto('/?scenario=pod-creation')
    await expect(page.getByTestId('rf__node-kubelet:node-3')).toBeVisible()
    await expect(page.getByRole('banner')).toContainText('Pod creation, hop by hop')
  })

  test('an unknown scenario id says so instead of crashing', async ({ page }) => {
    await page.goto('/?scenario=no-such-thing')
    await expect(page.getByTestId('banner.error')).toContainText('no scenario "no-such-thing"')
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible()
  })
})
