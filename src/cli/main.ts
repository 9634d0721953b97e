/**
 * `npm run --silent sim -- run <scenario.yaml> [--seed N] [--until 120s]`: runs a scenario headless
 * and prints one JSON document (DESIGN.md §4a). Exit 0 when it ran; 2 with one line on stderr when
 * the arguments or the scenario are not valid; 1 with one line if the engine itself fails.
 */
import { parseArgs, usage } from './args.ts'
import { readScenario } from './read-scenario.ts'
import { buildReport } from './report.ts'

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim()

function fail(code: number, message: string): void {
  process.stderr.write(`kube-anatomy: ${oneLine(message)}\n`)
  process.exitCode = code
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv)
  if (args.kind === 'help') {
    process.stdout.write(usage)
    return
  }
  if (args.kind === 'usage-error') return fail(2, `${args.message} (see --help)`)

  const name = args.file === '-' ? '<stdin>' : args.file
  const read = readScenario(args.file)
  if (!read.ok) return fail(2, `${name}: ${read.error}`)
  const scenario = {
    ...read.scenario,
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.untilMs !== undefined ? { untilMs: args.untilMs } : {}),
  }

  // Loaded here rather than at the top so that even an engine that fails to load is one line.
  const sim = await import('../sim/index.ts')
  const unsupported = sim.unsupportedFeature(scenario)
  if (unsupported) return fail(2, `${name}: ${unsupported}`)

  let report
  try {
    const simulation = sim.createSimulation(scenario)
    simulation.runUntil(scenario.untilMs)
    report = buildReport(simulation, sim.kubernetesVersion)
  } catch (error) {
    // An engine bug, not a bad file: exit 1, still one line.
    return fail(
      1,
      `${name}: the simulation failed: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  fail(1, `internal error: ${error instanceof Error ? error.message : String(error)}`)
})
