/**
 * The dependency rule of DESIGN.md §1 / STYLE.md §3.3, checked on the real import graph of src/:
 * every import is resolved to the layer it lands in and judged against one table. The same table
 * then judges synthetic imports through ESLint, so the lint patterns in eslint.config.js can
 * neither drift from the rule nor silently stop matching.
 */
import { ESLint } from 'eslint'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const srcDir = dirname(fileURLToPath(import.meta.url))
const rootDir = dirname(srcDir)

const layers = ['sim', 'worker', 'bridge', 'state', 'ui', 'share', 'scenarios', 'cli'] as const
type Layer = (typeof layers)[number] | 'root'

/**
 * What each layer may import besides itself. `sim` says how much of the engine it may see:
 * all of it, its two entry points (index.ts, protocol.ts), or protocol.ts types only.
 */
const rules: Record<Layer, { may: readonly Layer[]; sim: 'all' | 'entry' | 'types' }> = {
  sim: { may: [], sim: 'all' },
  worker: { may: ['scenarios'], sim: 'entry' },
  bridge: { may: ['worker', 'share', 'scenarios'], sim: 'types' },
  state: { may: ['bridge', 'share', 'scenarios'], sim: 'types' },
  ui: { may: ['state', 'share', 'scenarios'], sim: 'types' },
  share: { may: ['scenarios'], sim: 'types' },
  scenarios: { may: [], sim: 'types' },
  cli: { may: ['scenarios'], sim: 'entry' },
  // src/main.tsx mounts the UI: the one file outside src/ui that may import it.
  root: { may: [...layers], sim: 'all' },
}

/** Packages the engine may use: yaml, and kubernetes-types for types only. */
function enginePackageAllowed(spec: string, typeOnly: boolean): boolean {
  return spec === 'yaml' || spec === 'fast-json-patch/module/core.mjs' || (spec.startsWith('kubernetes-types/') && typeOnly)
}

interface Edge {
  /** Importing file, relative to src/ with forward slashes. */
  from: string
  spec: string
  /** Imported file relative to src/, `../…` when outside it, null for a package. */
  to: string | null
  typeOnly: boolean
  line: number
}

function layerOf(path: string): Layer {
  const first = path.split('/')[0]!
  return (layers as readonly string[]).includes(first) && path.includes('/')
    ? (first as Layer)
    : 'root'
}

const isTest = (path: string): boolean => /\.test\.tsx?$/.test(path)

/** Why this import breaks the rule, or null. */
function violation(edge: Edge): string | null {
  const from = layerOf(edge.from)
  const where = `${edge.from}:${edge.line}: ${edge.spec}`
  if (edge.to === null) {
    return from === 'sim' && !isTest(edge.from) && !enginePackageAllowed(edge.spec, edge.typeOnly)
      ? `${where}: src/sim may use only yaml, fast-json-patch's core (and kubernetes-types types)`
      : null
  }
  if (edge.to.startsWith('../'))
    return isTest(edge.from) ? null : `${where}: source files import only from src/`
  const to = layerOf(edge.to)
  if (to === 'ui' && from !== 'ui' && edge.from !== 'main.tsx')
    return `${where}: nothing imports src/ui except src/main.tsx`
  if (isTest(edge.from)) {
    const engineTestMay: Layer[] = ['sim', 'scenarios']
    return from === 'sim' && !engineTestMay.includes(to)
      ? `${where}: engine tests stay in src/sim and src/scenarios`
      : null
  }
  if (to === from) return null
  const rule = rules[from]
  if (to === 'sim') {
    const file = edge.to.replace(/\.tsx?$/, '')
    if (rule.sim === 'all') return null
    if (rule.sim === 'entry' && (file === 'sim/index' || file === 'sim/protocol')) return null
    if (rule.sim === 'types' && file === 'sim/protocol' && edge.typeOnly) return null
    return `${where}: ${from} may import ${rule.sim === 'entry' ? 'only sim/index.ts and sim/protocol.ts' : 'only types from sim/protocol.ts'}`
  }
  return rule.may.includes(to) ? null : `${where}: ${from} must not import ${to}`
}

/**
 * Every import of one file, read with the TypeScript parser: imports quoted inside strings (as in
 * the synthetic cases below) or commented out are not imports, and `type` modifiers are exact.
 */
function edgesOf(file: string, code: string): Edge[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, kind)
  const edges: Edge[] = []
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return
    const spec = specifier.text
    const to = spec.startsWith('.')
      ? relative(srcDir, resolve(srcDir, dirname(file), spec))
          .split(sep)
          .join('/')
      : null
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
    edges.push({ from: file, spec, to, typeOnly, line })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause
      const named = clause?.namedBindings
      const allNamedTypes =
        !!named &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly)
      add(
        node,
        node.moduleSpecifier,
        !!clause && (clause.isTypeOnly || (!clause.name && allNamedTypes)),
      )
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause
      const allNamedTypes =
        !!named &&
        ts.isNamedExports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly)
      add(node, node.moduleSpecifier, node.isTypeOnly || allNamedTypes)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false)
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return edges
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.tsx?$/.test(entry.name) ? [relative(srcDir, path).split(sep).join('/')] : []
  })
}

