/**
 * Reading an answer's body with a limit. A create-call answer is a few hundred bytes; a body
 * read whole into one string let a server that answered 2 GiB abort the process (V8 cannot
 * make such a string, and that failure cannot be caught). So the body is read as a stream
 * and the reading stops at `maxBytes`: past it, only its first bytes are kept, for the
 * failure to quote, and the rest is never read.
 *
 * @since 0.2.0
 */

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A body read to its end, or the start of one that was too large.
 *
 * @category model
 * @since 0.2.0
 */
export type ReadBody =
  | { readonly type: 'complete'; readonly text: string }
  | {
      readonly type: 'too-large'
      /** The first bytes (at most `headBytes`) as text, for an excerpt. */
      readonly head: string
      readonly maxBytes: number
    }

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * The most the client reads of an answer's body: 1 MiB, far above any create-call answer.
 *
 * @category constants
 * @since 0.2.0
 */
export const maxResponseBytes = 1_048_576

/** What is kept of a body that is too large: enough for the 2,000-character excerpt. */
const headBytes = 8_192

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

const concat = (chunks: ReadonlyArray<Uint8Array>, length: number): Uint8Array => {
  const bytes = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    if (offset >= length) break
    const part = chunk.subarray(0, length - offset)
    bytes.set(part, offset)
    offset += part.length
  }
  return bytes
}

/** UTF-8, a broken sequence as U+FFFD, a leading BOM dropped: what `response.text()` does. */
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

const declaredLength = (response: Response): number | undefined => {
  const header = response.headers.get('content-length')
  return header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined
}

/**
 * Reads `response`'s body up to `maxBytes` (default 1 MiB). A body that declares or turns out
 * to be larger is not read further and its stream is cancelled. Rejects like
 * `response.text()` when the connection is lost or the read is aborted.
 *
 * @category destructors
 * @since 0.2.0
 */
export const readBody = async (
  response: Response,
  maxBytes: number = maxResponseBytes
): Promise<ReadBody> => {
  const stream = response.body
  if (stream === null) return { type: 'complete', text: '' }
  const reader = stream.getReader()
  const tooLarge = (chunks: ReadonlyArray<Uint8Array>, received: number): ReadBody => {
    reader.cancel().catch(() => undefined)
    return {
      type: 'too-large',
      head: decode(concat(chunks, Math.min(received, headBytes))),
      maxBytes
    }
  }
  const declared = declaredLength(response)
  if (declared !== undefined && declared > maxBytes) return tooLarge([], 0)
  const chunks: Uint8Array[] = []
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.length
    chunks.push(value)
    // At most one chunk past the limit is ever held; the rest of the body is never read.
    if (received > maxBytes) return tooLarge(chunks, received)
  }
  return { type: 'complete', text: decode(concat(chunks, received)) }
}
