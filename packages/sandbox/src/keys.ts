import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KeyPairPem {
  privateKey: string;
  publicKey: string;
}

export interface SandboxKeyPairs {
  antom: KeyPairPem;
  merchant: KeyPairPem;
}

export function generateKeyPairPem(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKey, publicKey };
}

const FILES = {
  antomPrivate: 'antom-private.pem',
  antomPublic: 'antom-public.pem',
  merchantPrivate: 'merchant-private.pem',
  merchantPublic: 'merchant-public.pem',
} as const;

function readPair(dir: string, priv: string, pub: string): KeyPairPem | undefined {
  const p = join(dir, priv);
  const q = join(dir, pub);
  if (!existsSync(p) || !existsSync(q)) return undefined;
  return { privateKey: readFileSync(p, 'utf8'), publicKey: readFileSync(q, 'utf8') };
}

function writeSecret(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Reads both key pairs from `dir`, generating (and saving, mode 0600) whichever is missing. */
export function loadOrCreateKeys(dir?: string): SandboxKeyPairs {
  if (!dir) return { antom: generateKeyPairPem(), merchant: generateKeyPairPem() };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = (priv: string, pub: string): KeyPairPem => {
    const found = readPair(dir, priv, pub);
    if (found) return found;
    const made = generateKeyPairPem();
    writeSecret(join(dir, priv), made.privateKey);
    writeSecret(join(dir, pub), made.publicKey);
    return made;
  };
  return {
    antom: pair(FILES.antomPrivate, FILES.antomPublic),
    merchant: pair(FILES.merchantPrivate, FILES.merchantPublic),
  };
}