describe('the dependency rule', () => {
  it('holds for every import in src/', () => {
    const files = sources(srcDir)
    expect(files.length).toBeGreaterThan(10)
    const edges = files.flatMap((file) => edgesOf(file, readFileSync(join(srcDir, file), 'utf8')))
    expect(edges.length).toBeGreaterThan(10)
    expect(edges.map(violation).filter(Boolean)).toEqual([])
  })

  describe('when a file breaks it', () => {
    const judge = (file: string, code: string) => edgesOf(file, code).map(violation)

    it('flags the engine importing the page, an npm package, or leaving src/', () => {
      expect(
        judge('sim/actors/kubelet/kubelet.ts', "import { App } from '../../../ui/App.tsx'")[0],
      ).toMatch(/src\/ui/)
      expect(judge('sim/engine/x.ts', "import { create } from 'zustand'")[0]).toMatch(/only yaml/)
      expect(judge('sim/engine/x.ts', "import { Pod } from 'kubernetes-types/core/v1'")[0]).toMatch(
        /only yaml/,
      )
      expect(judge('sim/engine/x.ts', "import { s } from '../../scenarios/index.ts'")[0]).toMatch(
        /sim must not import scenarios/,
      )
      expect(judge('cli/x.ts', "import { x } from '../../bench/engine.bench.ts'")[0]).toMatch(
        /only from src\//,
      )
    })

    it('flags engine internals and values from protocol outside the worker', () => {
      expect(
        judge('ui/graph/Graph.tsx', "import { heapPop } from '../../sim/engine/queue.ts'")[0],
      ).toMatch(/only types/)
      expect(
        judge('state/sim-store.ts', "import { kubernetesVersion } from '../sim/index.ts'")[0],
      ).toMatch(/only types/)
      expect(judge('share/codec.ts', "import { Flow } from '../sim/protocol.ts'")[0]).toMatch(
        /only types/,
      )
      expect(
        judge('worker/host.ts', "import { runUntil } from '../sim/engine/engine.ts'")[0],
      ).toMatch(/sim\/index\.ts/)
    })

    it('flags the UI reaching past state, and anyone importing the UI', () => {
      expect(
        judge('ui/app/Shell.tsx', "import { connect } from '../../bridge/sim-client.ts'")[0],
      ).toMatch(/ui must not import bridge/)
      expect(judge('state/x.ts', "import { Graph } from '../ui/graph/Graph.tsx'")[0]).toMatch(
        /except src\/main\.tsx/,
      )
      expect(judge('bridge/x.test.ts', "import { Graph } from '../ui/graph/Graph.tsx'")[0]).toMatch(
        /except src\/main\.tsx/,
      )
      expect(judge('worker/x.ts', "const m = await import('../ui/App.tsx')")[0]).toMatch(
        /except src\/main\.tsx/,
      )
    })

    it('lets through what the layers legitimately do', () => {
      const ok = [
        ['main.tsx', "import { App } from './ui/app/App.tsx'"],
        ['ui/graph/Graph.tsx', "import type { Flow } from '../../sim/protocol.ts'"],
        ['ui/graph/Graph.tsx', "import { type Flow, type ActorView } from '../../sim/protocol.ts'"],
        ['ui/graph/Graph.tsx', "import { useSim } from '../../state/sim-store.ts'"],
        ['worker/host.ts', "import { createSimulation } from '../sim/index.ts'"],
        ['cli/main.ts', "const sim = await import('../sim/index.ts')"],
        ['sim/actors/x.ts', "import type { Pod } from 'kubernetes-types/core/v1'"],
        ['sim/actors/x.ts', "// import { App } from '../../ui/App.tsx'"],
        ['sim/determinism.test.ts', "import { scenarios } from '../scenarios/index.ts'"],
      ]
      for (const [file, code] of ok)
        expect(judge(file!, code!)).toEqual(edgesOf(file!, code!).map(() => null))
    })
  })
})

describe('eslint.config.js', () => {
  it('flags exactly the imports the rule forbids', { timeout: 60_000 }, async () => {
    const eslint = new ESLint({ cwd: rootDir })
    const targets = [
      'sim/protocol.ts',
      'sim/index.ts',
      'sim/engine/queue.ts',
      'worker/host.ts',
      'bridge/sim-client.ts',
      'state/sim-store.ts',
      'ui/app/App.tsx',
      'share/codec.ts',
      'scenarios/index.ts',
      'cli/args.ts',
    ]
    const froms = [...layers.flatMap((l) => [`${l}/probe.ts`, `${l}/deep/probe.ts`]), 'main.tsx']
    const disagreements: string[] = []
    for (const from of froms) {
      for (const target of targets) {
        for (const typeOnly of [false, true]) {
          const depth = from.split('/').length - 1
          const spec = (depth === 0 ? './' : '../'.repeat(depth)) + target
          const code = `import ${typeOnly ? 'type ' : ''}{ probe } from '${spec}'\nexport const used = [probe]\n`
          const expected = violation({ from, spec, to: target, typeOnly, line: 1 }) !== null
          const [result] = await eslint.lintText(code, { filePath: join(srcDir, from) })
          const flagged = result!.messages.some((m) => m.ruleId === 'no-restricted-imports')
          if (flagged !== expected)
            disagreements.push(
              `${from} → ${spec}${typeOnly ? ' (type)' : ''}: rule ${expected}, eslint ${flagged}`,
            )
        }
      }
    }
    expect(disagreements).toEqual([])
  })
})
