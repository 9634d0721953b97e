/**
 * How a container's process behaves, read from its real spec: `sh -c "exit 3"` exits 3,
 * `sleep 30` runs 30 s, `echo hi` exits 0; anything else is a server that runs until stopped.
 * A shell or sleep as PID 1 has no SIGTERM handler, so it only dies to SIGKILL at the end of the
 * grace period; servers such as nginx exit promptly on SIGTERM.
 */
export interface Behaviour {
  /** Exits by itself after this many ms, with `exitCode`. */
  exitAfterMs?: number
  exitCode: number
  ignoresSigterm: boolean
}

export function behaviourOf(command: string[] | undefined, args: string[] | undefined): Behaviour {
  const argv = [...(command ?? []), ...(args ?? [])]
  if (argv.length === 0) return { exitCode: 0, ignoresSigterm: false }
  const script = (argv[0] === 'sh' || argv[0] === '/bin/sh' || argv[0] === 'bash') && argv[1] === '-c' ? (argv[2] ?? '') : argv.join(' ')
  const steps = script.split(/;|&&/).map((s) => s.trim())
  let elapsed = 0
  for (const step of steps) {
    const [prog, arg] = step.split(/\s+/)
    if (prog === 'sleep') {
      if (arg === 'infinity') return { exitCode: 0, ignoresSigterm: true }
      elapsed += Math.round(Number(arg ?? 0) * 1000)
    } else if (prog === 'exit') return { exitAfterMs: elapsed + 5, exitCode: Number(arg ?? 0), ignoresSigterm: true }
    else if (prog === 'false') return { exitAfterMs: elapsed + 5, exitCode: 1, ignoresSigterm: true }
  }
  const shellish = ['sh', '/bin/sh', 'bash', 'sleep', 'echo', 'true', 'false', 'date', 'cat', 'ls', 'env', 'printenv']
  if (!shellish.includes(argv[0]!)) return { exitCode: 0, ignoresSigterm: false }
  return { exitAfterMs: elapsed + 5, exitCode: 0, ignoresSigterm: true }
}
