import { deflateSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { loadScenario, parseScenario, scenarios } from '../scenarios/index.ts'
import { toBase64url } from './base64url.ts'
import { decodeShare, encodeShare } from './codec.ts'
import { scenarioFileName, scenarioYaml } from './export-yaml.ts'
import { maxInflatedBytes, maxLinkChars } from './limits.ts'
import type { SharePayload } from './payload.ts'
import { scenarioToFile } from './scenario-file.ts'

const payloadFor = (id: string): SharePayload => ({
  scenario: loadScenario(id),
  scenarioId: id,
  userScript: [
    { at: { atMs: 1200, delivered: 40 }, kubectl: 'get pods -o wide', requestId: 'ui:1' },
    { at: { atMs: 1200 }, fault: { kind: 'stop-kubelet', node: 'node-1' } },
    { at: { atMs: 2000 }, kubectl: 'create -f -', stdin: 'apiVersion: v1\nkind: Pod\n' },
  ],
  position: { atMs: 2500, delivered: 77 },
  displayMs: 2500,
  view: { selectedFlowId: 'flow:12', showAmbient: true, speed: 2, mode: 'presenter' },
})

/** A link whose JSON is ours to choose: for hostile shapes. */
const linkOf = (json: string): string =>
  `#v1.${toBase64url(deflateSync(strToU8(json)))}`

describe('share codec', () => {
  describe('when the link is good', () => {
    it.each(scenarios.map((s) => s.id))('round-trips lesson %s', (id) => {
      const payload = payloadFor(id)
      const link = encodeShare(payload)
      expect(link).toMatch(/^#v1\.[A-Za-z0-9_-]+$/)
      const decoded = decodeShare(link)
      expect(decoded).toEqual({ ok: true, version: 1, moment: payload })
    })

    it('writes the scenario in its file form, which parses back to the same scenario', () => {
      for (const { id } of scenarios) {
        const file = scenarioToFile(loadScenario(id))
        expect(typeof file.until).toBe('string')
        const back = parseScenario(file)
        expect(back.ok && back.scenario).toEqual(loadScenario(id))
      }
    })

    it('gives equal links for equal payloads (canonical JSON)', () => {
      const a = payloadFor('pod-creation')
      const b = { ...a, view: { mode: 'presenter', speed: 2, showAmbient: true, selectedFlowId: 'flow:12' } } as SharePayload
      expect(encodeShare(a)).toBe(encodeShare(b))
    })

    it('sends an unchanged lesson by name and hash, any other scenario whole', () => {
      const lesson = payloadFor('pod-creation')
      const edited: SharePayload = {
        ...lesson,
        scenario: { ...lesson.scenario, title: 'My own lesson' },
      }
      expect(encodeShare(lesson).length).toBeLessThan(encodeShare(edited).length)
      expect(decodeShare(encodeShare(edited))).toEqual({ ok: true, version: 1, moment: edited })
    })

    it('reads the link from a whole address too', () => {
      const link = encodeShare(payloadFor('pod-creation'))
      expect(decodeShare(`http://127.0.0.1:5173/?embed=1${link}`).ok).toBe(true)
    })

    it('drops a malformed view field instead of refusing the link', () => {
      const wire = {
        scenario: scenarioToFile(loadScenario('pod-creation')),
        userScript: [],
        position: { atMs: 0 },
        view: { speed: 1e9, mode: '<script>', selectedFlowId: 'javascript:alert(1)', showAmbient: true },
      }
      const decoded = decodeShare(linkOf(JSON.stringify(wire)))
      expect(decoded.ok && decoded.moment.view).toEqual({ showAmbient: true })
    })
  })

  describe('when the link is damaged', () => {
    const reason = (link: unknown): string => {
      const d = decodeShare(link)
      if (d.ok) throw new Error('decoded a damaged link')
      return d.reason
    }

    it('refuses an oversized link before inflating it', () => {
      expect(reason(`#v1.${'A'.repeat(maxLinkChars + 1)}`)).toMatch(
        /characters long; the limit is 65536/,
      )
    })

    it('refuses a deflate bomb with its reason, quickly', () => {
      // 32 MB of zeros deflate to ~32 KB: well under the link size limit, 27 times the inflated one.
      const bomb = deflateSync(new Uint8Array(32 * 1024 * 1024), { level: 9 })
      const link = `#v1.${toBase64url(bomb)}`
      expect(link.length).toBeLessThan(maxLinkChars)
      const started = performance.now()
      expect(reason(link)).toBe(
        `it unpacks to more than ${maxInflatedBytes} bytes (the limit), so it was not opened`,
      )
      expect(performance.now() - started).toBeLessThan(1000)
    })

    it('names the version problem', () => {
      expect(reason('#v9.abc')).toMatch(/newer kube-anatomy \(link version 9/)
      expect(reason('#v0.abc')).toMatch(/link version 0 is not one this app reads/)
      expect(reason('#hello')).toMatch(/does not start with a version/)
      expect(reason(42)).toBe('it is not text')
    })

    it('names truncation, foreign characters and bad JSON', () => {
      const link = encodeShare(payloadFor('pod-creation'))
      expect(reason(link.slice(0, link.length / 2))).toMatch(/cut short/)
      expect(reason(`${link.slice(0, 20)}*${link.slice(21)}`)).toBe(
        'it holds a character a link never has ("*" at 17)',
      )
      expect(reason(linkOf('{"scenario": '))).toBe('its contents are not JSON')
    })

    it('checks the shape and the scenario with the file parser', () => {
      const file = scenarioToFile(loadScenario('pod-creation'))
      const wire = (over: object) =>
        linkOf(JSON.stringify({ scenario: file, userScript: [], position: { atMs: 0 }, ...over }))
      expect(reason(wire({ position: { atMs: -1 } }))).toMatch(/^position\.atMs: must be a whole/)
      expect(reason(wire({ extra: 1 }))).toMatch(/^extra: /)
      expect(reason(wire({ lesson: { id: 'pod-creation', hash: '00000000' } }))).toBe(
        'it needs exactly one of scenario and lesson',
      )
      expect(
        reason(wire({ scenario: undefined, lesson: { id: 'pod-creation', hash: '00000000' } })),
      ).toMatch(/^it was made with an earlier text of the lesson "pod-creation"/)
      expect(reason(wire({ scenario: undefined, lesson: { id: 'nope', hash: '00000000' } }))).toBe(
        'it names a lesson this app does not have ("nope")',
      )
      expect(reason(wire({ scenario: { ...file, seed: 'x' } }))).toMatch(
        /^its scenario is not valid: seed: /,
      )
      expect(
        reason(wire({ userScript: [{ at: { atMs: 5 }, fault: { kind: 'rm -rf', node: 'x' } }] })),
      ).toMatch(/^userScript\[0\]: fault\.kind: "rm -rf" is not a fault kind/)
      expect(
        reason(
          wire({
            userScript: [
              { at: { atMs: 5 }, kubectl: 'get pods' },
              { at: { atMs: 4 }, kubectl: 'get pods' },
            ],
          }),
        ),
      ).toMatch(/^userScript\[1\] happens before/)
    })
  })
})

describe('scenarioYaml', () => {
  it('writes a file the parser reads back, with typed steps in the script', () => {
    const scenario = loadScenario('pod-creation')
    const text = scenarioYaml(scenario, [
      { at: { atMs: 1500, delivered: 3 }, kubectl: 'get pods', requestId: 'ui:1' },
      { at: { atMs: 22_000 }, fault: { kind: 'stop-node', node: 'node-2' } },
    ])
    expect(text).toMatch(/^# Exported from kube-anatomy/)
    expect(text).toContain('until: 30s')
    const back = parseScenario(text)
    expect(back.ok && back.scenario.script.map((s) => s.atMs)).toEqual([
      0, 1500, 20_000, 21_000, 22_000,
    ])
    expect(scenarioFileName('Pod creation, hop by hop')).toBe('pod-creation-hop-by-hop.yaml')
  })
})
