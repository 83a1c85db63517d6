import type { AntomRequestBody, AntomResponse } from '../api/common';
import type { AntomEndpointMap } from '../api/endpoint-map';
import type { ENDPOINTS } from './endpoints';

/** Per-call overrides. */
export interface AntomCallOptions {
  signal?: AbortSignal;
  /** Per-attempt time limit for this call. */
  timeoutMs?: number;
  maxRetries?: number;
  /** ISV mode: the merchant's Agent-Token for this call only. */
  agentToken?: string;
}

export type EndpointRequest<P> = P extends keyof AntomEndpointMap ? AntomEndpointMap[P]['request'] : AntomRequestBody;
export type EndpointResponse<P> = P extends keyof AntomEndpointMap ? AntomEndpointMap[P]['response'] : AntomResponse;

export type EndpointMethod<P> = (body: EndpointRequest<P>, options?: AntomCallOptions) => Promise<EndpointResponse<P>>;

export type ApiTree<T> = { readonly [K in keyof T]: T[K] extends string ? EndpointMethod<T[K]> : ApiTree<T[K]> };

/** Every namespaced method: `antom.payments.pay`, `antom.merchants.settlementInfo.update`, ... */
export type AntomApi = ApiTree<typeof ENDPOINTS>;
