import { ErrorBoundary } from './ErrorBoundary.tsx'
import { Shell } from './Shell.tsx'

export function App({ loadError }: { loadError?: string }) {
  return (
    <ErrorBoundary>
      <Shell {...(loadError !== undefined ? { loadError } : {})} />
    </ErrorBoundary>
  )
}
