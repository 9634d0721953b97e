import { useSessionStore } from '../../state/session-store.ts'

/** The shell's extra classes for the current mode (presenter, embed). */
export function useShellMode(): string {
  const presenter = useSessionStore((s) => s.presenter)
  const embed = useSessionStore((s) => s.embed)
  return `${presenter ? ' shell--presenter' : ''}${embed ? ' shell--embed' : ''}`
}

export function useEmbed(): boolean {
  return useSessionStore((s) => s.embed)
}
