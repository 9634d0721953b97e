import { describe, expect, it } from 'vitest'
import { consoleText } from './transcript.ts'

describe('consoleText', () => {
  it('shows a running watch with its output and no ellipsis, a waiting line with one', () => {
    const text = consoleText(
      [{ atMs: 0, doneAtMs: 5, line: 'get ns', exitCode: 0, stdout: 'NAME\n', stderr: '' }],
      [{ atMs: 6, line: 'get pods -w', stdout: 'NAME   READY\nweb    1/1\n', requestId: 'ui:2' }],
      ['ui:2\u0000get pods -w', 'ui:3\u0000get nodes'],
    )
    expect(text).toBe('$ kubectl get ns\nNAME\n$ kubectl get pods -w\nNAME   READY\nweb    1/1\n$ kubectl get nodes\n…')
  })

  it('marks an interrupted line with ^C', () => {
    const text = consoleText([{ atMs: 0, doneAtMs: 5, line: 'get pods -w', exitCode: 130, stdout: 'web\n', stderr: '' }], [], [])
    expect(text).toBe('$ kubectl get pods -w\nweb\n^C\n')
  })

  it('shows the server warnings above the output they came with, and the other errors below it', () => {
    const warnings = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n'
    const done = { atMs: 0, doneAtMs: 5, line: 'get ep web nope', exitCode: 1, stdout: 'NAME   ENDPOINTS\nweb    10.244.1.2:80\n', stderr: `${warnings}Error from server (NotFound): endpoints "nope" not found\n`, warnings }
    expect(consoleText([done], [], [])).toBe(`$ kubectl get ep web nope\n${warnings}NAME   ENDPOINTS\nweb    10.244.1.2:80\nError from server (NotFound): endpoints "nope" not found\n`)
    const live = { atMs: 6, line: 'get ep -w', stdout: 'NAME   ENDPOINTS\n', warnings, requestId: 'ui:2' }
    expect(consoleText([], [live], [])).toBe(`$ kubectl get ep -w\n${warnings}NAME   ENDPOINTS\n`)
  })
})
