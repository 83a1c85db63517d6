import { Inject } from '@nestjs/common';
import { getAntomClientToken, getAntomReceiverToken } from './tokens';

/** Injects the `AntomClient` of the default app, or of `AntomModule.forRoot({ name })`. */
export function InjectAntom(name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getAntomClientToken(name));
}

/** Injects the `NotificationReceiver` (core) of the default app, or of a named one. */
export function InjectAntomReceiver(name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getAntomReceiverToken(name));
}
