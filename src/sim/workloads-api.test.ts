/**
 * The API half of workloads: kubectl apply/create/get/scale/rollout and the apiserver's
 * validation, each answer compared with the text real kubectl v1.34 prints.
 */
import { describe, expect, it } from 'vitest'
import { TestCluster } from './testing/test-cluster.ts'

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`

const bare = (spec: string, selector = '  selector:\n    matchLabels:\n      app: nginx\n'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx\nspec:\n${selector}  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n${spec}`

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"

describe('kubectl apply', () => {
  it('creates with the last-applied annotation and the Deployment defaults, then is unchanged, then configured', () => {
    const c = new TestCluster()
    expect(c.kubectlStdin('apply -f -', deployment)).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/nginx created\n', stderr: '' })
    const d = c.object('/registry/deployments/default/nginx')!
    expect(d.metadata.generation).toBe(1)
    expect(d.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx:1.14.2","name":"nginx","ports":[{"containerPort":80}]}]}}}}\n',
    )
    expect(d.spec).toMatchObject({
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    })
    expect(c.kubectlStdin('apply -f -', deployment)).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/nginx unchanged\n' })
    expect(c.kubectlStdin('apply -f -', deployment.replace('replicas: 3', 'replicas: 5'))).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/nginx configured\n' })
    const after = c.object('/registry/deployments/default/nginx')!
    expect((after.spec as { replicas: number }).replicas).toBe(5)
    expect(after.metadata.generation).toBe(2)
  })

  it('a file of several objects writes none when one is refused, and names each refusal', () => {
    const c = new TestCluster()
    const file = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: b\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n  - name: c\n    image: nginx\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: 1svc\nspec:\n  ports:\n  - port: 80\n'
    const r = c.kubectlStdin('apply -f -', file)
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      `Error from server (Invalid): error when creating "STDIN": Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}\n` +
        `Error from server (Invalid): error when creating "STDIN": Service "1svc" is invalid: metadata.name: Invalid value: "1svc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n`,
    )
    expect(c.object('/registry/configmaps/default/ok')).toBeUndefined()
  })

  it('a namespace created earlier in the same file is there for the objects after it', () => {
    const c = new TestCluster()
    const file = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: team\n'
    expect(c.kubectlStdin('apply -f -', file)).toMatchObject({ exitCode: 0, stdout: 'namespace/team created\nconfigmap/x created\n' })
    expect(c.object('/registry/configmaps/team/x')).toBeDefined()
  })

  it('a kind or version the apiserver does not serve is a mapping error, before any request', () => {
    const c = new TestCluster()
    const r = c.kubectlStdin('apply -f -', 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: "* * * * *"\n')
    expect(r).toMatchObject({
      exitCode: 1,
      stderr: 'error: resource mapping not found for name: "hello" namespace: "" from "STDIN": no matches for kind "CronJob" in version "batch/v1beta1"\nensure CRDs are installed first\n',
    })
    expect(c.flows({ from: 'kubectl' })).toHaveLength(0)
  })

  it('create -f - of an existing object is AlreadyExists with its source', () => {
    const c = new TestCluster()
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n'
    expect(c.kubectlStdin('create -f -', cm)).toMatchObject({ exitCode: 0, stdout: 'configmap/ok created\n' })
    expect(c.kubectlStdin('create -f -', cm).stderr).toBe('Error from server (AlreadyExists): error when creating "STDIN": configmaps "ok" already exists\n')
  })
})

