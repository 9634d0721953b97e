/**
 * Who is calling, and why they may: the authentication and authorization stages. Identities are
 * those of a kubeadm cluster: kubectl uses admin.conf (`kubernetes-admin`, group
 * `kubeadm:cluster-admins`), components use their own certificates, kubelets are `system:node:<name>`
 * and authorized by the Node authorizer (`--authorization-mode=Node,RBAC`).
 */
import type { ActorId, Stage } from '../../protocol.ts'

export interface Identity {
  user: string
  groups: string[]
  authz: string
}

export function identityOf(client: ActorId, asUser?: string): Identity {
  if (asUser) {
    const sa = asUser.split(':').pop()!
    return {
      user: asUser,
      groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
      authz: `RBAC: allowed by ClusterRoleBinding "system:controller:${sa}" of ClusterRole "system:controller:${sa}" to ServiceAccount "${sa}/kube-system"`,
    }
  }
  const [component, instance] = client.split(':')
  switch (component) {
    case 'kubectl':
      return {
        user: 'kubernetes-admin',
        groups: ['kubeadm:cluster-admins', 'system:authenticated'],
        authz: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
      }
    case 'kubelet':
      return {
        user: `system:node:${instance}`,
        groups: ['system:nodes', 'system:authenticated'],
        authz: `Node authorizer: ${instance} may act on itself and the pods bound to it`,
      }
    case 'kube-scheduler':
      return {
        user: 'system:kube-scheduler',
        groups: ['system:authenticated'],
        authz: 'RBAC: allowed by ClusterRoleBinding "system:kube-scheduler" of ClusterRole "system:kube-scheduler" to User "system:kube-scheduler"',
      }
    case 'kube-controller-manager':
      return {
        user: 'system:kube-controller-manager',
        groups: ['system:authenticated'],
        authz: 'RBAC: allowed by ClusterRoleBinding "system:kube-controller-manager" of ClusterRole "system:kube-controller-manager" to User "system:kube-controller-manager"',
      }
    case 'kube-proxy':
      return {
        user: 'system:serviceaccount:kube-system:kube-proxy',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
        authz: 'RBAC: allowed by ClusterRoleBinding "kubeadm:node-proxier" of ClusterRole "system:node-proxier" to ServiceAccount "kube-proxy/kube-system"',
      }
    case 'ingress-nginx':
      return {
        user: 'system:serviceaccount:ingress-nginx:ingress-nginx',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:ingress-nginx', 'system:authenticated'],
        authz: 'RBAC: allowed by ClusterRoleBinding "ingress-nginx" of ClusterRole "ingress-nginx" to ServiceAccount "ingress-nginx/ingress-nginx"',
      }
    default:
      return { user: `system:${component}`, groups: ['system:authenticated'], authz: 'RBAC: allowed' }
  }
}

export function authStages(who: Identity): Stage[] {
  const how = who.user.startsWith('system:serviceaccount:') ? 'service account token' : 'x509 client certificate'
  return [
    { name: 'authentication', outcome: 'ok', detail: `${how}: user "${who.user}", groups [${who.groups.join(' ')}]` },
    { name: 'authorization', outcome: 'ok', detail: who.authz },
  ]
}

/** The two stages per caller, made once: every request carries them, and they are the same texts. */
const stagesByCaller = new Map<string, readonly Stage[]>()

export function callerStages(client: ActorId, asUser?: string): readonly Stage[] {
  const key = asUser === undefined ? client : `${client}\u0000${asUser}`
  let stages = stagesByCaller.get(key)
  if (!stages) stagesByCaller.set(key, (stages = Object.freeze(authStages(identityOf(client, asUser)).map((s) => Object.freeze(s)))))
  return stages
}
