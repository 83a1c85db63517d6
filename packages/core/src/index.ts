export * from './body';
export * from './client';
export * from './errors';
export { safeJsonParse } from './json';
export {
  type KeyInput,
  type KeyLookup,
  loadPrivateKey,
  loadPublicKey,
  loadPublicKeyring,
  type PublicKeyring,
} from './keys';
export * from './notifications';
export {
  type Body,
  buildContentToSign,
  contentToSignBytes,
  type ParsedSignatureHeader,
  parseSignatureHeader,
  redactSignature,
  type SignedContent,
  signRequest,
  verifyParsed,
  verifySignature,
} from './signature';
