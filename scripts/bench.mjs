// `npm run bench`: figures, never pass/fail. The engine bench runs in Node through tsx; the UI's
// frame-rate bench (bench/frame-rate.bench.*, Playwright) runs after it when it exists.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1

let failed = run(['--import', 'tsx', 'bench/engine.bench.ts']) !== 0
console.log('\nseek.bench.ts:')
failed = run(['--expose-gc', '--import', 'tsx', 'bench/seek.bench.ts']) !== 0 || failed
console.log('\nbench/scheduler.bench.ts:')
failed = run(['--import', 'tsx', 'bench/scheduler.bench.ts']) !== 0 || failed
console.log('\nshare.bench.ts:')
failed = run(['--import', 'tsx', 'bench/share.bench.ts']) !== 0 || failed
console.log('\nworkloads.bench.ts:')
failed = run(['--import', 'tsx', 'bench/workloads.bench.ts']) !== 0 || failed
console.log('\ntraffic.bench.ts:')
failed = run(['--import', 'tsx', 'bench/traffic.bench.ts']) !== 0 || failed

const frameRate = existsSync(join(root, 'bench'))
  ? readdirSync(join(root, 'bench')).find((name) => /^frame-rate\.bench\.(ts|mjs|js)$/.test(name))
  : undefined
if (frameRate) {
  console.log(`\n${frameRate}:`)
  failed = run(['--import', 'tsx', join('bench', frameRate)]) !== 0 || failed
} else {
  console.log('\nbench/frame-rate.bench.* not found: skipping the frame-rate bench.')
}
// A bench that crashed produced no figures: say so through the exit status, never judge the figures.
process.exitCode = failed ? 1 : 0
