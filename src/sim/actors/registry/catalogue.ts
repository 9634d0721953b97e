/**
 * Images the registry holds, with their compressed sizes as `kubectl describe` reports them after a
 * pull ("Image size: … bytes", observed on real clusters; FIDELITY.md §1.1 E5, §1.2). A scenario's
 * `registry.images` adds more. Digests are made up but stable: a hash of the name.
 */
import { fnv1a } from '../../engine/rng.ts'
import type { RegistryImage } from '../../protocol.ts'

export const builtInImages: RegistryImage[] = [
  { name: 'nginx:1.27', sizeBytes: 68_857_691 },
  { name: 'nginx:latest', sizeBytes: 62_958_873 },
  { name: 'nginx:1.14.2', sizeBytes: 44_710_204 },
  { name: 'nginx:1.16.1', sizeBytes: 51_030_575 },
  { name: 'nginx:1.25', sizeBytes: 70_544_635 },
  { name: 'busybox:1.28', sizeBytes: 727_869 },
  { name: 'busybox:1.36', sizeBytes: 2_157_128 },
  { name: 'busybox:latest', sizeBytes: 2_157_128 },
  { name: 'redis:latest', sizeBytes: 45_006_811 },
  { name: 'redis:7', sizeBytes: 45_006_811 },
  { name: 'httpd:2.4', sizeBytes: 58_153_247 },
  { name: 'registry.k8s.io/pause:3.10', sizeBytes: 320_368 },
  { name: 'registry.k8s.io/echoserver:1.10', sizeBytes: 46_308_574 },
  { name: 'registry.k8s.io/coredns/coredns:v1.12.0', sizeBytes: 20_939_036 },
  // kubeadm v1.34's CoreDNS (constants.CoreDNSVersion); size taken as v1.12.0's.
  { name: 'registry.k8s.io/coredns/coredns:v1.12.1', sizeBytes: 20_939_036 },
  { name: 'registry.k8s.io/e2e-test-images/agnhost:2.39', sizeBytes: 51_103_437 },
  // The ingress-nginx add-on's controller (changelog/controller-1.14.4.md); size approximate, not pinned from a source.
  { name: 'registry.k8s.io/ingress-nginx/controller:v1.14.4', sizeBytes: 110_000_000 },
  { name: 'perl:5.34.0', sizeBytes: 336_374_010 },
  { name: 'python:3.12', sizeBytes: 395_004_234 },
  // Images the manifests of kubernetes.io and common workshops name. Sizes from here on are
  // approximate (compressed linux/amd64, rounded): they only set the pull time and the "Image
  // size" of the Pulled event. A name missing here fails to pull, as a typo does.
  ...approximate({
    'nginx:1.26': 72_000_000,
    'nginx:1.28': 72_000_000,
    'nginx:1.29': 72_000_000,
    'nginx:stable': 72_000_000,
    'nginx:alpine': 21_000_000,
    'nginx:1.27-alpine': 21_000_000,
    'busybox:1.37': 2_200_000,
    'busybox:stable': 2_200_000,
    'registry.k8s.io/busybox': 680_000,
    'registry.k8s.io/busybox:1.27.2': 720_000,
    'k8s.gcr.io/busybox': 680_000,
    'k8s.gcr.io/busybox:1.24': 680_000,
    'alpine': 3_600_000,
    'alpine:3.20': 3_600_000,
    'alpine:3.21': 3_600_000,
    'alpine:3.22': 3_800_000,
    'ubuntu': 29_700_000,
    'ubuntu:22.04': 29_500_000,
    'ubuntu:24.04': 29_700_000,
    'debian': 48_500_000,
    'debian:bookworm': 48_500_000,
    'debian:bookworm-slim': 28_200_000,
    'fedora': 60_000_000,
    'bash': 6_000_000,
    'bash:5': 6_000_000,
    'alpine/socat:1.8.0.3': 5_000_000,
    'httpd': 58_000_000,
    'httpd:alpine': 21_000_000,
    'redis:5': 40_000_000,
    'redis:7.4': 45_000_000,
    'redis:8': 50_000_000,
    'redis:alpine': 17_000_000,
    'mysql:5.7': 137_000_000,
    'mysql:8.0': 170_000_000,
    'mysql:8.4': 170_000_000,
    'mysql:latest': 250_000_000,
    'postgres:16': 155_000_000,
    'postgres:17': 155_000_000,
    'postgres:latest': 160_000_000,
    'memcached:1.6': 32_000_000,
    'python': 400_000_000,
    'python:3.13': 400_000_000,
    'python:3.12-slim': 43_000_000,
    'node:22': 390_000_000,
    'perl': 340_000_000,
    'hello-world': 10_000,
    'curlimages/curl': 10_000_000,
    'nicolaka/netshoot': 180_000_000,
    'traefik/whoami': 3_000_000,
    'hashicorp/http-echo:1.0': 3_000_000,
    'vish/stress': 1_600_000,
    'polinux/stress': 4_300_000,
    'gcr.io/google-samples/hello-app:1.0': 11_000_000,
    'gcr.io/google-samples/hello-app:2.0': 11_000_000,
    'gcr.io/google-samples/node-hello:1.0': 250_000_000,
    'gcr.io/google-samples/xtrabackup:1.0': 80_000_000,
    'gcr.io/google-samples/gb-frontend:v4': 130_000_000,
    'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5': 150_000_000,
    'paulczar/gb-frontend:v5': 150_000_000,
    'registry.k8s.io/pause:2.0': 350_000,
    'registry.k8s.io/pause:3.1': 320_000,
    'registry.k8s.io/pause:3.6': 300_000,
    'registry.k8s.io/pause:3.8': 310_000,
    'k8s.gcr.io/pause:2.0': 350_000,
    'k8s.gcr.io/pause:3.1': 320_000,
    'registry.k8s.io/serve_hostname': 2_000_000,
    'registry.k8s.io/nginx-slim:0.8': 20_000_000,
    'registry.k8s.io/nginx-slim:0.24': 20_000_000,
    'registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10': 120_000_000,
    'registry.k8s.io/hpa-example': 180_000_000,
    'registry.k8s.io/goproxy:0.1': 2_400_000,
    'registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3': 110_000_000,
    'k8s.gcr.io/liveness': 2_600_000,
    'k8s.gcr.io/etcd:3.5.1-0': 98_000_000,
    'k8s.gcr.io/fluentd-elasticsearch:1.20': 130_000_000,
    'k8s.gcr.io/cluster-proportional-autoscaler-amd64:1.6.0': 18_000_000,
    'quay.io/fluentd_elasticsearch/fluentd:v2.5.2': 140_000_000,
    'registry.k8s.io/cloud-controller-manager:v1.8.0': 100_000_000,
  }),
]

