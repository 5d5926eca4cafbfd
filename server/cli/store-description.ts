import { resolve } from 'node:path';
import type { Config } from '../config';

/**
 * Which store a command works on, in one line for the operator: the SQLite file's full path, or the
 * PostgreSQL server and database (never the password). The CLI reads the same settings as the server
 * (.env, then the environment), so this is also where the server keeps its data.
 */
export function describeStore(store: Config['store']): string {
  if (store.client === 'sqlite') return `SQLite ${resolve(store.file)} (SQLITE_FILE)`;
  const url = new URL(store.url);
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  return `PostgreSQL ${user}${url.host}${url.pathname} (DATABASE_URL)`;
}
