/**
 * One TypeScript language service over the project's real files, with the tsconfig.json
 * options, plus probe files that exist only in memory: what an editor would show a user who
 * wrote them (hovers, errors).
 */
import { resolve } from 'node:path'
import ts from 'typescript'

const ROOT = resolve(import.meta.dirname, '../..')

const options = (): ts.CompilerOptions => {
  const file = resolve(ROOT, 'tsconfig.json')
  const config = ts.readConfigFile(file, (f) => ts.sys.readFile(f))
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options, noEmit: true }
}

export interface Probes {
  /** The absolute path of a probe file given by its path from the repository root. */
  readonly path: (relative: string) => string
  readonly service: ts.LanguageService
  /** The hover at the first occurrence of `marker` in `file`, at `offset` into the marker. */
  readonly quickInfo: (
    file: string,
    marker: string,
    offset: number
  ) => { readonly display: string; readonly documentation: string }
  /** Every error of a probe file, as `line: message` with the message chain flattened. */
  readonly errors: (file: string) => ReadonlyArray<string>
}

/** A service whose only root files are the probes (given by path from the repository root). */
export const languageService = (probes: Readonly<Record<string, string>>): Probes => {
  const virtual = new Map(Object.entries(probes).map(([f, text]) => [resolve(ROOT, f), text]))
  const compilerOptions = options()
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [...virtual.keys()],
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => {
      const text = virtual.get(f) ?? ts.sys.readFile(f)
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text)
    },
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => compilerOptions,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => virtual.has(f) || ts.sys.fileExists(f),
    readFile: (f) => virtual.get(f) ?? ts.sys.readFile(f),
    directoryExists: (d) => ts.sys.directoryExists(d),
    getDirectories: (d) => ts.sys.getDirectories(d),
    realpath: (f) => (virtual.has(f) ? f : (ts.sys.realpath?.(f) ?? f))
  }
  const service = ts.createLanguageService(host, ts.createDocumentRegistry())
  const path = (relative: string): string => resolve(ROOT, relative)
  const textOf = (file: string): string => {
    const text = virtual.get(path(file))
    if (text === undefined) throw new Error(`${file} is not a probe`)
    return text
  }
  return {
    path,
    service,
    quickInfo: (file, marker, offset) => {
      const at = textOf(file).indexOf(marker)
      if (at === -1) throw new Error(`${marker} is not in ${file}`)
      const info = service.getQuickInfoAtPosition(path(file), at + offset)
      return {
        display: ts.displayPartsToString(info?.displayParts),
        documentation: ts.displayPartsToString(info?.documentation)
      }
    },
    errors: (file) => {
      const source = service.getProgram()?.getSourceFile(path(file))
      return service.getSemanticDiagnostics(path(file)).map((d) => {
        const line =
          source === undefined || d.start === undefined
            ? 0
            : source.getLineAndCharacterOfPosition(d.start).line + 1
        return `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
      })
    }
  }
}
