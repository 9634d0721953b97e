/// <reference lib="webworker" />
/**
 * Worker entry: owns one simulation and answers the page's commands (see host.ts).
 */
import { serveSimulation } from './host.ts'

declare const self: DedicatedWorkerGlobalScope

serveSimulation(self)
