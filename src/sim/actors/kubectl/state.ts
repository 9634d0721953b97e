/** kubectl's state: the lines it is running and the requests they wait on. */
import type { ApiClient } from '../client/api-client.ts'

export interface RunningCommand {
  id: string
  atMs: number
  line: string
  requestId?: string
  namespace: string
  allNamespaces: boolean
  output: string
  stdout: string
  /** The resource named by the line: `pods`, `nodes`. */
  resource: string
  name: string
  /** Data carried between the command's requests (the pod, for describe). */
  carry: unknown
  /** What `-f -` reads. */
  stdin?: string
  /** `Warning: …` lines printed so far, one per distinct notice from the server. */
  warnings?: string
}

export type Step = 'run' | 'get-list' | 'get-one' | 'describe-pod' | 'describe-events' | 'delete' | 'delete-wait' | 'node' | 'prog' | 'svc' | 'exec'

export interface Cont {
  cmd: string
  step: Step
  /** For `prog` steps (objects-commands.ts): which request of the command this answers. */
  tag?: string
}

export interface KubectlState {
  client: ApiClient<Cont>
  commands: Record<string, RunningCommand>
  nextCmd: number
  /** Open watches (delete --wait) → the command waiting on them. */
  watches: Record<string, string>
  /** The context's namespace (`config set-context --current --namespace`); unset: default. */
  namespace?: string
}
