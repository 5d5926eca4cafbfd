/**
 * An imaging viewer address as the doctor's screen may link it: parsed by the WHATWG URL parser,
 * http(s) only, and with well-formed percent-escapes (the parser tolerates `%E0%A4%A`, a decoder
 * does not). Anything else is dropped at ingest: the report is kept, without its viewer link.
 */
export function viewerUrlOf(address: string | undefined): string | null {
  if (!address || !URL.canParse(address)) return null;
  const url = new URL(address);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  try {
    decodeURI(url.href);
  } catch {
    return null;
  }
  return url.href;
}
