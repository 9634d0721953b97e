/**
 * The engine is deterministic and host-free (DESIGN.md §1–2): no host clock, no host randomness,
 * no timers, no async, no imports from outside src/sim. ESLint says so while editing; this test
 * says so in CI, on the source text, so no lint configuration can silently switch it off.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const simDir = dirname(fileURLToPath(import.meta.url))

const banned: [RegExp, string][] = [
  [/\bDate\s*\.\s*now\b/, 'Date.now'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date()'],
  [/(?<![\w$.])Date\s*\(\s*\)/, 'Date()'],
  [/\bMath\s*\.\s*random\b/, 'Math.random'],
  [/(?<![\w$.])performance\b/, 'performance'],
  [/(?<![\w$.])(?:globalThis\s*\.\s*)?crypto\s*\./, 'crypto'],
  [/(?<![\w$.])setTimeout\s*\(/, 'setTimeout'],
  [/(?<![\w$.])setInterval\s*\(/, 'setInterval'],
  [/(?<![\w$.])setImmediate\s*\(/, 'setImmediate'],
  [/(?<![\w$.])queueMicrotask\s*\(/, 'queueMicrotask'],
  [/(?<![\w$.])requestAnimationFrame\s*\(/, 'requestAnimationFrame'],
  [/(?<![\w$.])structuredClone\s*\(/, 'structuredClone'],
  [/(?<![\w$.])async\s+(?:function\b|\(|[\w$]+\s*(?:=>|\())/, 'async function'],
  [/(?<![\w$.])await\s/, 'await'],
]

/** Blanks comments, keeping line breaks so reported line numbers stay right. */
function stripComments(code: string): string {
  let out = ''
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1
      while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1
      out += code.slice(i, j + 1)
      i = j
    } else if (code.startsWith('//', i)) {
      while (i < code.length && code[i] !== '\n') i++
      out += '\n'
    } else if (code.startsWith('/*', i)) {
      const end = code.indexOf('*/', i + 2)
      const stop = end === -1 ? code.length : end + 2
      out += code.slice(i, stop).replace(/[^\n]/g, ' ')
      i = stop - 1
    } else {
      out += c
    }
  }
  return out
}

const specifierPatterns = [
  /\b(import|export)\s+(type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\b(import)()\s*['"]([^'"]+)['"]/g,
  /\b(import|require)()\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
]

/** Every problem in one engine source file: banned host APIs and imports leaving src/sim. */
function impurities(code: string, file: string): string[] {
  const problems: string[] = []
  const lines = stripComments(code).split('\n')
  lines.forEach((line, index) => {
    for (const [pattern, name] of banned) if (pattern.test(line)) problems.push(`${file}:${index + 1}: ${name}`)
  })
  const text = lines.join('\n')
  for (const pattern of specifierPatterns) {
    for (const match of text.matchAll(pattern)) {
      const [statement, , typeOnly, spec] = match as unknown as [string, string, string | undefined, string]
      const line = text.slice(0, match.index).split('\n').length
      if (spec.startsWith('.')) {
        const target = relative(simDir, resolve(dirname(join(simDir, file)), spec))
        if (target.startsWith('..')) problems.push(`${file}:${line}: imports ${spec} from outside src/sim`)
      } else if (spec === 'yaml') {
        continue
      } else if (spec.startsWith('kubernetes-types/') && (typeOnly || /^import\s*\{\s*type\s[^}]*\}/.test(statement) && !/,\s*(?!type\s)[\w$]/.test(statement))) {
        continue
      } else {
        problems.push(`${file}:${line}: imports the package ${spec}`)
      }
    }
  }
  return problems
}

function engineSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return engineSources(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

describe('the engine', () => {
  it('uses no host clock, randomness, timers or async, and imports nothing from outside src/sim', () => {
    const files = engineSources(simDir)
    expect(files.length).toBeGreaterThan(5)
    const problems = files.flatMap((path) => impurities(readFileSync(path, 'utf8'), relative(simDir, path)))
    expect(problems).toEqual([])
  })
})

describe('the purity check', () => {
  it('catches every banned token in a synthetic bad file', () => {
    const bad = [
      'const t = Date.now()',
      'const d = new Date()',
      'const r = Math.random()',
      'const p = performance.now()',
      'const id = crypto.randomUUID()',
      'setTimeout(() => 0, 10)',
      'setInterval(tick, 10)',
      'queueMicrotask(run)',
      'const c = structuredClone(x)',
      'async function load() {}',
      'const f = async () => 1',
      "import { App } from '../../ui/App.tsx'",
      "import { x } from '../../../src/state/store.ts'",
      "import React from 'react'",
      "const m = await import('../../worker/main.ts')",
    ].join('\n')
    const found = impurities(bad, 'engine/bad.ts')
    for (const name of ['Date.now', 'new Date()', 'Math.random', 'performance', 'crypto', 'setTimeout', 'setInterval',
      'queueMicrotask', 'structuredClone', 'async function', 'await']) {
      expect(found.some((p) => p.endsWith(`: ${name}`))).toBe(true)
    }
    expect(found).toContain('engine/bad.ts:12: imports ../../ui/App.tsx from outside src/sim')
    expect(found).toContain('engine/bad.ts:13: imports ../../../src/state/store.ts from outside src/sim')
    expect(found).toContain('engine/bad.ts:14: imports the package react')
    expect(found).toContain('engine/bad.ts:15: imports ../../worker/main.ts from outside src/sim')
  })

  it('accepts what the engine legitimately writes', () => {
    const good = [
      '// Date.now() would break determinism; so would Math.random()',
      '/* setTimeout( */ const started = new Date(world.startTimeMs + ctx.now)',
      'ctx.setTimer("lease", 10_000)',
      'const stamp = new Date(0).toISOString()',
      "import { parse } from 'yaml'",
      "import type { Pod } from 'kubernetes-types/core/v1'",
      "import { type Node } from 'kubernetes-types/core/v1'",
      "import { heapPush } from './engine/queue.ts'",
      "import type { Flow } from '../protocol.ts'",
      'const asyncCount = record.asyncWork',
    ].join('\n')
    expect(impurities(good, 'actors/good.ts')).toEqual([])
  })
})
