// Frame-rate benchmark: plays the default scenario in Chromium at 1× and 10× and prints
// animation frames per second, frame-time percentiles and long tasks (> 50 ms). Figures only,
// never pass/fail. Run: node bench/frame-rate.bench.mjs  (or `npm run bench`).
// "tokens" are the tokens drawn: DOM tokens (control plane) plus the data-plane tokens the canvas
// painted in its last frame (its data-drawn), sampled every 10th frame (mean, min, max).
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
    const tokenCounts = []
    // Tokens drawn: the DOM tokens (control plane) plus what the data-plane canvas painted in its
    // last frame (its data-drawn); the canvas's keyboard/test handles are buttons, not drawings.
    const drawnTokens = () =>
      document.querySelectorAll('[data-testid="flow.token"]:not([data-canvas-handle])').length +
      Number(document.querySelector('[data-testid="flow.canvas"]')?.getAttribute('data-drawn') ?? 0)
    const tick = (now) => {
      frames++
      if (frames % 10 === 0) tokenCounts.push(drawnTokens())
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
          tokens: drawnTokens(),
          tokensMin: tokenCounts.length ? Math.min(...tokenCounts) : 0,
          tokensMax: tokenCounts.length ? Math.max(...tokenCounts) : 0,
          tokensMean: tokenCounts.length ? tokenCounts.reduce((a, b) => a + b, 0) / tokenCounts.length : 0,
        })
      }
    }
    requestAnimationFrame(tick)
  })
}

/**
 * Issue 8: ~300 request tokens in flight. A Service over three pods gets 60,000 requests per
 * virtual second from a client pod; each request is three hops of 1–3 virtual ms, so about 300
 * flows are in flight at any instant. Imported as a scenario file, moved to 21 s with the
 * timeline's keys (the traffic starts at 20.9 s: the seek simulates 0.1 s of it, not a whole
 * second), then played at 1× and 10×.
 */
// BENCH_TRAFFIC_RATE: requests per virtual second (tokens in flight ≈ rate × 5 ms).
const trafficRate = Number(process.env.BENCH_TRAFFIC_RATE || 60_000)
const trafficScenario = `title: frame-rate bench, 300 request tokens
seed: 3
cluster:
  nodes:
    - {name: node-1}
    - {name: node-2}
    - {name: node-3}
script:
  - {at: 0s, kubectl: "create deployment web --image=nginx:1.27 --replicas=3 --port=80"}
  - {at: 3s, kubectl: "expose deployment web --port=80"}
  - {at: 20900ms, traffic: "start web --rate ${trafficRate} --from node-1"}
until: 60s
`

async function trafficRows(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript(() => window.localStorage.setItem('kube-anatomy.landing-seen', '1'))
  await page.goto(url)
  await page.getByTestId('rf__node-kube-apiserver:0').waitFor()
  await page.getByTestId('import.input').setInputFiles({
    name: 'traffic.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(trafficScenario),
  })
  await page.getByTestId('rf__node-traffic-client').waitFor()
  await page.getByTestId('toolbar.heartbeats').uncheck()
  const slider = page.getByTestId('timeline.slider')
  for (const key of ['PageUp', 'PageUp', 'ArrowRight']) {
    const from = Number(await slider.inputValue())
    await slider.focus()
    await page.keyboard.press(key)
    await page.waitForFunction(
      (want) => Number(document.querySelector('[data-testid="status.trace"]')?.getAttribute('data-at-ms') ?? 0) >= want,
      from + (key === 'PageUp' ? 9_000 : 900),
      { timeout: 120_000 },
    )
  }
  const rows = []
  // The page may be too busy for Playwright's actionability checks: click and choose in-page.
  await page.evaluate(() => document.querySelector('[data-testid="toolbar.play"]').click())
  for (const speed of ['1', '10']) {
    await page.evaluate((value) => {
      const select = document.querySelector('[data-testid="toolbar.speed"]')
      select.value = value
      select.dispatchEvent(new Event('change', { bubbles: true }))
    }, speed)
    const r = await page.evaluate(measureInPage, seconds * 1000)
    const clock = await page.evaluate(() => document.querySelector('[data-testid="clock"]')?.textContent ?? '')
    rows.push({ speed: `${trafficRate}/s ${speed}×`, ...r, clock })
    // A page this busy may not paint a screenshot in time: the figures matter more than the picture.
    if (process.env.BENCH_SHOT) {
      await page.screenshot({ path: `${process.env.BENCH_SHOT}-${speed}x.png`, timeout: 10_000 }).catch(() => undefined)
    }
  }
  await page.close()
  return rows
}

export async function runFrameRateBench() {
  // BENCH_OUT_DIR: a build directory of one's own, so a bench never overwrites someone's dist/.
  const outDir = process.env.BENCH_OUT_DIR || 'dist'
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (build.status !== 0) throw new Error('vite build failed')
  const server = await preview({ root, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 }, build: { outDir } })
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
    // Past the landing view (first visits to the bare address greet with the lesson list).
    await page.addInitScript(() => window.localStorage.setItem('kube-anatomy.landing-seen', '1'))
    await page.goto(url)
    await page.getByTestId('rf__node-kube-apiserver:0').waitFor()
    await page.getByTestId('toolbar.heartbeats').check()
    const rows = []
    await page.getByTestId('toolbar.play').click()
    // BENCH_ONLY=traffic skips the default scenario's figures.
    for (const speed of process.env.BENCH_ONLY === 'traffic' ? [] : ['1', '10']) {
      await page.getByTestId('toolbar.speed').selectOption(speed)
      const r = await page.evaluate(measureInPage, seconds * 1000)
      const clock = await page.getByTestId('clock').textContent()
      rows.push({ speed: `${speed}×`, ...r, clock })
    }
    rows.push(...(await trafficRows(browser, url)))
    console.log(
      `frame rate, default scenario then ~300 request tokens (traffic), 1280×800, ${seconds} s per speed (headless rAF caps at 60)`,
    )
    for (const r of rows) {
      console.log(
        `  ${r.speed.padEnd(14)} rAF ${r.fps.toFixed(1).padStart(5)}/s  frame p50 ${r.p50.toFixed(1)} ms` +
          `  p95 ${r.p95.toFixed(1)} ms  max ${r.max.toFixed(1)} ms  long tasks ${r.longTasks}` +
          (r.longTasks ? ` (longest ${r.longestTask.toFixed(0)} ms)` : '') +
          `  tokens ${r.tokens} (min ${r.tokensMin}, mean ${r.tokensMean.toFixed(0)}, max ${r.tokensMax})  ${r.clock}`,
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
