import { useSessionStore } from '../../state/session-store.ts'
import { DamagedLink } from './DamagedLink.tsx'
import { FileDrop } from './FileDrop.tsx'
import { useLinkRouting } from './useLinkRouting.ts'
import { usePresenterKeys } from './usePresenterKeys.ts'

/** Everything share links and workshops add on top of the shell: one mount point in Shell.tsx. */
export function WorkshopLayer() {
  useLinkRouting()
  usePresenterKeys()
  const presenter = useSessionStore((s) => s.presenter)
  return (
    <>
      {presenter && (
        <p className="presenter-hint" data-testid="presenter.hint">
          PageDown: next · PageUp: back · Esc: leave
        </p>
      )}
      <FileDrop />
      <DamagedLink />
    </>
  )
}
