// ESLint flat config. Fast on purpose: typescript-eslint's recommended rules without type
// information. The dependency rule of DESIGN.md §1 / STYLE.md §3.3 is expressed here as
// no-restricted-imports patterns per layer; src/architecture.test.ts checks the same rule
// precisely on the resolved import graph and keeps these patterns honest.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import reactRefresh from 'eslint-plugin-react-refresh'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** A relative import that climbs out of the current folder into `layer`: `../../ui/App.tsx`. */
const into = (layer, rest = '') => `^(?:\\.\\./)+${layer}/${rest}`

const forbid = (layers, why) =>
  layers.map((layer) => ({
    regex: into(layer),
    message: `${why} (DESIGN.md §1: no arrow goes back up).`,
  }))

/** Only types, and only from the shared protocol. */
const protocolTypesOnly = [
  {
    regex: into('sim', 'protocol\\.ts$'),
    allowTypeImports: true,
    message: 'Import only types from sim/protocol.ts here: use `import type`.',
  },
  {
    regex: into('sim', '(?!protocol\\.ts$)'),
    message: 'Outside the worker, the engine is reachable only through sim/protocol.ts types.',
  },
]

const noUi = forbid(['ui'], 'Nothing imports src/ui except src/main.tsx')

/** Import restrictions per layer, for source files (tests get the looser set below). */
const layerRules = {
  'src/sim/**': [
    ...forbid(
      ['ui', 'state', 'bridge', 'worker', 'share', 'scenarios', 'cli'],
      'src/sim imports only src/sim',
    ),
    {
      regex: '^(?!\\.|yaml$|fast-json-patch/module/core\\.mjs$|kubernetes-types/)',
      message:
        'src/sim is plain TypeScript: its only npm packages are yaml, fast-json-patch (its core module, no timers) and kubernetes-types (types).',
    },
    {
      regex: '^kubernetes-types/',
      allowTypeImports: true,
      message: 'kubernetes-types has types only: use `import type`.',
    },
  ],
  'src/worker/**': [
    ...forbid(
      ['ui', 'state', 'bridge', 'share', 'cli'],
      'The worker owns a simulation and nothing of the page',
    ),
    {
      regex: into('sim', '(?!index\\.ts$|protocol\\.ts$)'),
      message: 'The worker uses only sim/index.ts and sim/protocol.ts.',
    },
  ],
  'src/bridge/**': [
    ...noUi,
    ...forbid(['state', 'cli'], 'The bridge sits below state'),
    ...protocolTypesOnly,
  ],
  'src/state/**': [
    ...noUi,
    ...forbid(['worker', 'cli'], 'State talks to the worker only through the bridge'),
    ...protocolTypesOnly,
  ],
  'src/ui/**': [
    ...forbid(
      ['bridge', 'worker', 'cli'],
      'The UI reaches the worker only through src/state actions',
    ),
    ...protocolTypesOnly,
  ],
  'src/share/**': [
    ...noUi,
    ...forbid(['state', 'bridge', 'worker', 'cli'], 'src/share is a pure codec'),
    ...protocolTypesOnly,
  ],
  'src/scenarios/**': [
    ...noUi,
    ...forbid(
      ['state', 'bridge', 'worker', 'share', 'cli'],
      'src/scenarios is data and its parser',
    ),
    ...protocolTypesOnly,
  ],
  'src/cli/**': [
    ...noUi,
    ...forbid(['state', 'bridge', 'worker', 'share'], 'The CLI runs the engine headless'),
    {
      regex: into('sim', '(?!index\\.ts$|protocol\\.ts$)'),
      message: 'The CLI uses only sim/index.ts and sim/protocol.ts.',
    },
  ],
}

const tests = ['**/*.test.ts', '**/*.test.tsx']

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // `_name` marks a deliberately unused argument (actor handlers share one signature).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // The engine works on `as`-narrowed plain data and tests assert with `!`: both are idiomatic here.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // kubectl prints space-aligned columns; a regex with the literal spaces reads like the output.
      'no-regex-spaces': 'off',
    },
  },
  {
    files: [
      'src/ui/**/*.{ts,tsx}',
      'src/state/**/*.{ts,tsx}',
      'src/bridge/**/*.{ts,tsx}',
      'src/main.tsx',
    ],
    languageOptions: { globals: globals.browser },
  },
  { files: ['src/worker/**/*.ts'], languageOptions: { globals: globals.worker } },
  {
    files: ['src/cli/**', 'bench/**', 'scripts/**', 'e2e/**', '*.config.{js,ts,mjs}', ...tests],
    languageOptions: { globals: globals.node },
  },
  {
    // Playwright runs the functions passed to page.evaluate in the browser.
    files: ['bench/**', 'e2e/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['src/ui/**/*.tsx'],
    ...reactRefresh.configs.vite,
    // A helper exported beside a component only costs a full reload in dev: worth a warning, not a red build.
    rules: { 'react-refresh/only-export-components': ['warn', { allowConstantExport: true }] },
  },
  ...Object.entries(layerRules).map(([folder, patterns]) => ({
    files: [`${folder}/*.{ts,tsx}`],
    ignores: tests,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
  {
    // Tests may use Node and any package, and may drive the engine; they still keep out of src/ui.
    files: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    ignores: ['src/ui/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: noUi }] },
  },
  {
    files: ['src/sim/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbid(
            ['ui', 'state', 'bridge', 'worker', 'share', 'cli'],
            'Engine tests run in Node without the page',
          ),
        },
      ],
    },
  },
  {
    // Determinism (DESIGN.md §2): the engine has one clock and one seeded PRNG, both its own.
    files: ['src/sim/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'setTimeout',
          'setInterval',
          'setImmediate',
          'queueMicrotask',
          'requestAnimationFrame',
        ].map((name) => ({
          name,
          message: 'The engine schedules on its own virtual clock: use ctx.setTimer.',
        })),
        ...[
          'performance',
          'crypto',
          'structuredClone',
          'window',
          'document',
          'process',
          'fetch',
        ].map((name) => ({
          name,
          message: 'The engine is host-free and deterministic: no host clocks, randomness or APIs.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use virtual time (ctx.now / world.now).' },
        {
          object: 'Math',
          property: 'random',
          message: "Use the actor's seeded stream (ctx.random).",
        },
        {
          object: 'performance',
          property: 'now',
          message: 'Use virtual time (ctx.now / world.now).',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: '`new Date()` reads the host clock: pass a time.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: '`Date()` reads the host clock.',
        },
        {
          selector: ':function[async=true]',
          message: 'The engine is synchronous: async work breaks determinism.',
        },
        {
          selector: 'ForOfStatement[await=true]',
          message: 'The engine is synchronous: async work breaks determinism.',
        },
      ],
    },
  },
)
