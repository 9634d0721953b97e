/**
 * The build of Kubernetes v1.34.0 that kube-apiserver reports at GET /version and kubectl prints
 * with `kubectl version` (k8s.io/apimachinery/pkg/version.Info; the values of the v1.34.0 release
 * binaries). kubectl v1.34 embeds kustomize v5.7.1 (staging/src/k8s.io/kubectl/go.mod).
 */

export interface VersionInfo {
  major: string
  minor: string
  emulationMajor?: string
  emulationMinor?: string
  minCompatibilityMajor?: string
  minCompatibilityMinor?: string
  gitVersion: string
  gitCommit: string
  gitTreeState: string
  buildDate: string
  goVersion: string
  compiler: string
  platform: string
}

const build = {
  gitVersion: 'v1.34.0',
  gitCommit: 'f28b4c9efbca5c5c0af716d9f2d5702667ee8a45',
  gitTreeState: 'clean',
  buildDate: '2025-08-27T10:09:04Z',
  goVersion: 'go1.24.6',
  compiler: 'gc',
  platform: 'linux/amd64',
}

/** kubectl's own version.Info: no emulation fields (those are the server's). */
export const clientVersion: VersionInfo = { major: '1', minor: '34', ...build }

/** kube-apiserver's: its emulation version and the oldest version it stays compatible with. */
export const serverVersion: VersionInfo = {
  major: '1',
  minor: '34',
  emulationMajor: '1',
  emulationMinor: '34',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '33',
  ...build,
}

export const kustomizeVersion = 'v5.7.1'
