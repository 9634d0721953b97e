/**
 * Which programs an image's filesystem holds, for `kubectl exec`: a command the image lacks fails
 * the way runc fails it ("executable file not found in $PATH"). Families, not exact file lists:
 * - busybox and Alpine-based images carry BusyBox applets (nslookup, wget; no curl);
 * - Debian-based official images (nginx, httpd, redis) carry coreutils and bash, and nginx also
 *   curl; the buildpack-deps based ones (python, perl) carry curl and wget; none has nslookup;
 * - the control plane and add-on images (pause, coredns, distroless) have no shell at all.
 * An image not named here is taken as Debian-based without curl (most official images are).
 */
import { normalizeImage } from '../registry/catalogue.ts'

const core = ['sh', 'cat', 'echo', 'hostname', 'date', 'true', 'false', 'whoami', 'env', 'printenv']
const busybox = new Set([...core, 'busybox', 'ash', 'nslookup', 'wget'])
const debian = new Set([...core, 'bash'])
const none = new Set<string>()

/** `docker.io/library/nginx:1.27` → `nginx`; `registry.k8s.io/pause:3.10` → `registry.k8s.io/pause`. */
function repository(image: string): string {
  const ref = normalizeImage(image).replace(/@.*$/, '')
  const repo = ref.replace(/:[^/:]+$/, '')
  return repo.replace(/^docker\.io\/(library\/)?/, '')
}

function tag(image: string): string {
  const m = /:([^/:@]+)(@.*)?$/.exec(normalizeImage(image))
  return m?.[1] ?? 'latest'
}

export function programsOf(image: string): ReadonlySet<string> {
  const repo = repository(image)
  if (repo === 'busybox' || repo === 'alpine' || tag(image).includes('alpine')) return busybox
  if (/(^|\/)(pause|coredns|distroless)(\/|$)/.test(repo) || /^registry\.k8s\.io\/kube-/.test(repo)) return none
  if (repo === 'nginx') return new Set([...debian, 'curl'])
  if (repo === 'python' || repo === 'perl' || repo === 'buildpack-deps') return new Set([...debian, 'curl', 'wget'])
  if (repo === 'curlimages/curl') return new Set([...busybox, 'curl'])
  if (repo === 'nicolaka/netshoot') return new Set([...debian, 'curl', 'wget', 'nslookup'])
  return debian
}

/** BusyBox 1.28's nslookup prints the older format the Kubernetes DNS debugging page shows. */
export function oldBusyboxNslookup(image: string): boolean {
  return repository(image) === 'busybox' && tag(image) === '1.28'
}

/** The program a path names: `/bin/sh` → `sh`. */
export function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1)
}

/** The PATH of the official images (Debian's and BusyBox's default alike). */
const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/**
 * An image's own ENV (its config's Env): PATH, and the application version where the image sets
 * one whose value the catalogue knows (nginx's NGINX_VERSION). Other ENV lines of an image are
 * not modelled.
 */
export function imageEnv(image: string, nginxVersion: (image: string) => string): [string, string][] {
  const out: [string, string][] = [['PATH', defaultPath]]
  const repo = repository(image)
  if (repo === 'nginx') out.push(['NGINX_VERSION', nginxVersion(image)])
  return out
}
