import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** How a shop is configured: the design's shared environment contract. */
export interface ShopSettings {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  adminToken: string;
  adminTokenGenerated: boolean;
}

export function shopSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  defaults: { port?: number } = {},
): ShopSettings {
  const port = Number(env.PORT ?? defaults.port ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  const adminToken = env.ADMIN_TOKEN ?? randomBytes(12).toString('hex');
  return {
    port,
    host,
    publicUrl: (env.PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/$/, ''),
    dataDir: env.DATA_DIR ?? join(process.cwd(), 'data'),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    adminToken,
    adminTokenGenerated: !env.ADMIN_TOKEN,
  };
}