function approximate(sizes: Record<string, number>): RegistryImage[] {
  return Object.entries(sizes).map(([name, sizeBytes]) => ({ name, sizeBytes }))
}

/** `nginx` → `docker.io/library/nginx:latest`: how containerd names an image reference. */
export function normalizeImage(image: string): string {
  let name = image
  const slash = name.indexOf('/')
  const first = slash >= 0 ? name.slice(0, slash) : ''
  if (!(first.includes('.') || first.includes(':') || first === 'localhost')) name = `docker.io/${slash >= 0 ? '' : 'library/'}${name}`
  const lastSlash = name.lastIndexOf('/')
  if (!name.includes('@') && name.indexOf(':', lastSlash) < 0) name += ':latest'
  return name
}

/**
 * Digests by image reference: a digest depends on the reference only, and a cluster names few
 * images, while every container start asks for one (the runtime's imageRef).
 */
const digests = new Map<string, string>()

export function digestOf(image: string): string {
  let digest = digests.get(image)
  if (digest === undefined) {
    let hex = ''
    for (let i = 0; hex.length < 64; i++) hex += fnv1a(`${normalizeImage(image)}#${i}`).toString(16).padStart(8, '0')
    digests.set(image, (digest = `sha256:${hex.slice(0, 64)}`))
  }
  return digest
}

/** `docker.io/library/nginx@sha256:…`: the imageID a pulled container reports. */
export function imageIdOf(image: string): string {
  const ref = normalizeImage(image)
  const lastSlash = ref.lastIndexOf('/')
  const colon = ref.indexOf(':', lastSlash)
  return `${colon >= 0 ? ref.slice(0, colon) : ref}@${digestOf(image)}`
}

/** The nginx release a tag runs: 1.27 → 1.27.5 (the last patch of that line in the catalogue). */
export function nginxVersion(image: string): string {
  const tag = image.split(':')[1] ?? 'latest'
  if (/^\d+\.\d+\.\d+$/.test(tag)) return tag
  return { '1.27': '1.27.5', '1.25': '1.25.5', latest: '1.27.5' }[tag] ?? `${tag}.0`
}
