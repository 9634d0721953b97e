import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createSimulation } from '../../index.ts'
import { scenario } from '../../testing/test-cluster.ts'
import { webApp, withIngress } from './fixtures.ts'

/** The shared manifest corpus beside the repository (as corpus.test.ts finds it). */
const minimalIngress = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpus/manifests/service/networking/minimal-ingress.yaml')

describe('kubectl and the ingress-nginx add-on', () => {
  it('describes an Ingress as kubectl does: address, class, rules with endpoints, aggregated Sync events', () => {
    const c = withIngress()
    c.kubectlStdin('apply -f -', webApp)
    c.run(70_000)
    const out = c.kubectl('describe ingress web').stdout
    const eps = c.kubectl('get endpointslices -l kubernetes.io/service-name=web -o jsonpath={.items[0].endpoints[*].addresses[0]}').stdout
    expect(out).toMatch(/^Name:             web\nLabels:           <none>\nNamespace:        default\nAddress:          10\.0\.0\.1\d\nIngress Class:    nginx\nDefault backend:  <default>\nRules:\n  Host         Path  Backends\n  ----         ----  --------\n  example\.com  \n               \/testpath   web:80 \(10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\)\nAnnotations:   <none>\nEvents:\n  Type    Reason  Age +From +Message\n  ----    ------  ---- +---- +-------\n  Normal  Sync    \d+s \(x2 over \d+s\)  nginx-ingress-controller  Scheduled for sync\n$/)
    if (eps) for (const ip of eps.split(' ')) expect(out).toContain(`${ip}:80`)
    // Without a name every Ingress gets the same describer, its backends' endpoints included.
    expect(c.kubectl('describe ingress').stdout).toBe(out)
  })

  it.skipIf(!existsSync(minimalIngress))('leaves the corpus minimal-ingress (class nginx-example) without an address', () => {
    const c = withIngress()
    const yaml = readFileSync(minimalIngress, 'utf8')
    expect(c.kubectlStdin('apply -f -', yaml).stdout).toBe('ingress.networking.k8s.io/minimal-ingress created\n')
    c.run(130_000)
    expect(c.object('/registry/ingress/default/minimal-ingress')!.status).toBeUndefined()
    expect(c.kubectl('get ingress minimal-ingress').stdout).toMatch(/^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nminimal-ingress\s+nginx-example\s+\*\s+80\s+\S+\n$/)
  })

  it('creates an Ingress from --rule as kubectl create ingress does (a trailing * is a Prefix path)', () => {
    const c = withIngress()
    expect(c.kubectl('create ingress web --class=nginx --rule=example.com/testpath*=web:80').stdout).toBe('ingress.networking.k8s.io/web created\n')
    const spec = c.object('/registry/ingress/default/web')!.spec
    expect(spec).toEqual({ ingressClassName: 'nginx', rules: [{ host: 'example.com', http: { paths: [{ path: '/testpath', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] })
    c.kubectl('create ingress exact --rule=a.com/x=web:http')
    expect((c.object('/registry/ingress/default/exact')!.spec as { rules: { http: { paths: unknown[] } }[] }).rules[0]!.http.paths[0]).toEqual({ path: '/x', pathType: 'Exact', backend: { service: { name: 'web', port: { name: 'http' } } } })
    expect(c.kubectl('create ingress bad --rule=nopath').stderr).toBe('error: rule nopath is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n')
  })

  it('takes --rule and --annotation many times, as kubectl create ingress does: paths grouped by host, TLS hosts by secret', () => {
    const c = withIngress()
    // The example of `kubectl create ingress --help`: two rules for one host, TLS with one secret.
    const line = 'create ingress annotated --class=default --rule=foo.com/bar=svc:port --rule=foo.com/*=svc2:8080,tls=secret1 --rule=bar.com/=svc3:80,tls=secret1 --annotation ingress.annotation1=foo --annotation ingress.annotation2=bla'
    expect(c.kubectl(line).stdout).toBe('ingress.networking.k8s.io/annotated created\n')
    const o = c.object('/registry/ingress/default/annotated')!
    expect(o.metadata.annotations).toEqual({ 'ingress.annotation1': 'foo', 'ingress.annotation2': 'bla' })
    const backend = (name: string, port: Record<string, unknown>) => ({ service: { name, port } })
    expect(o.spec).toEqual({
      ingressClassName: 'default',
      tls: [{ hosts: ['foo.com', 'bar.com'], secretName: 'secret1' }],
      rules: [
        { host: 'foo.com', http: { paths: [{ path: '/bar', pathType: 'Exact', backend: backend('svc', { name: 'port' }) }, { path: '/', pathType: 'Prefix', backend: backend('svc2', { number: 8080 }) }] } },
        { host: 'bar.com', http: { paths: [{ path: '/', pathType: 'Exact', backend: backend('svc3', { number: 80 }) }] } },
      ],
    })
    // Every rule is checked before anything is sent: the second, bad one stops the create.
    expect(c.kubectl('create ingress two --rule=a.com/=web:80 --rule=oops').stderr).toBe('error: rule oops is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n')
    expect(c.object('/registry/ingress/default/two')).toBeUndefined()
    expect(c.kubectl('create ingress ann --rule=a.com/=web:80 --annotation=novalue').stderr).toBe('error: annotation novalue is invalid and should be in format key=[value]\n')
  })

  it('gives an Ingress without a class the default IngressClass (DefaultIngressClass admission), which the controller then claims', () => {
    const c = withIngress()
    c.kubectl('create ingress plain --rule=example.com/*=web:80')
    expect((c.object('/registry/ingress/default/plain')!.spec as { ingressClassName?: string }).ingressClassName).toBeUndefined()
    c.kubectl('annotate ingressclass nginx ingressclass.kubernetes.io/is-default-class=true')
    c.kubectl('create ingress web --rule=example.com/*=web:80')
    expect((c.object('/registry/ingress/default/web')!.spec as { ingressClassName?: string }).ingressClassName).toBe('nginx')
    const create = c.flows({ kind: 'apiserver.create', from: 'kubectl', label: /\/ingresses\?/ }).at(-1)!
    expect(create.stages?.find((st) => st.name === 'admission')?.detail).toContain('DefaultIngressClass: spec.ingressClassName set to nginx')
    c.run(20_000)
    const synced = c.sim.events().filter((e) => e.reason === 'Sync').map((e) => e.involvedObject.name)
    // The class-less one is claimed too now that nginx is the default class.
    expect(synced.sort()).toEqual(['plain', 'web'])
  })

  it('lists the IngressClass with its controller', () => {
    const c = withIngress()
    expect(c.kubectl('get ingressclass').stdout).toMatch(/^NAME    CONTROLLER             PARAMETERS   AGE\nnginx   k8s\.io\/ingress-nginx   <none>       \d+s\n$/)
  })

  it('refuses an Ingress without pathType, with a relative path or without a backend port, with the apiserver texts', () => {
    const c = withIngress()
    const bad = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: bad}
spec:
  rules:
  - http:
      paths:
      - {path: /a, backend: {service: {name: web, port: {number: 80}}}}
      - {path: foo, pathType: Prefix, backend: {service: {name: web, port: {}}}}
`
    const r = c.kubectlStdin('apply -f -', bad)
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe(
      'The Ingress "bad" is invalid: \n' +
        '* spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified\n' +
        '* spec.rules[0].http.paths[1].path: Invalid value: "foo": must be an absolute path\n' +
        '* spec.rules[0].http.paths[1].backend.service.port: Required value: port name or number is required\n',
    )
  })

  it('leaves an Ingress of another class without an address', () => {
    const c = withIngress()
    const other = webApp.replace('ingressClassName: nginx', 'ingressClassName: nginx-example')
    c.kubectlStdin('apply -f -', other)
    c.run(130_000)
    expect(c.kubectl('get ingress web').stdout).toMatch(/^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nweb\s+nginx-example\s+example\.com\s+80\s+\S+\n$/)
    expect(c.sim.events().filter((e) => e.involvedObject.kind === 'Ingress')).toHaveLength(0)
  })

  it('with a cloud, publishes the load balancer address the cloud-controller-manager gave its Service', () => {
    const c = withIngress(true)
    c.kubectlStdin('apply -f -', webApp)
    c.run(130_000)
    const svc = c.kubectl('get svc ingress-nginx-controller -n ingress-nginx').stdout
    const lb = /LoadBalancer\s+\S+\s+(203\.0\.113\.\d+)/.exec(svc)?.[1]
    expect(lb).toBeDefined()
    expect(c.kubectl('get ingress web').stdout).toContain(` ${lb} `)
    expect(c.flows({ from: 'ingress-nginx', label: 'GET /api/v1/namespaces/ingress-nginx/services/ingress-nginx-controller' }).length).toBeGreaterThan(0)
    // Requests from outside go to the load balancer's address, which every node's rules match.
    c.sim.traffic('start --ingress example.com/testpath --rate 20 --from outside')
    c.run(3_000)
    expect(c.flows({ from: 'traffic-client', label: `GET http://example.com/testpath (${lb}:80/TCP)` }).length).toBeGreaterThan(20)
    expect(c.sim.trafficView().codes?.['200']).toBeGreaterThan(20)
  })

  it('runs the same way twice: same seed, same trace hash', () => {
    const s = scenario({ seed: 11, cluster: { ...scenario().cluster, addons: ['coredns', 'ingress-nginx'] }, script: [{ atMs: 0, apply: webApp }, { atMs: 40_000, traffic: 'start --ingress example.com/testpath --rate 50' }], untilMs: 70_000 })
    const hash = (): string => {
      const sim = createSimulation(s)
      sim.runUntil(70_000)
      return sim.traceHash()
    }
    expect(hash()).toBe(hash())
  })
})
