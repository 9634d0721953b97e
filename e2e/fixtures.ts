import { test as base } from '@playwright/test'
import { App } from './pages/app.ts'

export { expect } from '@playwright/test'

/** `app`: the page objects, with the default scenario open. */
export const test = base.extend<{ app: App }>({
  app: async ({ page }, use) => {
    const app = new App(page)
    await app.open()
    await use(app)
  },
})
