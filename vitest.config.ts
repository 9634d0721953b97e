import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // Some tests parse every source file or spawn the CLI; on a loaded 2-core machine 5 s is tight.
    testTimeout: 30_000,
  },
})