describe('apiserver validation', () => {
  const c = new TestCluster()
  const apply = (yaml: string) => c.kubectlStdin('apply -f -', yaml)

  it('a missing selector and the template labels it cannot match', () => {
    expect(apply(bare('', '')).stderr).toBe(
      'The Deployment "nginx" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`\n',
    )
  })

  it('unknown fields fail strict decoding with 400', () => {
    expect(apply(bare('        foo: bar\n')).stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].foo"\n',
    )
  })

  it('a bad quantity fails the decode', () => {
    expect(apply(bare('        resources:\n          requests:\n            memory: 12GB\n')).stderr).toBe(
      "Error from server (BadRequest): error when creating \"STDIN\": Deployment in version \"v1\" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    )
  })

  it('restartPolicy, replicas and strategy type', () => {
    expect(apply(bare('      restartPolicy: Never\n')).stderr).toBe(
      'The Deployment "nginx" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n',
    )
    expect(apply(bare('').replace('spec:\n  selector', 'spec:\n  replicas: -1\n  strategy:\n    type: Foo\n  selector')).stderr).toBe(
      'The Deployment "nginx" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.strategy.type: Unsupported value: "Foo": supported values: "Recreate", "RollingUpdate"\n',
    )
  })

  it('container resources: no negative quantity, no request above its limit', () => {
    const pod = (res: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n${res}`
    expect(apply(pod('      requests:\n        cpu: "2"\n      limits:\n        cpu: "1"\n')).stderr).toBe(
      'The Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1\n',
    )
    expect(apply(pod('      requests:\n        cpu: "-1"\n')).stderr).toBe(
      'The Pod "p" is invalid: spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0\n',
    )
  })

  it('the selector is immutable', () => {
    expect(apply(bare('')).stdout).toBe('deployment.apps/nginx created\n')
    expect(apply(bare('').replace(/app: nginx/g, 'app: web')).stderr).toBe(
      'The Deployment "nginx" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web"}}: field is immutable\n',
    )
  })

  it('a Job without a restartPolicy gets the batch texts, and a valid one its uid selector', () => {
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl:5.34\n'
    expect(apply(job).stderr).toBe('The Job "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"\n')
    expect(apply(job + '      restartPolicy: Never\n').stdout).toBe('job.batch/pi created\n')
    const stored = c.object('/registry/jobs/default/pi')!
    expect(stored.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': stored.metadata.uid } } })
  })
})

describe('updates', () => {
  it('a replace carrying a stale resourceVersion is a Conflict; status sent on the main resource is ignored', () => {
    const c = new TestCluster()
    const cm = (rv: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  resourceVersion: "${rv}"\ndata:\n  a: b\n`
    c.kubectl('create deployment web --image=nginx:1.27')
    c.kubectlStdin('create -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n')
    const rv = String(c.object('/registry/configmaps/default/cfg')!.metadata.resourceVersion)
    expect(c.kubectlStdin('replace -f -', cm(rv))).toMatchObject({ exitCode: 0, stdout: 'configmap/cfg replaced\n' })
    expect(c.kubectlStdin('replace -f -', cm(rv)).stderr).toBe(
      'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on configmaps "cfg": the object has been modified; please apply your changes to the latest version and try again\n',
    )
    const before = c.object('/registry/deployments/default/web')!
    const sent = { ...before, status: { replicas: 99 } }
    const r = c.kubectlStdin('replace -f -', JSON.stringify(sent))
    expect(r.stdout).toBe('deployment.apps/web replaced\n')
    const after = c.object('/registry/deployments/default/web')!
    expect((after.status as { replicas?: number } | undefined)?.replicas).not.toBe(99)
    expect(after.metadata.generation).toBe(before.metadata.generation)
  })
})

describe('kubectl workload commands', () => {
  it('rollout status follows the Deployment to done; get, scale, history and undo answer as kubectl does', () => {
    const c = new TestCluster()
    c.kubectlStdin('apply -f -', deployment)
    const status = c.kubectl('rollout status deployment/nginx')
    expect(status.exitCode).toBe(0)
    expect(status.stdout.split('\n')[0]).toBe('Waiting for deployment spec update to be observed...')
    expect(status.stdout).toContain('Waiting for deployment "nginx" rollout to finish: 0 of 3 updated replicas are available...\n')
    expect(status.stdout.endsWith('deployment "nginx" successfully rolled out\n')).toBe(true)
    c.run(20_000)
    expect(c.kubectl('get deploy').stdout).toMatch(/^NAME    READY   UP-TO-DATE   AVAILABLE   AGE\nnginx   3\/3     3            3           2\ds\n$/)
    expect(c.kubectl('get deploy nginx -o name').stdout).toBe('deployment.apps/nginx\n')
    expect(c.kubectl('scale deployment nginx --replicas=5').stdout).toBe('deployment.apps/nginx scaled\n')
    expect(c.kubectl('set image deployment/nginx nginx=nginx:1.27').stdout).toBe('deployment.apps/nginx image updated\n')
    c.kubectl('rollout status deployment/nginx')
    expect(c.kubectl('rollout history deployment/nginx').stdout).toBe('deployment.apps/nginx \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n')
    expect(c.kubectl('rollout undo deployment/nginx').stdout).toBe('deployment.apps/nginx rolled back\n')
    expect(c.kubectl('rollout pause deployment/nginx').stdout).toBe('deployment.apps/nginx paused\n')
    expect(c.kubectl('rollout pause deployment/nginx').stderr).toBe('error: deployments.apps "nginx" is already paused\n')
    expect(c.kubectl('label deployment nginx tier=web').stdout).toBe('deployment.apps/nginx labeled\n')
    expect(c.kubectl('label deployment nginx tier=db').stderr).toBe("error: 'tier' already has a value (web), and --overwrite is false\n")
  })

  it('get all prints one table per kind with kind/name, blank-line separated', () => {
    const c = new TestCluster()
    c.kubectl('create deployment web --image=nginx:1.27 --replicas=2')
    c.run(20_000)
    const out = c.kubectl('get all').stdout
    expect(out).toMatch(/^NAME                       READY   STATUS    RESTARTS   AGE\npod\/web-[a-z0-9]{10}-[a-z0-9]{5}   1\/1     Running   0          20s\n/)
    expect(out).toContain('\n\nNAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   2/2     2            2           20s\n\n')
    expect(c.kubectl('get deploy,rs -o name').stdout).toMatch(/^deployment\.apps\/web\nreplicaset\.apps\/web-[a-z0-9]{10}\n$/)
  })

  it('create deployment, create namespace, get ns and delete', () => {
    const c = new TestCluster()
    expect(c.kubectl('create deployment web --image=nginx:1.27 --replicas=2').stdout).toBe('deployment.apps/web created\n')
    const d = c.object('/registry/deployments/default/web')!
    expect(d.spec).toMatchObject({ replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } })
    expect(c.kubectl('create namespace dev').stdout).toBe('namespace/dev created\n')
    expect(c.kubectl('get ns dev').stdout).toBe('NAME   STATUS   AGE\ndev    Active   0s\n')
    expect(c.kubectl('delete deployment web').stdout).toBe('deployment.apps "web" deleted\n')
    expect(c.kubectl('delete deployment web').stderr).toBe('Error from server (NotFound): deployments.apps "web" not found\n')
    expect(c.kubectl('delete deploy x --cascade=sideways').stderr).toBe('error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan".\n')
  })

  it('describe node shows its lease, conditions, capacity and the pods bound to it', () => {
    const c = new TestCluster()
    c.kubectlStdin('apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    resources:\n      requests:\n        cpu: 250m\n        memory: 64Mi\n')
    c.run(15_000)
    const node = String((c.pod('nginx')!.spec as { nodeName: string }).nodeName)
    const out = c.kubectl(`describe node ${node}`).stdout
    expect(out).toContain(`Lease:\n  HolderIdentity:  ${node}\n  AcquireTime:     <unset>\n`)
    expect(out).toContain('Capacity:\n  cpu:                4\n  ephemeral-storage:  100Gi\n')
    expect(out).toMatch(/Non-terminated Pods:          \(1 in total\)\n  Namespace                   Name     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n/)
    expect(out).toContain('  default                     nginx    250m (6%)     0 (0%)      64Mi (0%)        0 (0%)         15s\n')
    expect(out).toContain('  cpu                250m (6%)  0 (0%)\n')
  })

  it('describe deployment and job print their describers', () => {
    const c = new TestCluster()
    c.kubectlStdin('apply -f -', deployment)
    c.kubectlStdin('apply -f -', 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  backoffLimit: 4\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl:5.34\n      restartPolicy: Never\n')
    c.run(30_000)
    const d = c.kubectl('describe deployment nginx').stdout
    expect(d).toContain('Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\nStrategyType:           RollingUpdate\nMinReadySeconds:        0\nRollingUpdateStrategy:  25% max unavailable, 25% max surge\nPod Template:\n  Labels:  app=nginx\n  Containers:\n   nginx:\n    Image:         nginx:1.14.2\n    Port:          80/TCP\n    Host Port:     0/TCP\n')
    expect(d).toMatch(/OldReplicaSets:  <none>\nNewReplicaSet:   nginx-[a-z0-9]+ \(3\/3 replicas created\)\nEvents:\n/)
    expect(d).toMatch(/\nConditions:\n {2}Type +Status +Reason\n {2}---- +------ +------\n {2}Available +True +MinimumReplicasAvailable\n {2}Progressing +True +NewReplicaSetAvailable\n/)
    const rs = c.kubectl('describe rs').stdout
    expect(rs).toMatch(/\nPods Status: +3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\n/)
    expect(rs).toMatch(/\nControlled By: +Deployment\/nginx\n/)
    // Without a name every object gets its whole describer: its Lease, its pods, its events.
    const nodes = c.kubectl('describe nodes').stdout.split('\n\n\nName:')
    expect(nodes).toHaveLength(3)
    for (const [i, n] of nodes.entries()) expect(n).toMatch(new RegExp(`HolderIdentity: +node-${i + 1}\n`))
    const j = c.kubectl('describe job pi').stdout
    expect(j).toContain('Parallelism:      1\nCompletions:      1\nCompletion Mode:  NonIndexed\nSuspend:          false\nBackoff Limit:    4\n')
  })

  it('api-resources lists the served kinds; unknown flags and types answer as kubectl does', () => {
    const c = new TestCluster()
    const out = c.kubectl('api-resources').stdout
    expect(out.split('\n')[0]).toBe('NAME                        SHORTNAMES   APIVERSION                     NAMESPACED   KIND')
    expect(out).toContain('\ndeployments                 deploy       apps/v1                        true         Deployment\n')
    expect(out).toContain('\nnodes                       no           v1                             false        Node\n')
    // --no-headers drops the header row only.
    const bare = c.kubectl('api-resources --no-headers').stdout
    expect(bare.split('\n')[0]).toMatch(/^componentstatuses\s+cs\s+v1\s+false\s+ComponentStatus$/)
    expect(bare.split('\n').length).toBe(out.split('\n').length - 1)
    expect(c.kubectl('get deploy --bogus').stderr).toBe("error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n")
    expect(c.kubectl('get foo').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n')
    expect(c.kubectl('get cm kube-root-ca.crt -o yaml').stdout).toMatch(/^apiVersion: v1\ndata:\n  ca\.crt: \|\n/)
  })
})
