import type { ProjectedVolumeSource, Volume } from 'kubernetes-types/core/v1'
import type { PrefixWriter } from './prefix-writer.ts'

function writeProjected(w: PrefixWriter, projected: ProjectedVolumeSource): void {
  w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n')
  for (const source of projected.sources ?? []) {
    if (source.secret) {
      w.write(
        2,
        `SecretName:\t${source.secret.name ?? ''}\n    Optional:\t${source.secret.optional === true}\n`,
      )
    } else if (source.downwardAPI) {
      w.write(2, 'DownwardAPI:\ttrue\n')
    } else if (source.configMap) {
      const { name, optional } = source.configMap
      w.write(2, `ConfigMapName:\t${name ?? ''}\n    Optional:\t${optional === true}\n`)
    } else if (source.serviceAccountToken) {
      w.write(2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 0}\n`)
    }
  }
}

/** One volume's detail lines (describe printXxxVolumeSource) for the common volume types. */
function writeSource(w: PrefixWriter, v: Volume): void {
  if (v.hostPath) {
    w.write(2, 'Type:\tHostPath (bare host directory volume)\n')
    w.write(2, `Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}\n`)
  } else if (v.emptyDir) {
    const limit = v.emptyDir.sizeLimit
    w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n")
    w.write(
      2,
      `Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${limit && limit !== '0' ? limit : '<unset>'}\n`,
    )
  } else if (v.secret) {
    w.write(2, 'Type:\tSecret (a volume populated by a Secret)\n')
    w.write(
      2,
      `SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`,
    )
  } else if (v.configMap) {
    w.write(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n')
    w.write(
      2,
      `Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`,
    )
  } else if (v.persistentVolumeClaim) {
    const { claimName, readOnly } = v.persistentVolumeClaim
    w.write(
      2,
      'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n',
    )
    w.write(2, `ClaimName:\t${claimName}\n    ReadOnly:\t${readOnly === true}\n`)
  } else if (v.projected) {
    writeProjected(w, v.projected)
  } else {
    w.write(1, '<unknown>\n')
  }
}

/** describeVolumes: `Volumes:` then each volume by name, or `Volumes:\t<none>`. */
export function writeVolumes(w: PrefixWriter, volumes: Volume[] = []): void {
  if (volumes.length === 0) {
    w.write(0, 'Volumes:\t<none>\n')
    return
  }
  w.write(0, 'Volumes:\n')
  for (const v of volumes) {
    w.write(1, `${v.name}:\n`)
    writeSource(w, v)
  }
}
