/**
 * RSA private keys read from PEM text with nothing but the language: the armour, base64
 * (`atob`) and the few DER shapes of PKCS#8 and PKCS#1. The checks `node:crypto` used to make
 * (a private key, not encrypted, RSA, at least 2048 bits, its parts consistent) are made here,
 * synchronously, so that a client with an unusable key is refused when it is made, on any
 * runtime. The result is PKCS#8, the one private-key format every runtime's
 * `crypto.subtle.importKey` accepts; a PKCS#1 key is wrapped into it.
 *
 * Messages say what kind of text was found, never the text.
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An RSA private key that passed every check, as PKCS#8 DER.
 *
 * @category model
 * @since 0.2.0
 */
export interface RsaPrivateKeyDer {
  readonly pkcs8: Uint8Array
  /** Bits of the modulus: 2048 for the keys the Vonage dashboard makes. */
  readonly modulusLength: number
}

// -------------------------------------------------------------------------------------
// DER
// -------------------------------------------------------------------------------------

const tags = { integer: 0x02, octetString: 0x04, null: 0x05, oid: 0x06, sequence: 0x30 } as const

/** One DER element: its tag and where its content lies in the bytes. */
interface Element {
  readonly tag: number
  readonly start: number
  readonly end: number
}

/** The element at `offset`, if its header is well formed and it ends before `limit`. */
const elementAt = (bytes: Uint8Array, offset: number, limit: number): Element | undefined => {
  if (offset + 2 > limit) return undefined
  const tag = bytes[offset]!
  // Multi-byte tags do not occur in these structures.
  if ((tag & 0x1f) === 0x1f) return undefined
  let length = bytes[offset + 1]!
  let start = offset + 2
  if (length >= 0x80) {
    const count = length & 0x7f
    // 0 is BER's indefinite length, which DER forbids; more than 4 bytes is no key.
    if (count === 0 || count > 4 || start + count > limit) return undefined
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i]!
    start += count
  }
  const end = start + length
  return end <= limit ? { tag, start, end } : undefined
}

/** The elements one after another from `start` to exactly `end`. */
const elementsIn = (
  bytes: Uint8Array,
  start: number,
  end: number
): ReadonlyArray<Element> | undefined => {
  const found: Element[] = []
  for (let offset = start; offset < end;) {
    const element = elementAt(bytes, offset, end)
    if (element === undefined) return undefined
    found.push(element)
    offset = element.end
  }
  return found
}

/** The content of a SEQUENCE that fills `bytes` exactly, as its elements. */
const sequenceOf = (bytes: Uint8Array): ReadonlyArray<Element> | undefined => {
  const outer = elementAt(bytes, 0, bytes.length)
  if (outer === undefined || outer.tag !== tags.sequence || outer.end !== bytes.length) {
    return undefined
  }
  return elementsIn(bytes, outer.start, outer.end)
}

/** A non-negative INTEGER's value, or `undefined` for a negative or empty one. */
const unsignedOf = (bytes: Uint8Array, element: Element): bigint | undefined => {
  if (element.tag !== tags.integer || element.end === element.start) return undefined
  if (bytes[element.start]! >= 0x80) return undefined
  let value = 0n
  for (let i = element.start; i < element.end; i++) value = (value << 8n) | BigInt(bytes[i]!)
  return value
}

const bitLength = (value: bigint): number => value.toString(2).length

/** An OBJECT IDENTIFIER in dotted form. */
const oidOf = (bytes: Uint8Array, element: Element): string | undefined => {
  if (element.tag !== tags.oid || element.end === element.start) return undefined
  const arcs: number[] = []
  let arc = 0
  for (let i = element.start; i < element.end; i++) {
    const byte = bytes[i]!
    arc = arc * 128 + (byte & 0x7f)
    if (arc > Number.MAX_SAFE_INTEGER / 128) return undefined
    if (byte < 0x80) {
      arcs.push(arc)
      arc = 0
    }
  }
  if (bytes[element.end - 1]! >= 0x80) return undefined
  const [first = 0, ...rest] = arcs
  const top = first < 40 ? 0 : first < 80 ? 1 : 2
  return [top, first - top * 40, ...rest].join('.')
}

const lengthBytes = (length: number): number[] => {
  if (length < 0x80) return [length]
  const bytes: number[] = []
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256)
  return [0x80 | bytes.length, ...bytes]
}

const encode = (tag: number, content: Uint8Array): Uint8Array => {
  const header = [tag, ...lengthBytes(content.length)]
  const out = new Uint8Array(header.length + content.length)
  out.set(header)
  out.set(content, header.length)
  return out
}

// -------------------------------------------------------------------------------------
// keys
// -------------------------------------------------------------------------------------

const rsaEncryption = '1.2.840.113549.1.1.1'

