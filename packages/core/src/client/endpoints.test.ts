import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AntomClient } from './client';
import { ENDPOINTS } from './endpoints';
import { SUCCESS, startGateway, type TestGateway } from './test-gateway';

const fixture = new URL('../../fixtures/antom-paths.txt', import.meta.url);
const allPaths = readFileSync(fixture, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.startsWith('/'));

/** The multipart upload has its own gateway and encoding; it is reachable through request() only. */
const REQUEST_ONLY = ['/ams/api/open/openapiv2_file/v1/business/attachment/submitAttachment'];

function tablePaths(tree: object, prefix: string[] = []): Array<[string[], string]> {
  return Object.entries(tree).flatMap(([name, value]) =>
    typeof value === 'string'
      ? [[[...prefix, name], value] as [string[], string]]
      : tablePaths(value as object, [...prefix, name]),
  );
}

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const antomKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
let gateway: TestGateway;
let antom: AntomClient;

beforeAll(async () => {
  gateway = await startGateway({
    merchantPublicKey: merchant.publicKey,
    antomPrivateKey: antomKeys.privateKey,
    answer: () => ({ body: { result: SUCCESS } }),
  });
  antom = new AntomClient({
    clientId: 'WALK',
    privateKey: merchant.privateKey,
    antomPublicKey: antomKeys.publicKey,
    gateway: gateway.origin,
  });
});

afterAll(async () => {
  await antom.close();
  await gateway.close();
});

describe('every path in antom-paths.txt', () => {
  it('the fixture is the full list', () => {
    expect(allPaths.length).toBeGreaterThanOrEqual(150);
    expect(new Set(allPaths).size).toBe(allPaths.length);
  });

  it('the table covers exactly the fixture (minus the request-only upload), with method names from the path', () => {
    const table = tablePaths(ENDPOINTS);
    expect(table.map(([, path]) => `/ams/api${path}`).sort()).toEqual(
      allPaths.filter((p) => !REQUEST_ONLY.includes(p)).sort(),
    );
    for (const [names, path] of table) expect(`/v1/${names.join('/')}`).toBe(path);
  });

  it('each method calls its exact path, signed, and the server verifies it', async () => {
    for (const path of allPaths) {
      const before = gateway.requests.length;
      const names = path.replace(/^\/ams\/api\/v1\//, '').split('/');
      let method: unknown = antom;
      for (const name of names) method = (method as Record<string, unknown> | undefined)?.[name];
      if (REQUEST_ONLY.includes(path)) {
        await antom.request(path, { probe: path });
      } else {
        expect(typeof method, `no method for ${path}`).toBe('function');
        await (method as (body: object) => Promise<unknown>)({ probe: path });
      }
      const received = gateway.requests[before]!;
      expect(received.path).toBe(path);
      expect(received.signatureValid).toBe(true);
      expect(JSON.parse(received.body.toString())).toEqual({ probe: path });
    }
    expect(gateway.requests).toHaveLength(allPaths.length);
  });
});
