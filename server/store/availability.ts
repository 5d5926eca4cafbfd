/**
 * Errors that mean "the store is unavailable right now" (locked, unreachable, restarting), by the
 * driver's error code or class, as opposed to our own bugs. They become 503, or a degraded hook answer.
 */
const SQLITE_UNAVAILABLE = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_PROTOCOL',
]);
const NETWORK_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
/** PostgreSQL SQLSTATE classes 08 (connection) and 57P (operator intervention), 53 (resources). */
const POSTGRES_UNAVAILABLE = /^(08|57P|53)/;

export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { name?: unknown }).name === 'KnexTimeoutError') return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return SQLITE_UNAVAILABLE.has(code) || NETWORK_UNAVAILABLE.has(code) || POSTGRES_UNAVAILABLE.test(code);
}
