/**
 * The body of a webhook request: read chunk by chunk within a size limit (a `Content-Length`
 * over it is refused unread, one under it is not trusted), then parsed as JSON, or as a form.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import { makeIssue } from '../issue.js'
import type { Issue } from '../issue.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What reading a body gave: its bytes, or that it was over the limit (the rest unread), or
 * that the stream failed (a client that went away, a body already read).
 *
 * @category model
 * @since 0.2.0
 */
export type BodyRead =
  | { readonly type: 'bytes'; readonly bytes: Uint8Array }
  | { readonly type: 'too-large' }
  | { readonly type: 'unreadable' }

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Reads the body chunk by chunk and stops at the first byte over `limit`, so that no more than
 * `limit` bytes and one chunk are ever held. A `Content-Length` over the limit is refused
 * without reading; one under it is not trusted.
 *
 * @category destructors
 * @since 0.2.0
 */
export const readBody = async (request: Request, limit: number): Promise<BodyRead> => {
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > limit) {
    request.body?.cancel().catch(() => undefined)
    return { type: 'too-large' }
  }
  const body = request.body
  if (body === null) return { type: 'bytes', bytes: new Uint8Array(0) }
  let reader: ReadableStreamDefaultReader<unknown>
  try {
    reader = body.getReader()
  } catch {
    return { type: 'unreadable' }
  }
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!(value instanceof Uint8Array)) {
        reader.cancel().catch(() => undefined)
        return { type: 'unreadable' }
      }
      total += value.byteLength
      if (total > limit) {
        reader.cancel().catch(() => undefined)
        return { type: 'too-large' }
      }
      chunks.push(value)
    }
  } catch {
    return { type: 'unreadable' }
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { type: 'bytes', bytes }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The POST payload: JSON, or a form (tolerated; the Voice API sends JSON). Bytes that are not
 * UTF-8, and text that is not JSON, are a `parse-error` finding.
 *
 * @category destructors
 * @since 0.2.0
 */
export const parsePayload = (
  bytes: Uint8Array,
  contentType: string | null
): E.Either<ReadonlyNonEmptyArray<Issue>, unknown> => {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return E.left([
      makeIssue('parse-error', '', { format: 'JSON', reason: 'the body is not UTF-8 text' })
    ])
  }
  if (contentType !== null && /^application\/x-www-form-urlencoded\b/i.test(contentType.trim())) {
    return E.right(new URLSearchParams(text))
  }
  try {
    return E.right(JSON.parse(text))
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the body is not JSON'
    return E.left([makeIssue('parse-error', '', { format: 'JSON', reason })])
  }
}
