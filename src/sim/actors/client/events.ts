/**
 * Recording Kubernetes Events: a POST to the apiserver, like client-go's event recorder.
 * kubelet and controllers use core/v1; kube-scheduler uses events.k8s.io/v1 (FIDELITY.md §1.0.3).
 * A core/v1 event the same component already recorded about the same object, with the same type,
 * reason and message, is not created again: the recorder's EventCorrelator
 * (client-go tools/record/events_cache.go) PATCHes the first one's count, lastTimestamp and
 * message, which `kubectl describe` prints as `(x3 over 2m)`.
 */
import type { Ctx, SendOptions } from '../../engine/actor.ts'
import { eventName, microTime, rfc3339 } from '../../k8s/meta.ts'
import type { KObject } from '../../protocol.ts'
import { apiRequest, type ApiClient } from './api-client.ts'

export interface EventSpec {
  involved: KObject
  type: 'Normal' | 'Warning'
  reason: string
  message: string
  /** `kubelet`, `default-scheduler`, `replicaset-controller`, … */
  component: string
  /** The kubelet's node, for `source.host`. */
  host?: string
  /** `spec.containers{nginx}` for an event about one container. */
  fieldPath?: string
  /** events.k8s.io action (`Binding`), set only for events.k8s.io clients. */
  action?: string
  asUser?: string
}

export function recordEvent<C>(client: ApiClient<C>, ctx: Ctx, spec: EventSpec, cont: C, send: SendOptions = {}): void {
  const epochMs = ctx.startTimeMs + ctx.now
  const o = spec.involved
  const namespace = o.metadata.namespace ?? 'default'
  const eventsApi = spec.action !== undefined
  if (!eventsApi && correlated(client, ctx, spec, namespace, epochMs, cont, send)) return
  const name = eventName(String(o.metadata.name), epochMs, ctx.random)
  if (!eventsApi) remember(client, eventKey(spec), name)
  const body: KObject = eventsApi
    ? {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name, namespace },
        eventTime: microTime(epochMs),
        reportingController: spec.component,
        reportingInstance: `${spec.component}-control-plane`,
        action: spec.action,
        reason: spec.reason,
        regarding: { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid, apiVersion: o.apiVersion, resourceVersion: o.metadata.resourceVersion },
        note: spec.message,
        type: spec.type,
      }
    : {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        // Built only for core/v1 events (the scheduler's events.k8s.io ones name `regarding`).
        involvedObject: {
          kind: o.kind,
          namespace: o.metadata.namespace,
          name: o.metadata.name,
          uid: o.metadata.uid,
          apiVersion: o.apiVersion,
          resourceVersion: o.metadata.resourceVersion,
          ...(spec.fieldPath ? { fieldPath: spec.fieldPath } : {}),
        },
        reason: spec.reason,
        message: spec.message,
        source: { component: spec.component, ...(spec.host ? { host: spec.host } : {}) },
        firstTimestamp: rfc3339(epochMs),
        lastTimestamp: rfc3339(epochMs),
        count: 1,
        type: spec.type,
        eventTime: null,
        reportingComponent: spec.component,
        reportingInstance: spec.host ?? '',
      }
  apiRequest(client, ctx, 'create', eventsPath(eventsApi, namespace), cont, { ...send, body, ...(spec.asUser ? { asUser: spec.asUser } : {}) })
}

/**
 * The events collection's path, one string per API and namespace: the apiserver's path memo then
 * finds it by a hash already computed, where a path written per event was hashed every time.
 */
const eventsPaths = { core: new Map<string, string>(), events: new Map<string, string>() }

function eventsPath(eventsApi: boolean, namespace: string): string {
  const byNamespace = eventsApi ? eventsPaths.events : eventsPaths.core
  let path = byNamespace.get(namespace)
  if (path === undefined) {
    path = eventsApi ? `/apis/events.k8s.io/v1/namespaces/${namespace}/events` : `/api/v1/namespaces/${namespace}/events`
    byNamespace.set(namespace, path)
  }
  return path
}

/** getEventKey: source, involved object (with fieldPath, uid, apiVersion), type, reason, message. */
function eventKey(spec: EventSpec): string {
  const o = spec.involved
  return [spec.component, spec.host ?? '', o.kind, o.metadata.namespace ?? '', o.metadata.name, spec.fieldPath ?? '', o.metadata.uid ?? '', o.apiVersion, spec.type, spec.reason, spec.message].join('')
}

/** The correlator's cache is an LRU of 4096 keys (maxLruCacheEntries). */
const cacheSize = 4096

function remember<C>(client: ApiClient<C>, key: string, name: string): void {
  const cache = (client.events ??= {})
  cache[key] = { name, count: 1 }
  client.eventsSize = (client.eventsSize ?? 0) + 1
  if (client.eventsSize > cacheSize) {
    // The least recently used key is the first in insertion order.
    for (const oldest in cache) {
      delete cache[oldest]
      break
    }
    client.eventsSize--
  }
}

/** A repeat: PATCH the count, lastTimestamp and message of the Event already recorded. */
function correlated<C>(client: ApiClient<C>, ctx: Ctx, spec: EventSpec, namespace: string, epochMs: number, cont: C, send: SendOptions): boolean {
  const key = eventKey(spec)
  const seen = client.events?.[key]
  if (!seen) return false
  seen.count++
  // Used again: the most recent key of the LRU.
  delete client.events![key]
  client.events![key] = seen
  const body = { count: seen.count, lastTimestamp: rfc3339(epochMs), message: spec.message }
  apiRequest(client, ctx, 'patch', `/api/v1/namespaces/${namespace}/events/${seen.name}`, cont, { ...send, body, ...(spec.asUser ? { asUser: spec.asUser } : {}) })
  return true
}
