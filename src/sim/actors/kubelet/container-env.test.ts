import { describe, expect, it } from 'vitest'
import { base64 } from '../../k8s/base64.ts'
import type { KObject } from '../../protocol.ts'
import { containerEnv, envSources, serviceEnv } from './container-env.ts'

const svc = (ns: string, name: string, ip: string, ports: { name?: string; port: number }[]): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns },
  spec: { clusterIP: ip, ports: ports.map((p) => ({ ...p, protocol: 'TCP' })) },
})
const services = {
  'default/kubernetes': svc('default', 'kubernetes', '10.96.0.1', [{ name: 'https', port: 443 }]),
  'default/my-web': svc('default', 'my-web', '10.96.4.5', [{ port: 80 }]),
  'shop/cart': svc('shop', 'cart', '10.96.7.7', [{ port: 8080 }]),
  'default/headless': svc('default', 'headless', 'None', [{ port: 80 }]),
}
const pod = (spec: Record<string, unknown> = {}): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u', labels: { app: 'web' } }, spec: { nodeName: 'node-1', ...spec } })
const cm = (data: Record<string, string>): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data })

describe('the environment the kubelet builds (kubelet_pods.go makeEnvironmentVariables)', () => {
  it('links the Services of the pod namespace and the kubernetes Service, as pkg/kubelet/envvars writes them', () => {
    expect(serviceEnv(services, 'default', true)).toEqual([
      ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
      ['KUBERNETES_SERVICE_PORT', '443'],
      ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
      ['KUBERNETES_PORT', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP', 'tcp://10.96.0.1:443'],
      ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
      ['KUBERNETES_PORT_443_TCP_PORT', '443'],
      ['KUBERNETES_PORT_443_TCP_ADDR', '10.96.0.1'],
      ['MY_WEB_SERVICE_HOST', '10.96.4.5'],
      ['MY_WEB_SERVICE_PORT', '80'],
      ['MY_WEB_PORT', 'tcp://10.96.4.5:80'],
      ['MY_WEB_PORT_80_TCP', 'tcp://10.96.4.5:80'],
      ['MY_WEB_PORT_80_TCP_PROTO', 'tcp'],
      ['MY_WEB_PORT_80_TCP_PORT', '80'],
      ['MY_WEB_PORT_80_TCP_ADDR', '10.96.4.5'],
    ])
    // enableServiceLinks: false keeps only the kubernetes Service; another namespace sees its own.
    expect(serviceEnv(services, 'default', false).map(([k]) => k).every((k) => k.startsWith('KUBERNETES_'))).toBe(true)
    expect(serviceEnv(services, 'shop', true).map(([k]) => k)).toContain('CART_SERVICE_HOST')
  })

  it('resolves values, the downward API and ConfigMap and Secret keys, in order, before the links', () => {
    const spec = {
      envFrom: [{ secretRef: { name: 'creds' }, prefix: 'DB_' }],
      env: [
        { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'log_level' } } },
        { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        { name: 'GREETING', value: 'level $(LOG_LEVEL), $(UNKNOWN)' },
      ],
    }
    expect(envSources(spec)).toEqual(['secret/creds', 'configmap/app-config'])
    const secret: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, data: { PASSWORD: base64('s3cr3t') } }
    const r = containerEnv({ pod: pod(), spec, sources: { 'secret/creds': secret, 'configmap/app-config': cm({ log_level: 'debug' }) }, services: {}, hostIP: '10.0.0.11', podIP: '10.244.1.3' })
    expect(r).toEqual({ env: [['DB_PASSWORD', 's3cr3t'], ['LOG_LEVEL', 'debug'], ['POD_IP', '10.244.1.3'], ['APP', 'web'], ['GREETING', 'level debug, $(UNKNOWN)']] })
  })

  it('fails with the kubelet texts for a missing ConfigMap, Secret or key, unless optional', () => {
    const env = (spec: object, sources: Record<string, KObject | null>) => containerEnv({ pod: pod(), spec, sources, services: {}, hostIP: '', podIP: '' })
    const ref = (optional?: boolean) => ({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'k', ...(optional ? { optional } : {}) } } }] })
    expect(env(ref(), { 'configmap/app-config': null })).toEqual({ error: 'configmap "app-config" not found' })
    expect(env(ref(), { 'configmap/app-config': cm({}) })).toEqual({ error: "couldn't find key k in ConfigMap default/app-config" })
    expect(env(ref(true), { 'configmap/app-config': null })).toEqual({ env: [] })
    expect(env({ envFrom: [{ secretRef: { name: 'creds' } }] }, { 'secret/creds': null })).toEqual({ error: 'secret "creds" not found' })
  })

  it('expands $(NAME) from earlier variables and Service links; $$ is a literal $', () => {
    const spec = { env: [{ name: 'A', value: 'x' }, { name: 'URL', value: 'http://$(MY_WEB_SERVICE_HOST):80/$(A)/$$(A)/$(NOPE)' }] }
    const r = containerEnv({ pod: pod(), spec, sources: {}, services, hostIP: '', podIP: '' }) as { env: [string, string][] }
    expect(new Map(r.env).get('URL')).toBe('http://10.96.4.5:80/x/$(A)/$(NOPE)')
  })
})
