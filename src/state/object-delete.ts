/**
 * Deleting the inspected object from its inspector: the button types the kubectl line a person
 * would type (`kubectl delete pod web-5d4b9 -n default`), so the deletion is one recorded action
 * like any other — shared by links, undone by a seek — and the learner sees the command it stands for.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { KObject, KubectlResult } from '../sim/protocol.ts'
import { runKubectl } from './actions.ts'
import { onKubectlAnswer } from './kubectl-answer.ts'

export interface ObjectDeleteState {
  /** The etcd key the line was typed for: a deletion belongs to one object. */
  key: string | null
  line: string | null
  /** Null while kubectl waits (a pod's deletion waits for its kubelet, as real kubectl does). */
  answer: KubectlResult | null
}

export const objectDeleteStore = createStore<ObjectDeleteState>()(() => ({
  key: null,
  line: null,
  answer: null,
}))

export function useObjectDelete<T>(selector: (state: ObjectDeleteState) => T): T {
  return useStore(objectDeleteStore, selector)
}

/** The kubectl line that deletes this object: kind in lower case, as kubectl accepts it. */
export function deleteLine(object: Pick<KObject, 'kind' | 'metadata'>): string {
  const ns = object.metadata.namespace
  return `delete ${object.kind.toLowerCase()} ${object.metadata.name ?? ''}${ns ? ` -n ${ns}` : ''}`
}

let cancel = (): void => {}

export function deleteObject(key: string, object: Pick<KObject, 'kind' | 'metadata'>): void {
  const line = deleteLine(object)
  cancel()
  objectDeleteStore.setState({ key, line, answer: null })
  cancel = onKubectlAnswer(runKubectl(line), (answer) => {
    if (objectDeleteStore.getState().line === line) objectDeleteStore.setState({ answer })
  })
}

/** Forgets the last deletion (another object inspected, the inspector closed). */
export function clearObjectDelete(): void {
  cancel()
  cancel = () => {}
  objectDeleteStore.setState({ key: null, line: null, answer: null })
}
