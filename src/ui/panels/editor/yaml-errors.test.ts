import { describe, expect, it } from 'vitest'
import { lineOfField, parseFieldPath, stderrErrors, syntaxErrors } from './yaml-errors.ts'

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
`

describe('yaml errors', () => {
  it('finds a syntax error on its line', () => {
    const errs = syntaxErrors('kind: Pod\nmetadata:\n  name: [a\n')
    expect(errs.length).toBeGreaterThan(0)
    expect(errs[0]!.line).toBeGreaterThanOrEqual(3)
    expect(syntaxErrors(deployment)).toEqual([])
  })

  it('parses field paths with indexes', () => {
    expect(parseFieldPath('spec.template.spec.containers[0].image')).toEqual([
      'spec', 'template', 'spec', 'containers', 0, 'image',
    ])
  })

  it('maps a field path to the line of its key, or of its deepest existing parent', () => {
    expect(lineOfField(deployment, ['spec', 'replicas'])).toBe(6)
    expect(lineOfField(deployment, parseFieldPath('spec.template.spec.containers[0].image'))).toBe(17)
    expect(lineOfField(deployment, parseFieldPath('spec.template.spec.containers[0].ports'))).toBe(16)
    expect(lineOfField(deployment, ['nothing'])).toBeNull()
  })

  it("puts the apiserver's Invalid causes on the field's line and others on line 1", () => {
    const one = 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'
    expect(stderrErrors(deployment, one)).toEqual([{ line: 6, message: one.trim() }])
    const many =
      'The Deployment "web" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.template.spec.containers[0].image: Required value\n'
    expect(stderrErrors(deployment, many).map((e) => e.line)).toEqual([6, 17])
    expect(stderrErrors(deployment, 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context\n')[0]!.line).toBe(7)
    expect(stderrErrors(deployment, 'Error from server (Forbidden): nope\n')[0]!.line).toBe(1)
  })
})
