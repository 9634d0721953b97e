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
]

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
