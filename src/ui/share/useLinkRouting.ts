import { useEffect } from 'react'
import { isShareFragment } from '../../share/codec.ts'
import { openLink } from '../../state/share-actions.ts'

/**
 * A link pasted into an open tab changes only the fragment: the page does not reload, so the
 * hashchange is the moment to open it. (The first load opens its link in main.tsx.)
 */
export function useLinkRouting(): void {
  useEffect(() => {
    const onHash = (): void => {
      if (isShareFragment(window.location.hash)) openLink(window.location.hash)
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
}
