/**
 * Where the express server serves this app (server/web/routes.ts, and `base` in vite.config.ts).
 * Not read from Vite's BASE_URL: the launch must build the same redirect URI under test as in the build.
 */
export const APP_BASE_PATH = '/app';

/** An absolute URL of this app's page at `path` (e.g. `/launch`), on the origin the browser is on. */
export function appUrl(path: string): string {
  return new URL(`${APP_BASE_PATH}${path}`, window.location.origin).href;
}
