export * from '../api';
export { AntomClient } from './client';
export { type AntomClientOptions, type AntomRegion, REGION_ORIGINS } from './config';
export { ENDPOINTS } from './endpoints';
export type { AntomHooks, AntomRequestEvent, AntomResponseEvent, AntomRetryEvent } from './hooks';
export { GO_ON_RESULT_CODES, RETRY_RESULT_CODES } from './retry';
export type { AntomApi, AntomCallOptions, ApiTree, EndpointMethod, EndpointRequest, EndpointResponse } from './types';