/** Node's names for the key types a PKCS#8 file may hold instead of an RSA key. */
const keyTypes: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.10': 'rsa-pss',
  '1.2.840.10045.2.1': 'ec',
  '1.2.840.10040.4.1': 'dsa',
  '1.2.840.113549.1.3.1': 'dh',
  '1.3.101.110': 'x25519',
  '1.3.101.111': 'x448',
  '1.3.101.112': 'ed25519',
  '1.3.101.113': 'ed448'
}

/** `AlgorithmIdentifier { rsaEncryption, NULL }`, as DER. */
const rsaAlgorithm = new Uint8Array([
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
])

/** PKCS#1 `RSAPrivateKey` wrapped in a PKCS#8 `PrivateKeyInfo` (version 0). */
const pkcs8Of = (pkcs1: Uint8Array): Uint8Array => {
  const version = new Uint8Array([tags.integer, 0x01, 0x00])
  const key = encode(tags.octetString, pkcs1)
  const content = new Uint8Array(version.length + rsaAlgorithm.length + key.length)
  content.set(version)
  content.set(rsaAlgorithm, version.length)
  content.set(key, version.length + rsaAlgorithm.length)
  return encode(tags.sequence, content)
}

const unparsable = 'could not be parsed as a PEM private key'

/**
 * A two-prime PKCS#1 `RSAPrivateKey` (RFC 8017 A.1.2): version 0 and eight integers, whose
 * modulus is the product of its primes.
 */
const checkPkcs1 = (pkcs1: Uint8Array): E.Either<string, number> => {
  const fields = sequenceOf(pkcs1)
  if (fields === undefined || fields.length !== 9) return E.left(unparsable)
  const values = fields.map((field) => unsignedOf(pkcs1, field))
  const [version, modulus, , , prime1, prime2] = values
  if (version !== 0n || values.some((v) => v === undefined)) return E.left(unparsable)
  if (modulus !== prime1! * prime2!) return E.left(unparsable)
  const bits = bitLength(modulus!)
  return bits < 2048
    ? E.left(`is a ${bits}-bit RSA key; RS256 needs at least 2048 bits`)
    : E.right(bits)
}

/** A PKCS#8 `PrivateKeyInfo` (RFC 5208): its algorithm and the key it wraps. */
const readPkcs8 = (
  der: Uint8Array
): E.Either<string, { readonly algorithm: string; readonly key: Uint8Array }> => {
  const fields = sequenceOf(der)
  if (fields === undefined || fields.length < 3) return E.left(unparsable)
  const [version, algorithm, key] = fields as [Element, Element, Element]
  const v = unsignedOf(der, version)
  if ((v !== 0n && v !== 1n) || algorithm.tag !== tags.sequence || key.tag !== tags.octetString) {
    return E.left(unparsable)
  }
  const [oid] = elementsIn(der, algorithm.start, algorithm.end) ?? []
  const name = oid === undefined ? undefined : oidOf(der, oid)
  if (name === undefined) return E.left(unparsable)
  return E.right({ algorithm: name, key: der.subarray(key.start, key.end) })
}

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

const bytesOf = (text: string): Uint8Array | undefined => {
  if (!base64.test(text)) return undefined
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

const privateKeyBlock = /-----BEGIN (RSA )?PRIVATE KEY-----([^-]*)-----END (RSA )?PRIVATE KEY-----/

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Reads an RSA private key from PEM text, PKCS#8 (`BEGIN PRIVATE KEY`, what the Vonage
 * dashboard downloads) or PKCS#1 (`BEGIN RSA PRIVATE KEY`). On failure the message ends a
 * sentence that starts with the key's name ("privateKey …").
 *
 * @category constructors
 * @since 0.2.0
 */
export const readRsaPrivateKey = (pem: string): E.Either<string, RsaPrivateKeyDer> => {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem)) {
    return E.left('is encrypted with a passphrase; give the decrypted key')
  }
  if (/-----BEGIN (?:RSA )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(pem)) {
    return E.left('is a public key or certificate; give the private key')
  }
  if (!/-----BEGIN (?:RSA )?PRIVATE KEY-----/.test(pem)) {
    return E.left(
      'is not a PEM private key (expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----")'
    )
  }
  const block = privateKeyBlock.exec(pem)
  if (block === null || block[1] !== block[3]) return E.left(unparsable)
  const der = bytesOf(block[2]!.replace(/\s+/g, ''))
  if (der === undefined) return E.left(unparsable)
  if (block[1] !== undefined) {
    return pipe(
      checkPkcs1(der),
      E.map((modulusLength) => ({ pkcs8: pkcs8Of(der), modulusLength }))
    )
  }
  const info = readPkcs8(der)
  if (E.isLeft(info)) return info
  if (info.right.algorithm !== rsaEncryption) {
    return E.left(
      `is not an RSA key (its type is ${keyTypes[info.right.algorithm] ?? 'unknown'}); Vonage signs with RS256, which needs an RSA key`
    )
  }
  return pipe(
    checkPkcs1(info.right.key),
    E.map((modulusLength) => ({ pkcs8: der, modulusLength }))
  )
}
