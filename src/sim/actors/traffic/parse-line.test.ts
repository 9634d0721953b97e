import { describe, expect, it } from 'vitest'
import { parseTrafficLine } from './traffic-client.ts'

describe('the traffic line grammar', () => {
  it('keeps the Service forms', () => {
    expect(parseTrafficLine('start web --rate 20 --from node-1')).toEqual({ service: 'web', namespace: 'default', rate: 20, from: 'node-1' })
    expect(parseTrafficLine('start web --from outside')).toEqual({ service: 'web', namespace: 'default', rate: 10, from: 'outside' })
    expect(parseTrafficLine('stop')).toBe('stop')
  })

  it('reads the ingress form: the controller Service, a Host header and a path', () => {
    expect(parseTrafficLine('start --ingress example.com/testpath --rate 5 --from outside')).toEqual({
      service: 'ingress-nginx-controller',
      namespace: 'ingress-nginx',
      port: 80,
      rate: 5,
      from: 'outside',
      http: { host: 'example.com', path: '/testpath' },
    })
    expect(parseTrafficLine('start --ingress Foo.Example.com --from node-2')).toMatchObject({ from: 'node-2', http: { host: 'foo.example.com', path: '/' } })
    expect(parseTrafficLine('start --ingress /nohost')).toBe('--ingress needs HOST[/PATH], e.g. --ingress example.com/testpath')
  })
})
