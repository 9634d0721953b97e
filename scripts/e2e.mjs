#!/usr/bin/env node
// Builds the app, finds a Chromium, and runs the Playwright suite against `vite preview`.
// Chromium: $CHROMIUM_PATH or $PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, else /usr/bin/chromium,
// else Playwright's own browser (installed on first use). Extra arguments go to Playwright.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'

const run = (cmd, args, env = process.env) => {
  const result = spawnSync(cmd, args, {
    stdio: 'inherit',
    env,
    shell: process.platform === 'win32',
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      console.error(`e2e: Chromium not found at ${fromEnv}`)
      process.exit(2)
    }
    return fromEnv
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  return undefined
}

let chromium = findChromium()
if (!chromium) {
  const require = createRequire(import.meta.url)
  const { chromium: pw } = require('@playwright/test')
  if (!existsSync(pw.executablePath())) {
    console.log("e2e: no system Chromium; installing Playwright's own")
    run('npx', ['playwright', 'install', 'chromium'])
  }
}

/** A free loopback port for `vite preview`, so a second run (or another app) never collides. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

// E2E_OUT_DIR lets two people run the suite at once without overwriting each other's build.
const outDir = process.env.E2E_OUT_DIR || 'dist'
run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'])
const port = process.env.E2E_PORT || String(await freePort())
const env = { ...process.env, E2E_PORT: port, E2E_OUT_DIR: outDir, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) }
run('npx', ['playwright', 'test', ...process.argv.slice(2)], env)
