/**
 * RSA keys made when the tests start (never stored in the repository): the application's key
 * in both PEM encodings the client accepts, its public key for the fake API, and a second
 * key that the fake API does not know.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto'

const pem = (key: KeyObject, type: 'pkcs8' | 'pkcs1'): string =>
  key.export({ type, format: 'pem' }) as string

const application = generateKeyPairSync('rsa', { modulusLength: 2048 })
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })

export const applicationId = '0d4884d1-eae8-4f6c-a5b0-1ce7b7e8a1b2'

export const keys = {
  pkcs8: pem(application.privateKey, 'pkcs8'),
  pkcs1: pem(application.privateKey, 'pkcs1'),
  publicKey: application.publicKey,
  publicPem: application.publicKey.export({ type: 'spki', format: 'pem' }) as string,
  strangerPkcs8: pem(stranger.privateKey, 'pkcs8')
} as const

/** The base64 body of a PEM: any run of it in an output means the key leaked. */
export const pemBody = (text: string): string =>
  text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('-----'))
    .join('')
