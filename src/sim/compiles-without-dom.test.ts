/**
 * The engine's tsconfig has neither DOM nor WebWorker types, so host APIs do not compile in
 * src/sim. This proves the fence holds: a probe using `document` and `self` must fail.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

function tsc(project: string): string {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project, '--noEmit', '--composite', 'false', '--emitDeclarationOnly', 'false'], { encoding: 'utf8' })
    return ''
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e)
  }
}

describe('the engine compiles without DOM types', () => {
  it('rejects a file in its settings that touches the page or a worker', () => {
    const dir = mkdtempSync(join(root, 'node_modules/.probe-'))
    try {
      writeFileSync(join(dir, 'probe.ts'), 'export const title: string = document.title\nexport const me = self\n')
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(root, 'tsconfig.sim.json'), include: ['probe.ts'], compilerOptions: { outDir: join(dir, 'out') } }))
      const out = tsc(join(dir, 'tsconfig.json'))
      expect(out).toMatch(/Cannot find name 'document'/)
      expect(out).toMatch(/Cannot find name 'self'/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
