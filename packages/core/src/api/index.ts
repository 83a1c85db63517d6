export type * from './common';
export type { AntomEndpointMap } from './endpoint-map';
export type * from './payments';
export type * from './refunds';
