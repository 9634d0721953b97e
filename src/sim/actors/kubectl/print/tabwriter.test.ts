import { describe, expect, it } from 'vitest'
import { describeOptions, formatTable, tabwrite } from './tabwriter.ts'

describe('formatTable', () => {
  it('pads every column but the last to its widest cell plus three', () => {
    const out = formatTable([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['nginx', '1/1', 'Running', '0', '5s'],
    ])
    expect(out).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\n' + 'nginx   1/1     Running   0          5s\n',
    )
  })

  it('never makes a column narrower than six', () => {
    expect(
      formatTable([
        ['A', 'B'],
        ['x', 'y'],
      ]),
    ).toBe('A     B\nx     y\n')
  })

  it('leaves no trailing spaces after the last column', () => {
    const out = formatTable([
      ['NAME', 'AGE'],
      ['a-very-long-pod-name', '10m'],
    ])
    expect(out.split('\n').every((line) => !line.endsWith(' '))).toBe(true)
  })

  it('prints nothing for no rows', () => {
    expect(formatTable([])).toBe('')
  })
})

describe('tabwrite (describe settings)', () => {
  it('aligns only within a run of lines that share a column', () => {
    const text = 'Name:\tnginx\nService Account:\tdefault\nIPs:\n  IP:\t10.244.1.2\n'
    expect(tabwrite(text, describeOptions)).toBe(
      'Name:             nginx\nService Account:  default\nIPs:\n  IP:  10.244.1.2\n',
    )
  })

  it('pads empty cells, leaving trailing spaces as Go does', () => {
    expect(tabwrite('IP:\t\nNamespace:\tdefault\n', describeOptions)).toBe(
      'IP:         \nNamespace:  default\n',
    )
  })

  it('indents continuation lines that start with a tab', () => {
    expect(tabwrite('Labels:\ta=1\n\tb=2\n', describeOptions)).toBe('Labels:  a=1\n         b=2\n')
  })

  it('aligns nested columns within their own blocks', () => {
    const text = 'a\tb\tc\nlong-a\tb\nx\n'
    expect(tabwrite(text, describeOptions)).toBe('a       b  c\nlong-a  b\nx\n')
  })

  it('keeps text without a final newline', () => {
    expect(tabwrite('a\tb', describeOptions)).toBe('a  b')
  })
})
