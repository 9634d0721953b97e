/**
 * SelfSubjectReview and SelfSubjectAccessReview: created, answered, never stored
 * (pkg/registry/authentication/selfsubjectreview, pkg/registry/authorization/selfsubjectaccessreview).
 * The answer is the caller's identity, and the authorizer's decision for the attributes asked.
 */
import type { ApiRequest } from '../../messages.ts'
import type { ActorId, Stage } from '../../protocol.ts'
import { identityOf } from './identity.ts'

export const reviewPaths = ['/apis/authentication.k8s.io/v1/selfsubjectreviews', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews']

export function answerReview(msg: ApiRequest, client: ActorId): { body: unknown; stage: Stage } {
  const who = identityOf(client, msg.asUser)
  if (msg.path.endsWith('/selfsubjectreviews')) {
    return {
      body: { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo: { username: who.user, groups: who.groups } } },
      stage: { name: 'response', outcome: 'ok', detail: `the authenticated user "${who.user}", as the request's credential showed it; nothing stored` },
    }
  }
  const spec = (msg.body as { spec?: unknown } | null)?.spec ?? {}
  // Every identity the simulation has is allowed what it asks (identity.ts); the reason names the binding.
  const reason = who.authz
  return {
    body: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { allowed: true, reason } },
    stage: { name: 'authorization', outcome: 'ok', detail: `asked about ${JSON.stringify(spec)}: allowed (${reason}); nothing stored` },
  }
}
