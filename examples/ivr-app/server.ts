// Runs the IVR app on 127.0.0.1: `npx tsx examples/ivr-app/server.ts`.
//
//   PORT                     the port (default 3000; 0 for any free one)
//   BASE_URL                 where the Voice API reaches the app (default http://127.0.0.1:PORT),
//                            e.g. your tunnel's https URL; the eventUrls in the NCCOs start with it
//   VONAGE_SIGNATURE_SECRET  when set, every request must be signed with it (401 otherwise)
//
// The first line printed is `listening on http://127.0.0.1:PORT`; SIGINT or SIGTERM stops it.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { toNodeListener } from '../../src/node.js'
import { createIvrApp } from './app.js'

export interface IvrServer {
  readonly url: string
  readonly close: () => Promise<void>
}

export interface IvrServerOptions {
  readonly port?: number
  /** Default: the server's own URL. */
  readonly baseUrl?: string
  readonly signatureSecret?: string
  readonly log?: (line: string) => void
}

export const startIvrServer = async (options: IvrServerOptions = {}): Promise<IvrServer> => {
  // The app needs its base URL before the port is known, so the handler is made on first use.
  let handler: ((request: Request) => Promise<Response>) | undefined
  let url = ''
  const listener = toNodeListener((request) => {
    handler ??= createIvrApp({
      baseUrl: options.baseUrl ?? url,
      ...(options.signatureSecret === undefined
        ? {}
        : { signatureSecret: options.signatureSecret }),
      ...(options.log === undefined ? {} : { log: options.log })
    })
    return handler(request)
  })
  const server = createServer(listener)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 3000, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

const main = async (): Promise<void> => {
  const port = Number(process.env['PORT'] ?? 3000)
  const baseUrl = process.env['BASE_URL']
  const server = await startIvrServer({
    port: Number.isInteger(port) && port >= 0 ? port : 3000,
    ...(baseUrl === undefined || baseUrl === '' ? {} : { baseUrl }),
    log: (line) => console.log(line)
  })
  console.log(`listening on ${server.url}`)
  const stop = (): void => {
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

const runDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (runDirectly) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  })
}
