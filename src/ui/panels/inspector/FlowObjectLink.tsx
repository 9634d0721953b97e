import type { Flow } from '../../../sim/protocol.ts'
import { useCauseStore } from '../../../state/cause-store.ts'
import { objectKeyOf } from '../../../state/flow-object.ts'
import { inspectObject } from '../../../state/object-inspector.ts'

/** The stored object a message is about, as a link that opens it in the object inspector. */
export function FlowObjectLink({ flow }: { flow: Flow }) {
  const tree = useCauseStore((s) => s.tree)
  const key = objectKeyOf(flow, tree)
  if (!key) return null
  return (
    <p className="details__object">
      Object:{' '}
      <button
        type="button"
        className="oinspect__link"
        data-testid="details.object"
        aria-label={`Inspect the stored object ${key}`}
        onClick={() => inspectObject(key)}
      >
        <code>{key}</code>
      </button>
    </p>
  )
}
