import { useRef } from 'react'
import { scenarioFileName, scenarioYaml } from '../../share/export-yaml.ts'
import { sessionStore } from '../../state/session-store.ts'
import { download, importFile } from './files.ts'

/** Export the running scenario (with what was typed) as YAML; import a YAML or JSON file. */
export function ScenarioFiles() {
  const inputRef = useRef<HTMLInputElement>(null)

  const exportYaml = (): void => {
    const { scenario, userScript } = sessionStore.getState()
    if (!scenario) return
    download(scenarioFileName(scenario.title), scenarioYaml(scenario, userScript))
  }

  return (
    <div className="scenario-files">
      <button
        type="button"
        className="button"
        data-testid="toolbar.export"
        title="Download this scenario, with what you typed, as a YAML file"
        onClick={exportYaml}
      >
        Export
      </button>
      <button
        type="button"
        className="button"
        data-testid="toolbar.import"
        title="Open a scenario file (or drop one on the page)"
        onClick={() => inputRef.current?.click()}
      >
        Import
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import.input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0]
          if (file) void importFile(file)
          e.currentTarget.value = ''
        }}
      />
    </div>
  )
}
