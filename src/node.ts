/**
 * ncco-kit/node: what needs Node.js (`node:http`, `node:fs`) and so stays out of the
 * platform-neutral root entry: the adapter that serves a Fetch handler from `node:http`,
 * Express or Fastify, the local Voice API sandbox, and the sender's client that reads the
 * private key from a file. Named re-exports only: this list is the public surface.
 *
 * @module ncco-kit/node
 * @since 0.2.0
 */

// serving a Fetch handler from node:http
export { toNodeListener } from './node/listener.js'
export type {
  FetchHandler,
  NodeListener,
  NodeListenerError,
  NodeListenerOptions
} from './node/listener.js'

// the local Voice API
export {
  SandboxStartError,
  describeStartFailure,
  sandboxDefaults,
  startSandbox,
  startSandboxTask
} from './node/sandbox.js'
export type {
  Sandbox,
  SandboxCall,
  SandboxLogEntry,
  SandboxOptions,
  SandboxOptionsBase,
  SandboxStartFailure
} from './node/sandbox.js'

// the sender, reading the private key from a file
export { createClient, createClientOrThrow } from './sender/key-file.js'
