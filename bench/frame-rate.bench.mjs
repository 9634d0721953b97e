// Frame-rate benchmark: plays the default scenario in Chromium at 1× and 10× and prints
// animation frames per second, frame-time percentiles and long tasks (> 50 ms). Figures only,
// never pass/fail. Run: node bench/frame-rate.bench.mjs  (or `npm run bench`).
// Chromium: $CHROMIUM_PATH / $PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, else /usr/bin/chromium, else
// Playwright's own.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { preview } from 'vite'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const seconds = Number(process.env.BENCH_SECONDS || 4)

function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH
  if (fromEnv) return fromEnv
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
}

/** Counts rAF callbacks and long tasks in the page for `ms` of wall time. */
function measureInPage(ms) {
  return new Promise((resolve) => {
    const longTasks = []
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration)
    })
    observer.observe({ type: 'longtask', buffered: false })
    const gaps = []
    let frames = 0
    let last = performance.now()
    const start = last
    const tick = (now) => {
      frames++
      gaps.push(now - last)
      last = now
      if (now - start < ms) requestAnimationFrame(tick)
      else {
        observer.disconnect()
        gaps.sort((a, b) => a - b)
        const pct = (p) => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * p))] ?? 0
        resolve({
          fps: (frames * 1000) / (now - start),
          p50: pct(0.5),
          p95: pct(0.95),
          max: gaps[gaps.length - 1] ?? 0,
          longTasks: longTasks.length,
          longestTask: Math.max(0, ...longTasks),
          tokens: document.querySelectorAll('[data-testid="flow.token"]').length,
        })
      }
    }
    requestAnimationFrame(tick)
  })
}

export async function runFrameRateBench() {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (build.status !== 0) throw new Error('vite build failed')
  const server = await preview({ root, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } })
  const url = server.resolvedUrls?.local[0]
  const executablePath = chromiumPath()
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(url)
    await page.getByTestId('rf__node-kube-apiserver:0').waitFor()
    await page.getByTestId('toolbar.heartbeats').check()
    const rows = []
    await page.getByTestId('toolbar.play').click()
    for (const speed of ['1', '10']) {
      await page.getByTestId('toolbar.speed').selectOption(speed)
      const r = await page.evaluate(measureInPage, seconds * 1000)
      const clock = await page.getByTestId('clock').textContent()
      rows.push({ speed: `${speed}×`, ...r, clock })
    }
    console.log(
      `frame rate, default scenario, 1280×800, ${seconds} s per speed (headless rAF caps at 60)`,
    )
    for (const r of rows) {
      console.log(
        `  ${r.speed.padEnd(4)} rAF ${r.fps.toFixed(1).padStart(5)}/s  frame p50 ${r.p50.toFixed(1)} ms` +
          `  p95 ${r.p95.toFixed(1)} ms  max ${r.max.toFixed(1)} ms  long tasks ${r.longTasks}` +
          (r.longTasks ? ` (longest ${r.longestTask.toFixed(0)} ms)` : '') +
          `  tokens ${r.tokens}  ${r.clock}`,
      )
    }
    return rows
  } finally {
    await browser.close()
    await server.close()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runFrameRateBench().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  })
}
