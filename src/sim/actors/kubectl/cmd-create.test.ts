/**
 * The `kubectl create` subcommands that build their object on the client
 * (staging/src/k8s.io/kubectl/pkg/cmd/create): what they POST, what they print, their own errors
 * and the `failed to create …` wrapping of the server's, and --dry-run.
 */
import { describe, expect, it } from 'vitest'
import type { KObject } from '../../protocol.ts'
import { TestCluster } from '../../testing/test-cluster.ts'

type Json = Record<string, unknown>

describe('kubectl create configmap and secret generic', () => {
  it('stores --from-literal pairs as data, base64 for a Secret, which defaults to Opaque', () => {
    const c = new TestCluster()
    expect(c.kubectl('create configmap app-config --from-literal=color=blue --from-literal=greeting=a=b').stdout).toBe('configmap/app-config created\n')
    expect((c.object('/registry/configmaps/default/app-config') as Json).data).toEqual({ color: 'blue', greeting: 'a=b' })
    expect(c.kubectl('create secret generic db --from-literal=password=s3cr3t').stdout).toBe('secret/db created\n')
    const secret = c.object('/registry/secrets/default/db') as Json
    expect(secret.data).toEqual({ password: 'czNjcjN0' })
    expect(secret.type).toBe('Opaque')
    expect(c.kubectl('describe secret db').stdout).toMatch(/\nType:  Opaque\n\nData\n====\npassword:  6 bytes\n$/)
  })

  it('refuses a literal without = and a second key of one name; wraps the server’s AlreadyExists', () => {
    const c = new TestCluster()
    expect(c.kubectl('create configmap x --from-literal=novalue')).toMatchObject({ exitCode: 1, stderr: 'error: invalid literal source novalue, expected key=value\n' })
    expect(c.kubectl('create configmap x --from-literal=a=1 --from-literal=a=2').stderr).toBe('error: cannot add key "a", another key by that name already exists in Data for ConfigMap "x"\n')
    expect(c.kubectl('create secret generic s --from-literal=a=1 --from-literal=a=2').stderr).toBe('error: cannot add key a, another key by that name already exists\n')
    expect(c.flows({ from: 'kubectl' })).toHaveLength(0)
    c.kubectl('create configmap x --from-literal=a=1')
    expect(c.kubectl('create configmap x --from-literal=a=1').stderr).toBe('error: failed to create configmap: configmaps "x" already exists\n')
    expect(c.kubectl('create configmap').stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples\n")
  })
})

describe('kubectl create job, cronjob and serviceaccount', () => {
  it('makes a Job of one container named after it, the words after -- its command, restartPolicy Never', () => {
    const c = new TestCluster()
    expect(c.kubectl('create job once --image=busybox:1.36 -- echo hi').stdout).toBe('job.batch/once created\n')
    const job = c.object('/registry/jobs/default/once') as KObject
    const pod = ((job.spec as Json).template as Json).spec as Json
    expect(pod.containers).toMatchObject([{ name: 'once', image: 'busybox:1.36', command: ['echo', 'hi'] }])
    expect(pod.restartPolicy).toBe('Never')
    expect(c.kubectl('create job none').stderr).toBe('error: either --image or --from must be specified\n')
  })

  it('needs --image and --schedule for a CronJob and restarts OnFailure by default', () => {
    const c = new TestCluster()
    expect(c.kubectl('create cronjob tick').stderr).toBe('error: required flag(s) "image", "schedule" not set\n')
    expect(c.kubectl('create cronjob tick --image=busybox:1.36 --schedule="*/1 * * * *" -- date').stdout).toBe('cronjob.batch/tick created\n')
    const spec = (c.object('/registry/cronjobs/default/tick') as KObject).spec as Json
    expect(spec.schedule).toBe('*/1 * * * *')
    expect(spec.jobTemplate).toMatchObject({ metadata: { name: 'tick' }, spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'tick', command: ['date'] }] } } } })
    expect(c.kubectl('create sa robot').stdout).toBe('serviceaccount/robot created\n')
    expect(c.kubectl('create sa robot').stderr).toBe('error: failed to create serviceaccount: serviceaccounts "robot" already exists\n')
  })
})

describe('kubectl create service', () => {
  it('names each --tcp port after its text and selects app=<name>', () => {
    const c = new TestCluster()
    expect(c.kubectl('create service clusterip web --tcp=80:8080').stdout).toBe('service/web created\n')
    const svc = c.object('/registry/services/specs/default/web') as KObject
    expect(svc.metadata.labels).toEqual({ app: 'web' })
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' }] })
    c.kubectl('create service nodeport np --tcp=80 --node-port=30080')
    expect(c.kubectl('get svc np').stdout).toMatch(/^np\s+NodePort\s+\S+\s+<none>\s+80:30080\/TCP\s+/m)
    expect(c.kubectl('create service clusterip web --tcp=80').stderr).toBe('error: failed to create ClusterIP service: services "web" already exists\n')
    expect(c.kubectl('create service clusterip other').stderr).toBe('error: at least one tcp port specifier must be provided\n')
    expect(c.kubectl('create service externalname ext').stderr).toBe('error: required flag(s) "external-name" not set\n')
  })
})

describe('kubectl create --dry-run and create deployment', () => {
  it('--dry-run=client sends nothing and prints the object; =server stores nothing', () => {
    const c = new TestCluster()
    const client = c.kubectl('create deployment web --image=nginx:1.27 --dry-run=client -o yaml')
    expect(client.stdout).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}labels:\n {4}app: web\n {2}name: web\nspec:\n/)
    expect(client.stdout).not.toContain('creationTimestamp')
    expect(c.flows({ from: 'kubectl' })).toHaveLength(0)
    expect(c.kubectl('create configmap cfg --from-literal=a=1 --dry-run=client').stdout).toBe('configmap/cfg created (dry run)\n')
    expect(c.kubectl('create deployment web --image=nginx:1.27 --dry-run=server').stdout).toBe('deployment.apps/web created (server dry run)\n')
    expect(c.flows({ from: 'kubectl' }).at(-1)!.label).toBe('POST /apis/apps/v1/namespaces/default/deployments?dryRun=All&fieldManager=kubectl-create&fieldValidation=Strict')
    expect(c.object('/registry/deployments/default/web')).toBeUndefined()
    expect(c.kubectl('create deployment web --image=nginx:1.27 --dry-run=maybe').stderr).toBe('error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n')
  })

  it('wraps the server’s error and names containers as sanitizeAndUniquify does', () => {
    const c = new TestCluster()
    c.kubectl('create deployment web --image=nginx:1.27')
    expect(c.kubectl('create deployment web --image=nginx:1.27').stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n')
    expect(c.kubectl('create deployment two --image=nginx,nginx:1.27').stderr).toBe(
      'error: failed to create deployment: Deployment.apps "two" is invalid: spec.template.spec.containers[1].name: Duplicate value: "nginx"\n',
    )
    c.kubectl('create deployment app --image=my_app.v2:1')
    const containers = ((((c.object('/registry/deployments/default/app') as KObject).spec as Json).template as Json).spec as Json).containers as { name: string }[]
    expect(containers[0]!.name).toMatch(/^my-app-v2-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
  })
})
