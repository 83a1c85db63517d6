import type { AddressInfo } from 'node:net';
import {
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/** Listens on 127.0.0.1, port 0; returns the origin. */
export async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A merchant key pair and gateway for an AntomClient that is never called in these tests. */
export const UNUSED_GATEWAY = 'http://127.0.0.1:9';

/** The app's own route exemption from its global auth guard. */
export const Public = () => SetMetadata('isPublic', true);

/** The app's own global auth guard, as a real app has one: `Bearer app-token`, or a `@Public()` route. */
@Injectable()
export class AppAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride('isPublic', [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (req.headers.authorization !== 'Bearer app-token') throw new UnauthorizedException();
    return true;
  }
}
