export { type BoundedBody, readBoundedBody } from './read-bounded';
export { type RawBody, type RequestBody, readRequestBody, readUnparsedBody, type UnparsedBodySource } from './unparsed';
