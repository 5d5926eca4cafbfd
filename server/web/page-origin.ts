/**
 * Huren's own web origin: its pages (the SMART app, the development demo workstation and HIS) may
 * call with any client's credentials.
 */
export function ownOriginOf(publicUrl: string): string {
  return new URL(publicUrl).origin;
}

/**
 * Whether a call carrying a client's credentials may come from this page: a call with no Origin (server
 * to server), one from Huren's own pages, or one from an origin the client registered. A browser page
 * another client registered cannot borrow this client's credentials. The CDS Hooks routes and the HIS
 * channel's browser calls both decide by it.
 */
export function pageMayCall(
  origin: string | undefined,
  ownOrigin: string,
  registered: readonly string[] | undefined,
): boolean {
  return origin === undefined || origin === ownOrigin || (registered?.includes(origin) ?? false);
}
