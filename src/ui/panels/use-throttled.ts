import { useEffect, useRef, useState } from 'react'

/**
 * `value`, but changed at most once per `ms` of wall time; the latest value always lands within
 * `ms`. For lists that would otherwise rebuild on every animation frame under traffic.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value)
  const last = useRef(0)
  useEffect(() => {
    if (Object.is(value, shown)) return
    const wait = last.current + ms - performance.now()
    const show = (): void => {
      last.current = performance.now()
      setShown(value)
    }
    if (wait <= 0) {
      show()
      return
    }
    const timer = setTimeout(show, wait)
    return () => clearTimeout(timer)
  }, [value, shown, ms])
  return shown
}
