import { maxScenarioChars } from '../../scenarios/parse.ts'
import { importScenarioText } from '../../state/share-actions.ts'
import { sessionStore } from '../../state/session-store.ts'

/** Reads a chosen or dropped file and imports it as a scenario (YAML or JSON, as the CLI reads). */
export async function importFile(file: File): Promise<void> {
  if (file.size > maxScenarioChars * 4) {
    sessionStore.setState({
      importError: `${file.name} is ${file.size} bytes; a scenario file is at most ${maxScenarioChars} characters`,
    })
    return
  }
  try {
    importScenarioText(await file.text(), file.name)
    // The address no longer shows what runs: drop a link that was open.
    if (window.location.hash) history.replaceState(null, '', `${location.pathname}${location.search}`)
  } catch {
    sessionStore.setState({ importError: `${file.name} could not be read` })
  }
}

/** Saves text as a file through the browser's download. */
export function download(name: string, text: string, type = 'application/yaml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
