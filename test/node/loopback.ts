/**
 * Loopback servers for tests: each on 127.0.0.1 with a port of its own, closed (with every
 * connection still open) by `closeServers`, which a test file runs after each test.
 */
import { createServer, type RequestListener, type ServerOptions } from 'node:http'
import type { AddressInfo } from 'node:net'

const closers: Array<() => Promise<void>> = []

/** Closes every server started since the last call. */
export const closeServers = async (): Promise<void> => {
  await Promise.all(closers.splice(0).map((close) => close()))
}

/** Serves `listener` on 127.0.0.1 (port 0) and returns its base URL, `http://127.0.0.1:PORT`. */
export const listen = async (
  listener: RequestListener,
  options: ServerOptions = {}
): Promise<string> => {
  const server = createServer(options, listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
