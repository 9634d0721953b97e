/**
 * The engine is deterministic and host-free (DESIGN.md §1–2): no host clock, no host randomness,
 * no timers, no async, no imports from outside src/sim. ESLint says so while editing; this test
 * says so in CI, on the source text, so no lint configuration can silently switch it off.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
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

const literalKinds = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
])

/**
 * The source with comments and the insides of strings and regexes blanked (line breaks kept, so
 * line numbers stay right): what is left is code, and a banned name in it is a real use.
 */
function codeOnly(source: ts.SourceFile): string {
  const text = source.text
  const blank: [number, number][] = []
  const visit = (node: ts.Node): void => {
    if (node.kind < ts.SyntaxKind.FirstNode || literalKinds.has(node.kind)) {
      for (const c of ts.getLeadingCommentRanges(text, node.pos) ?? []) blank.push([c.pos, c.end])
      if (literalKinds.has(node.kind)) blank.push([node.getStart(source) + 1, node.end - 1])
      return
    }
    node.getChildren(source).forEach(visit)
  }
  visit(source)
  const chars = [...text]
  for (const [from, to] of blank)
    for (let i = from; i < to; i++) if (chars[i] !== '\n') chars[i] = ' '
  return chars.join('')
}

/** Every import specifier with its line, and whether the import brings in types only. */
function importsOf(source: ts.SourceFile): { spec: string; typeOnly: boolean; line: number }[] {
  const found: { spec: string; typeOnly: boolean; line: number }[] = []
  const visit = (node: ts.Node): void => {
    let specifier: ts.Expression | undefined
    let typeOnly = false
    if (ts.isImportDeclaration(node)) {
      specifier = node.moduleSpecifier
      const clause = node.importClause
      const named = clause?.namedBindings
      typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!named &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)))
    } else if (ts.isExportDeclaration(node)) {
      specifier = node.moduleSpecifier
      typeOnly = node.isTypeOnly
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      specifier = node.arguments[0]
    }
    if (specifier && ts.isStringLiteralLike(specifier)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
      found.push({ spec: specifier.text, typeOnly, line })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/**
 * Packages the engine may use: data transforms with no clock, randomness, timers or I/O. The YAML
 * parser; JSON Patch's core module (its package root would also load `observe`, which sets timers).
 */
const pureLibraries = new Set(['yaml', 'fast-json-patch/module/core.mjs'])

/** Every problem in one engine source file: banned host APIs and imports leaving src/sim. */
function impurities(code: string, file: string): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const problems: string[] = []
  codeOnly(source)
    .split('\n')
    .forEach((line, index) => {
      for (const [pattern, name] of banned)
        if (pattern.test(line)) problems.push(`${file}:${index + 1}: ${name}`)
    })
  for (const { spec, typeOnly, line } of importsOf(source)) {
    if (spec.startsWith('.')) {
      const target = relative(simDir, resolve(dirname(join(simDir, file)), spec))
      if (target.startsWith('..'))
        problems.push(`${file}:${line}: imports ${spec} from outside src/sim`)
    } else if (!pureLibraries.has(spec) && !(spec.startsWith('kubernetes-types/') && typeOnly)) {
      problems.push(`${file}:${line}: imports the package ${spec}`)
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
    const problems = files.flatMap((path) =>
      impurities(readFileSync(path, 'utf8'), relative(simDir, path)),
    )
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
    for (const name of [
      'Date.now',
      'new Date()',
      'Math.random',
      'performance',
      'crypto',
      'setTimeout',
      'setInterval',
      'queueMicrotask',
      'structuredClone',
      'async function',
      'await',
    ]) {
      expect(found.some((p) => p.endsWith(`: ${name}`))).toBe(true)
    }
    expect(found).toContain('engine/bad.ts:12: imports ../../ui/App.tsx from outside src/sim')
    expect(found).toContain(
      'engine/bad.ts:13: imports ../../../src/state/store.ts from outside src/sim',
    )
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
      "const reason = 'never call Date.now() or setTimeout(f) here'",
      "const quote = /['\"]/.test(line) && `await ${'x'}`.length > 0",
      'const line = \'import { App } from "../../ui/App.tsx"\'',
      '/** Never Date.now(): {@link Math.random} is banned too. */',
      'export function f(): void {}',
      '// trailing: setTimeout(x)',
    ].join('\n')
    expect(impurities(good, 'actors/good.ts')).toEqual([])
  })
})
