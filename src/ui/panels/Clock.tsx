import { useRef } from 'react'
import { useAnimationFrame } from 'motion/react'
import { selectDeliveredCount } from '../../state/selectors.ts'
import { useSimStore } from '../../state/sim-store.ts'
import { formatVirtual } from '../../state/time.ts'
import { virtualNow } from '../flows/useVirtualNow.ts'

/** The displayed virtual time, written every frame without a React render. */
export function Clock() {
  const ref = useRef<HTMLOutputElement>(null)
  const delivered = useSimStore(selectDeliveredCount)
  useAnimationFrame(() => {
    const text = formatVirtual(virtualNow())
    if (ref.current && ref.current.textContent !== text) ref.current.textContent = text
  })
  return (
    <div className="clock">
      <output
        ref={ref}
        className="clock__time"
        data-testid="clock"
        data-delivered={delivered}
        aria-label="Virtual time"
      >
        {formatVirtual(0)}
      </output>
      <span className="clock__delivered" aria-label="Messages delivered">
        {delivered} delivered
      </span>
    </div>
  )
}
