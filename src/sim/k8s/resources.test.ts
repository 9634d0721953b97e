import { describe, expect, it } from 'vitest'
import { parsePath, resourceByName } from './resources.ts'

describe('parsePath', () => {
  it('splits a namespaced object path into resource, namespace, name and subresource', () => {
    const p = parsePath('/api/v1/namespaces/default/pods/nginx/status')
    expect(p?.info.kind).toBe('Pod')
    expect({ ...p, info: undefined }).toEqual({ info: undefined, namespace: 'default', name: 'nginx', subresource: 'status' })
  })

  it('reads the group of /apis paths and skips empty segments', () => {
    const p = parsePath('//apis/apps/v1/namespaces/web/deployments/')
    expect(p?.info.kind).toBe('Deployment')
    expect(p?.namespace).toBe('web')
    expect(p?.name).toBeUndefined()
    expect(parsePath('/apis/events.k8s.io/v1/namespaces/default/events')?.info.group).toBe('events.k8s.io')
  })

  it('treats a namespace path, its status and its finalize as the namespace object', () => {
    expect(parsePath('/api/v1/namespaces/web')).toEqual({ info: resourceByName('namespaces'), name: 'web' })
    expect(parsePath('/api/v1/namespaces/web/finalize')).toEqual({ info: resourceByName('namespaces'), name: 'web', subresource: 'finalize' })
    expect(parsePath('/api/v1/namespaces')).toEqual({ info: resourceByName('namespaces') })
  })

  it('parses cluster-scoped objects and refuses unknown resources and prefixes', () => {
    expect(parsePath('/api/v1/nodes/node-1')).toEqual({ info: resourceByName('nodes'), name: 'node-1' })
    expect(parsePath('/api/v1/namespaces/default/widgets')).toBeUndefined()
    expect(parsePath('/api/v2/pods')).toBeUndefined()
    expect(parsePath('/apis/apps')).toBeUndefined()
  })
})

describe('resourceByName', () => {
  it('finds a resource by name and group, core by default', () => {
    expect(resourceByName('pods')?.kind).toBe('Pod')
    expect(resourceByName('deployments', 'apps')?.etcdPrefix).toBe('/registry/deployments')
    expect(resourceByName('deployments')).toBeUndefined()
    expect(resourceByName('events', 'events.k8s.io')?.etcdPrefix).toBe('/registry/events')
  })
})
