/**
 * fhirclient falls back to `isomorphic-webcrypto` when `globalThis.crypto` is missing, which no
 * browser we support lacks; the build points that import here instead of bundling the polyfill.
 */
const webcrypto: Crypto = globalThis.crypto;
export default webcrypto;
