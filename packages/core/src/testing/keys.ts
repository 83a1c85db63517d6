import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface TestKeyPair {
  /** PKCS#8 PEM (`BEGIN PRIVATE KEY`). */
  privateKey: string;
  /** X.509 SPKI PEM (`BEGIN PUBLIC KEY`). */
  publicKey: string;
  /** The private key as the Antom dashboard shows keys: bare base64 of the DER, one line. */
  privateKeyBase64: string;
  publicKeyBase64: string;
  privateKeyObject: KeyObject;
  publicKeyObject: KeyObject;
}

function base64Of(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
}

/** A fresh RSA-2048 pair for tests: sign with `privateKey` as "Antom", give `publicKey` to the receiver. */
export function generateTestKeyPair(): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    privateKey: privatePem,
    publicKey: publicPem,
    privateKeyBase64: base64Of(privatePem),
    publicKeyBase64: base64Of(publicPem),
    privateKeyObject: privateKey,
    publicKeyObject: publicKey,
  };
}
