import { describe, expect, it } from 'vitest'
import { podTemplateHashLabel, sameTemplate } from './deployment-util.ts'

const template = (labels?: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  metadata: { ...(labels ? { labels } : {}), ...extra },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
})

describe('sameTemplate (EqualIgnoreHash)', () => {
  it('ignores only the pod-template-hash label', () => {
    expect(sameTemplate(template({ app: 'web' }), template({ app: 'web', [podTemplateHashLabel]: '5d4f8b' }))).toBe(true)
    expect(sameTemplate(template({ app: 'web' }), template({ app: 'api', [podTemplateHashLabel]: '5d4f8b' }))).toBe(false)
    expect(sameTemplate(template({ app: 'web' }), template({ app: 'web', tier: 'x' }))).toBe(false)
  })

  it('compares the spec and the rest of the metadata in full, undefined fields as absent', () => {
    const other = template({ app: 'web' })
    other.spec.containers[0]!.image = 'nginx:1.27'
    expect(sameTemplate(template({ app: 'web' }), other)).toBe(false)
    expect(sameTemplate(template({ app: 'web' }, { annotations: { a: '1' } }), template({ app: 'web' }))).toBe(false)
    expect(sameTemplate(template({ app: 'web' }, { annotations: undefined }), template({ app: 'web' }))).toBe(true)
  })

  it('tells empty labels from none, as the JSON of the templates does', () => {
    expect(sameTemplate(template({}), template(undefined))).toBe(false)
    expect(sameTemplate(template({ [podTemplateHashLabel]: 'h' }), template({}))).toBe(true)
    expect(sameTemplate(undefined, {})).toBe(true)
  })
})
