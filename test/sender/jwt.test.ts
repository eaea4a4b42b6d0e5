import { decodeProtectedHeader, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { parsePrivateKey, signVoiceJwt } from '../../src/sender/jwt.js'
import { rightOf } from './helpers.js'
import { applicationId, keys } from './keys.js'

describe('signVoiceJwt', () => {
  it('RS256 with application_id, iat, exp and jti, verifiable with the public key', async () => {
    const key = rightOf(parsePrivateKey(keys.pkcs1))
    const iat = Math.floor(Date.now() / 1000)
    const token = await signVoiceJwt(key, {
      applicationId,
      issuedAt: iat,
      ttlSeconds: 60,
      jti: 'jti-1'
    })
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'JWT' })
    const { payload } = await jwtVerify(token, keys.publicKey, { algorithms: ['RS256'] })
    expect(payload).toEqual({ application_id: applicationId, iat, exp: iat + 60, jti: 'jti-1' })
  })

  it('a fresh jti each time when none is given', async () => {
    const key = rightOf(parsePrivateKey(keys.pkcs8))
    const claims = { applicationId, issuedAt: Math.floor(Date.now() / 1000), ttlSeconds: 60 }
    const tokens = await Promise.all([signVoiceJwt(key, claims), signVoiceJwt(key, claims)])
    const jtis = await Promise.all(
      tokens.map(async (t) => (await jwtVerify(t, keys.publicKey)).payload.jti)
    )
    expect(new Set(jtis).size).toBe(2)
  })
})
