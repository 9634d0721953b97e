import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { reportKeys } from './report.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const example = join(root, 'examples/pod-creation.yaml')
const dir = mkdtempSync(join(tmpdir(), 'kube-anatomy-cli-'))

function cli(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    input: stdin,
    timeout: 60_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

function expectOneLineFailure(result: ReturnType<typeof cli>, pattern: RegExp) {
  expect(result.status).toBe(2)
  expect(result.stdout).toBe('')
  expect(result.stderr.endsWith('\n')).toBe(true)
  expect(result.stderr.trimEnd()).not.toContain('\n')
  expect(result.stderr).toMatch(pattern)
  expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/)
}

describe('the sim CLI', { timeout: 60_000 }, () => {
  describe('when the arguments are wrong', () => {
    it('prints usage for --help and exits 0', () => {
      const result = cli(['--help'])
      expect(result.status).toBe(0)
      expect(result.stdout).toMatch(/^Usage: npm run --silent sim -- run/)
    })

    it.each([
      [[], /missing command/],
      [['run', 'a.yaml', '--fast'], /unknown option "--fast"/],
      [
        ['run', 'a.yaml', '--until', '30'],
        /--until: 30 has no unit|--until: "30" is not a duration/,
      ],
    ])('exits 2 with one line for %j', (args, pattern) => {
      expectOneLineFailure(cli(args), pattern)
    })
  })

  describe('when the file is not a valid scenario', () => {
    it('names a missing file', () => {
      expectOneLineFailure(
        cli(['run', 'no/such/file.yaml']),
        /^kube-anatomy: no\/such\/file\.yaml: no such file\n$/,
      )
    })

    it('names a directory', () => {
      expectOneLineFailure(cli(['run', dir]), /is a directory/)
    })

    it('names the field and why', () => {
      const bad = file(
        'bad-memory.yaml',
        'title: t\ncluster:\n  nodes: [{name: a}, {name: b, memory: 8GB}]\n',
      )
      expectOneLineFailure(
        cli(['run', bad]),
        /^kube-anatomy: .*bad-memory\.yaml: cluster\.nodes\[1\]\.memory: "8GB" is not a Kubernetes quantity/,
      )
    })

    it('names the step that has no action', () => {
      const bad = file(
        'bad-step.yaml',
        'title: t\ncluster: {nodes: [{name: a}]}\nscript: [{at: 0s, kubectl: x}, {at: 1s}]\n',
      )
      expectOneLineFailure(
        cli(['run', bad]),
        /script\[1\]: a step needs exactly one of kubectl, apply, fault, addNode, traffic\n$/,
      )
    })

    it('gives the line and column of a YAML syntax error', () => {
      const bad = file('bad-syntax.yaml', 'title: [oops\ncluster: {}\n')
      expectOneLineFailure(cli(['run', bad]), /bad-syntax\.yaml: line \d+, column \d+: /)
    })

    it('says a JSON file is not valid JSON', () => {
      const bad = file('bad.json', '{\n  "title": "t",\n  "cluster": }\n')
      expectOneLineFailure(cli(['run', bad]), /bad\.json: invalid JSON: /)
    })

    it('refuses a feature the engine does not run yet with its own message', async () => {
      const { unsupportedFeature } = await import('../sim/index.ts')
      const { parseScenario } = await import('../scenarios/index.ts')
      const text =
        'title: t\ncluster: {cloud: true, controlPlane: {etcd: 3}, addons: [coredns], nodes: [{name: a}]}\nuntil: 1s\n'
      const parsed = parseScenario(text)
      if (!parsed.ok) throw new Error(parsed.error)
      const reason = unsupportedFeature(parsed.scenario)
      const result = cli(['run', file('future.yaml', text)])
      if (reason === null) expect(result.status).toBe(0)
      else
        expectOneLineFailure(
          result,
          new RegExp(`future\\.yaml: ${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`),
        )
    })
  })

  describe('when the scenario is valid', () => {
    const first = cli(['run', example])
    const report = () => JSON.parse(first.stdout) as Record<string, unknown>

    it('exits 0 and prints exactly one JSON document with the documented keys', () => {
      expect(first.stderr).toBe('')
      expect(first.status).toBe(0)
      expect(Object.keys(report())).toEqual(reportKeys)
      expect(report()).toMatchObject({
        scenario: 'Pod creation, hop by hop',
        seed: 42,
        kubernetesVersion: 'v1.34.0',
        startTime: '2026-01-01T00:00:00Z',
        virtualTimeMs: 30_000,
      })
      expect(report().traceHash).toMatch(/^[0-9a-f]{8}$/)
    })

    it('lists kubectl answers, events and flows with exactly the documented fields', () => {
      const { kubectl, events, flows, objects } = report() as {
        kubectl: Record<string, unknown>[]
        events: Record<string, unknown>[]
        flows: Record<string, unknown>[]
        objects: Record<string, { kind: string }>
      }
      expect(kubectl[0]).toMatchObject({
        atMs: 0,
        line: 'run nginx --image=nginx:1.27',
        exitCode: 0,
        stdout: 'pod/nginx created\n',
      })
      for (const k of kubectl)
        expect(Object.keys(k)).toEqual(['atMs', 'line', 'exitCode', 'stdout', 'stderr'])
      for (const e of events) {
        expect(Object.keys(e)).toEqual([
          'type',
          'reason',
          'message',
          'involvedObject',
          'count',
          'firstTimestampMs',
          'lastTimestampMs',
        ])
      }
      expect(flows.length).toBeGreaterThan(0)
      for (const f of flows) {
        expect(Object.keys(f)).toEqual([
          'id',
          'from',
          'to',
          'kind',
          'label',
          'sentAtMs',
          'arrivesAtMs',
          'causeId',
          'outcome',
        ])
      }
      expect(objects['/registry/pods/default/nginx']?.kind).toBe('Pod')
    })

    it('is deterministic, and --seed and --until change the run', () => {
      // Byte for byte, not just the hash: the whole document is the contract.
      expect(cli(['run', example]).stdout).toBe(first.stdout)
      const reseeded = JSON.parse(cli(['run', example, '--seed', '7']).stdout) as {
        seed: number
        traceHash: string
      }
      expect(reseeded.seed).toBe(7)
      expect(reseeded.traceHash).not.toBe(report().traceHash)
      const shorter = JSON.parse(cli(['run', example, '--until=5s']).stdout) as {
        virtualTimeMs: number
      }
      expect(shorter.virtualTimeMs).toBe(5000)
    })

    it('reads JSON files and stdin alike', () => {
      const json = file(
        'pod.json',
        JSON.stringify({ title: 'J', cluster: { nodes: [{ name: 'node-1' }] }, until: '2s' }),
      )
      const fromJson = cli(['run', json])
      expect(fromJson.status).toBe(0)
      const fromStdin = cli(
        ['run', '-'],
        'title: J\ncluster: {nodes: [{name: node-1}]}\nuntil: 2s\n',
      )
      expect(fromStdin.status).toBe(0)
      expect((JSON.parse(fromStdin.stdout) as { traceHash: string }).traceHash).toBe(
        (JSON.parse(fromJson.stdout) as { traceHash: string }).traceHash,
      )
    })
  })
})
