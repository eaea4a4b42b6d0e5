import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { parsePrivateKey, signVoiceJwt, type SigningKey } from '../../src/sender/jwt.js'
import { readRsaPrivateKey } from '../../src/sender/rsa-key.js'
import { leftOf, rightOf } from './helpers.js'
import { applicationId, keys, pemBody } from './keys.js'

const derOf = (pem: string): Uint8Array => Uint8Array.from(Buffer.from(pemBody(pem), 'base64'))

const pemOf = (der: Uint8Array, label: string): string =>
  `-----BEGIN ${label}-----\n${(
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  ).join('\n')}\n-----END ${label}-----\n`

const pkcs8Pem = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }) as string

const unparsable = 'could not be parsed as a PEM private key'

describe('readRsaPrivateKey', () => {
  it('wraps a PKCS#1 key into exactly the PKCS#8 that node:crypto exports for it', () => {
    const fromPkcs1 = rightOf(readRsaPrivateKey(keys.pkcs1))
    const fromPkcs8 = rightOf(readRsaPrivateKey(keys.pkcs8))
    expect(Buffer.from(fromPkcs1.pkcs8).equals(Buffer.from(derOf(keys.pkcs8)))).toBe(true)
    expect(Buffer.from(fromPkcs8.pkcs8).equals(Buffer.from(derOf(keys.pkcs8)))).toBe(true)
    expect([fromPkcs1.modulusLength, fromPkcs8.modulusLength]).toEqual([2048, 2048])
  })

  it('measures the modulus of a larger key', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 })
    expect(rightOf(readRsaPrivateKey(pkcs8Pem(privateKey))).modulusLength).toBe(3072)
  })

  it('finds the key among other text, with CRLF line ends', () => {
    const wrapped = `Bag Attributes\r\n    localKeyID: 01\r\n${keys.pkcs8.replace(/\n/g, '\r\n')}trailing notes\r\n`
    expect(rightOf(readRsaPrivateKey(wrapped)).modulusLength).toBe(2048)
  })

  it('names the key types node:crypto names', () => {
    const types = [
      generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).privateKey,
      generateKeyPairSync('ed25519').privateKey,
      generateKeyPairSync('x25519').privateKey
    ].map((key) => leftOf(readRsaPrivateKey(pkcs8Pem(key))))
    expect(types).toEqual([
      'is not an RSA key (its type is rsa-pss); Vonage signs with RS256, which needs an RSA key',
      'is not an RSA key (its type is ed25519); Vonage signs with RS256, which needs an RSA key',
      'is not an RSA key (its type is x25519); Vonage signs with RS256, which needs an RSA key'
    ])
  })

  it('refuses a key whose modulus is not the product of its primes', () => {
    const der = derOf(keys.pkcs1)
    // 30 82 LL LL | 02 01 00 | 02 82 01 01 00 <modulus>: byte 100 lies inside the modulus.
    der[100] = der[100]! ^ 0x01
    expect(leftOf(readRsaPrivateKey(pemOf(der, 'RSA PRIVATE KEY')))).toBe(unparsable)
  })

  it('refuses trailing bytes, mismatched armour, bad base64 and a missing end line', () => {
    const der = derOf(keys.pkcs8)
    const longer = new Uint8Array(der.length + 1)
    longer.set(der)
    const cases = [
      pemOf(longer, 'PRIVATE KEY'),
      keys.pkcs1.replace('-----END RSA PRIVATE KEY-----', '-----END PRIVATE KEY-----'),
      keys.pkcs8.replace(/\n(.)/, '\n*$1'),
      keys.pkcs8.replace('-----END PRIVATE KEY-----', ''),
      pemOf(new Uint8Array(0), 'PRIVATE KEY')
    ]
    expect(cases.map((pem) => leftOf(readRsaPrivateKey(pem)))).toEqual(cases.map(() => unparsable))
  })

  it('never throws, whatever the bytes inside the armour (a changed byte, a cut)', () => {
    const der = derOf(keys.pkcs1)
    fc.assert(
      fc.property(
        fc.nat({ max: der.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.nat({ max: der.length }),
        (at, flip, cut) => {
          const changed = der.slice(0, Math.max(cut, at + 1))
          changed[at] = changed[at]! ^ flip
          for (const label of ['RSA PRIVATE KEY', 'PRIVATE KEY']) {
            const result = readRsaPrivateKey(pemOf(changed, label))
            expect(E.isLeft(result) || result.right.modulusLength >= 2048).toBe(true)
          }
        }
      ),
      { numRuns: 300 }
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(E.isLeft(readRsaPrivateKey(pemOf(bytes, 'PRIVATE KEY')))).toBe(true)
      }),
      { numRuns: 300 }
    )
  })
})

describe('parsePrivateKey', () => {
  it('gives a frozen key that holds nothing a log could print', () => {
    const key = rightOf(parsePrivateKey(keys.pkcs8))
    expect(Object.isFrozen(key)).toBe(true)
    expect(JSON.stringify(key)).toBe('{"algorithm":"RS256","modulusLength":2048}')
  })

  it('signs with Web Crypto, many times with one import', async () => {
    const key = rightOf(parsePrivateKey(keys.pkcs1))
    const issuedAt = Math.floor(Date.now() / 1000)
    const tokens = await Promise.all(
      [1, 2, 3].map(() => signVoiceJwt(key, { applicationId, issuedAt, ttlSeconds: 60 }))
    )
    for (const token of tokens) {
      expect((await jwtVerify(token, keys.publicKey)).payload.application_id).toBe(applicationId)
    }
  })

  it('signVoiceJwt refuses a key it did not make', async () => {
    const forged: SigningKey = { algorithm: 'RS256', modulusLength: 2048 }
    await expect(
      signVoiceJwt(forged, { applicationId, issuedAt: 0, ttlSeconds: 60 })
    ).rejects.toThrow('the key was not made by parsePrivateKey')
  })
})
