import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { normalizeOptions, regions, type ClientOptions } from '../../src/sender/config.js'
import { readKeyFile } from '../../src/sender/key-file.js'
import { leftOf, rightOf } from './helpers.js'
import { applicationId, keys, pemBody } from './keys.js'

const dir = mkdtempSync(join(tmpdir(), 'ncco-kit-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const problems = (options: ClientOptions) => leftOf(normalizeOptions(options))

describe('normalizeOptions: defaults', () => {
  it('fills every default', () => {
    const config = rightOf(normalizeOptions({ applicationId, privateKey: keys.pkcs8 }))
    expect(config).toMatchObject({
      baseUrl: 'https://api.nexmo.com',
      timeoutMs: 10_000,
      profile: 'strict',
      retry: { maxAttempts: 3, maxTotalWaitMs: 10_000 },
      authentication: { type: 'key', applicationId, ttlSeconds: 300 }
    })
    expect(config.limiter).toBeDefined()
  })

  it('limiter: false sends at once', () => {
    expect(
      rightOf(normalizeOptions({ applicationId, privateKey: keys.pkcs8, limiter: false })).limiter
    ).toBeUndefined()
  })

  it('selects a documented regional host', () => {
    expect(
      rightOf(normalizeOptions({ applicationId, privateKey: keys.pkcs8, region: 'eu-west' }))
        .baseUrl
    ).toBe('https://api-eu-3.vonage.com')
    expect(Object.keys(regions)).toHaveLength(10)
  })

  it('keeps a path prefix and drops a trailing slash', () => {
    expect(
      rightOf(
        normalizeOptions({
          applicationId,
          privateKey: keys.pkcs8,
          baseUrl: 'https://proxy.example/vonage/'
        })
      ).baseUrl
    ).toBe('https://proxy.example/vonage')
  })
})

describe('normalizeOptions: problems, all at once, in plain words', () => {
  it('collects every problem', () => {
    expect(
      problems({
        applicationId: ' ',
        privateKey: '',
        baseUrl: 'ftp://api.nexmo.com',
        timeoutMs: 0,
        retry: { maxAttempts: 0, maxTotalWaitMs: -1 },
        jwtTtlSeconds: 10,
        limiter: { callsPerSecond: 0 }
      })
    ).toEqual([
      { option: 'baseUrl', message: 'baseUrl must be an http(s) URL, got the scheme "ftp:".' },
      { option: 'timeoutMs', message: 'timeoutMs must be an integer from 1 to 2147483647, got 0.' },
      {
        option: 'retry.maxAttempts',
        message: 'retry.maxAttempts must be an integer from 1 to 10, got 0.'
      },
      {
        option: 'retry.maxTotalWaitMs',
        message: 'retry.maxTotalWaitMs must be an integer from 0 to 2147483647, got -1.'
      },
      {
        option: 'limiter.callsPerSecond',
        message: 'callsPerSecond must be a positive integer, got 0.'
      },
      {
        option: 'applicationId',
        message: 'applicationId is required (the Vonage application id), unless token is given.'
      },
      {
        option: 'privateKey',
        message: 'privateKey is required (PEM text), unless token is given.'
      },
      {
        option: 'jwtTtlSeconds',
        message: 'jwtTtlSeconds must be an integer from 30 to 86400, got 10.'
      }
    ])
  })

  it('refuses plain http except on loopback hosts', () => {
    expect(
      problems({ applicationId, privateKey: keys.pkcs8, baseUrl: 'http://api.nexmo.com' })
    ).toEqual([
      {
        option: 'baseUrl',
        message: 'baseUrl must use https (the request carries a token), got "http://api.nexmo.com".'
      }
    ])
    for (const baseUrl of ['http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:2']) {
      expect(
        rightOf(normalizeOptions({ applicationId, privateKey: keys.pkcs8, baseUrl })).baseUrl
      ).toBe(baseUrl)
    }
  })

  it('refuses baseUrl with region, a query, credentials, a relative URL', () => {
    const messages = [
      { baseUrl: 'https://a.example', region: 'eu' as const },
      { baseUrl: 'https://a.example/?x=1' },
      { baseUrl: 'https://user:pw@a.example' },
      { baseUrl: '/v1' }
    ].map((o) => problems({ applicationId, privateKey: keys.pkcs8, ...o }).map((p) => p.message))
    expect(messages).toEqual([
      ['Give either baseUrl or region, not both.'],
      ['baseUrl must not contain credentials, a query or a fragment.'],
      ['baseUrl must not contain credentials, a query or a fragment.'],
      ['baseUrl must be an absolute URL such as "https://api.nexmo.com", got "/v1".']
    ])
  })

  it('token and key credentials exclude each other', () => {
    const both = {
      token: () => 'x',
      applicationId,
      privateKey: keys.pkcs8
    } as unknown as ClientOptions
    expect(problems(both)).toEqual([
      { option: 'token', message: 'Give either token, or applicationId and privateKey, not both.' }
    ])
  })
})

describe('private keys', () => {
  const keyProblem = (privateKey: string): string => {
    const [first] = problems({ applicationId, privateKey })
    return first.message
  }
  /** The problem with the options of `createClient` from ncco-kit/node, which reads files. */
  const nodeKeyProblem = (privateKey: string): string => {
    const [first] = leftOf(normalizeOptions({ applicationId, privateKey }, readKeyFile))
    return first.message
  }

  it('accepts PKCS#8 and PKCS#1 PEM text; with a key file reader, a file holding either', () => {
    const path = join(dir, 'pkcs1.key')
    writeFileSync(path, keys.pkcs1)
    for (const privateKey of [keys.pkcs8, keys.pkcs1]) {
      expect(rightOf(normalizeOptions({ applicationId, privateKey })).authentication.type).toBe(
        'key'
      )
    }
    for (const privateKey of [keys.pkcs8, keys.pkcs1, path]) {
      expect(
        rightOf(normalizeOptions({ applicationId, privateKey }, readKeyFile)).authentication.type
      ).toBe('key')
    }
  })

  it('without a key file reader (the platform-neutral client), a path points at ncco-kit/node', () => {
    const path = join(dir, 'pkcs1.key')
    writeFileSync(path, keys.pkcs1)
    expect(keyProblem(path)).toBe(
      `privateKey must be PEM text, got what looks like a file path (${JSON.stringify(path)}); to read a key file, use createClient from "ncco-kit/node", or pass the file's text.`
    )
  })

  it('with a key file reader: says which option is missing, and names the file that cannot be read', () => {
    expect(leftOf(normalizeOptions({ applicationId, privateKey: '' }, readKeyFile))).toEqual([
      {
        option: 'privateKey',
        message: 'privateKey is required (PEM text or a file path), unless token is given.'
      }
    ])
    expect(nodeKeyProblem(join(dir, 'missing.key'))).toBe(
      `Cannot read the private key file ${JSON.stringify(join(dir, 'missing.key'))} (ENOENT); privateKey must be PEM text or the path of a file holding it.`
    )
    expect(nodeKeyProblem(dir)).toBe(
      `Cannot read the private key file ${JSON.stringify(dir)} (EISDIR); privateKey must be PEM text or the path of a file holding it.`
    )
  })

  it('says what is wrong with a key without showing it', () => {
    const publicPem = keys.publicPem
    const encrypted = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'secret'
    }) as string
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem'
    }) as string
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem'
    }) as string
    const garbled = keys.pkcs8.replace(/[A-Za-z]{20}/, 'A'.repeat(20))
    const cases = [publicPem, encrypted, ec, small, garbled]
    const messages = cases.map(keyProblem)
    expect(messages).toEqual([
      'privateKey is a public key or certificate; give the private key.',
      'privateKey is encrypted with a passphrase; give the decrypted key.',
      'privateKey is not an RSA key (its type is ec); Vonage signs with RS256, which needs an RSA key.',
      'privateKey is a 1024-bit RSA key; RS256 needs at least 2048 bits.',
      'privateKey could not be parsed as a PEM private key.'
    ])
    cases.forEach((pem, i) => expect(messages[i]).not.toContain(pemBody(pem).slice(0, 24)))
  })

  it('accepts a key whose line breaks were written as \\n (environment variables)', () => {
    const escaped = keys.pkcs8.trim().split('\n').join('\\n')
    expect(escaped).not.toContain('\n')
    expect(
      rightOf(normalizeOptions({ applicationId, privateKey: escaped })).authentication.type
    ).toBe('key')
  })

  it('never repeats key-like text as if it were a path', () => {
    const flattened = pemBody(keys.pkcs8) // a key that lost its armour and line breaks
    const message = keyProblem(flattened)
    expect(message).toBe(
      'privateKey is not a PEM private key (expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----").'
    )
  })

  it('a file that is not a key', () => {
    const path = join(dir, 'notes.txt')
    writeFileSync(path, 'hello')
    expect(nodeKeyProblem(path)).toBe(
      `The private key file ${JSON.stringify(path)} is not a PEM private key (expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----").`
    )
  })
})
