/**
 * Types for the one module of fast-json-patch the engine loads (json-patch.ts): the package types
 * its root and `module/core` but not the `.mjs` file. Only what json-patch.ts calls.
 */
declare module 'fast-json-patch/module/core.mjs' {
  export interface Operation {
    op: string
    path: string
    value?: unknown
    from?: string
  }
  export function applyPatch<T>(document: T, patch: readonly Operation[], validateOperation?: boolean, mutateDocument?: boolean): { newDocument: T }
}
