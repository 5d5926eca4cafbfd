import { apiFetch, ApiProblem } from '../shared/http';
import type { Language } from '../i18n/language';
import { saveFile } from './download';

/** Query parameters; undefined and empty values are left out, so URLs stay short and shareable. */
export type Query = Readonly<Record<string, string | number | undefined>>;

/** What a console sends: JSON, or the text of an uploaded CSV file. */
export type Body = { readonly json: unknown } | { readonly csv: string };

/** The consoles' access to our JSON API with one API token, in the reader's language. */
export interface ConsoleApi {
  /** `signal` cancels a request a newer one has overtaken (a filter changed again). */
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T>;
  send<T>(method: 'POST' | 'PUT', path: string, body: Body, query?: Query): Promise<T>;
  /** Fetches a file with the token (a link could not carry it) and saves it under the server's name. */
  download(path: string, query?: Query): Promise<string>;
}

function urlOf(path: string, query: Query = {}): URL {
  // Absolute, so the same code runs where fetch has no page to resolve against (the tests' Node fetch).
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
  }
  return url;
}

/** `attachment; filename="huren-orders-….csv"` → the name; the fallback when a proxy dropped the header. */
function fileNameOf(disposition: string | null, fallback: string): string {
  return /filename="?([^";]+)"?/.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * @param onUnauthenticated called on any 401: the token was revoked or has gone, the session ends.
 */
export function consoleApi(token: string, language: Language, onUnauthenticated: () => void): ConsoleApi {
  const call = async (
    method: string,
    path: string,
    query: Query | undefined,
    body?: Body,
    signal?: AbortSignal,
  ): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (body && 'json' in body) headers['content-type'] = 'application/json';
    if (body && 'csv' in body) headers['content-type'] = 'text/csv; charset=utf-8';
    try {
      return await apiFetch(urlOf(path, query), {
        token,
        language,
        method,
        headers,
        signal: signal ?? null,
        ...(body ? { body: 'json' in body ? JSON.stringify(body.json) : body.csv } : {}),
      });
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 401) onUnauthenticated();
      throw error;
    }
  };
  return {
    // Our own server, whose answers are validated against these schemas by its own tests.
    get: async <T>(path: string, query?: Query, signal?: AbortSignal) =>
      (await (await call('GET', path, query, undefined, signal)).json()) as T,
    send: async <T>(method: 'POST' | 'PUT', path: string, body: Body, query?: Query) =>
      (await (await call(method, path, query, body)).json()) as T,
    async download(path, query) {
      const response = await call('GET', path, query);
      const name = fileNameOf(response.headers.get('content-disposition'), path.split('/').at(-1) ?? 'download');
      saveFile(await response.blob(), name);
      return name;
    },
  };
}
