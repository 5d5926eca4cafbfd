import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Database } from './database';

interface PgSession {
  query(statement: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

interface SqliteSession {
  all(sql: string, values: unknown[], callback: (error: Error | null, rows: unknown[]) => void): void;
}

interface Compiled {
  /** The dialect's own placeholders (`$1` or `?`), for the driver. */
  readonly native: string;
  /** knex's `?` placeholders, for `raw` in a transaction. */
  readonly portable: string;
  readonly name: string;
  readonly values: number;
}

/** Per dialect and shape, the compiled SQL: it depends on nothing else. */
const compiledByShape = new Map<string, Compiled>();

function compiled(dialect: string, shape: string, build: () => Knex.QueryBuilder): Compiled {
  const key = `${dialect}\u0000${shape}`;
  let found = compiledByShape.get(key);
  if (!found) {
    const query = build().toSQL();
    const native = query.toNative();
    // Named by its text: PostgreSQL refuses a second statement of the same name with another text.
    const name = `huren_${createHash('sha256').update(native.sql).digest('hex').slice(0, 24)}`;
    compiledByShape.set(
      key,
      (found = { native: native.sql, portable: query.sql, name, values: native.bindings.length }),
    );
  }
  return found;
}

/**
 * The rows of a read on the hook's path (issue 22 point 5). knex builds and compiles the query once
 * per dialect and shape (`build` gives it with placeholder values, in the order `values` follows); each
 * call then hands the compiled SQL and its values to the driver on a pooled connection, without
 * knex's builder, compiler and runner. On PostgreSQL it is a named prepared statement, so the server
 * also parses and plans it once per connection. On SQLite the driver prepares it per call: it cannot
 * close a connection whose statements are still open, and knex's pool closes idle readers.
 * In a transaction, which holds its own connection, the compiled SQL goes through knex's `raw`.
 */
export async function preparedRows<Row>(
  db: Database,
  shape: string,
  build: () => Knex.QueryBuilder,
  values: readonly Knex.Value[],
): Promise<Row[]> {
  const dialect = String(db.client.config.client);
  const statement = compiled(dialect, shape, build);
  if (statement.values !== values.length)
    throw new Error(`${shape}: ${values.length} values for a statement of ${statement.values}`);
  if (db.isTransaction) {
    const answer: unknown = await db.raw(statement.portable, [...values]);
    return (Array.isArray(answer) ? answer : (answer as { rows: unknown[] }).rows) as Row[];
  }
  const connection: unknown = await db.client.acquireConnection();
  try {
    if (dialect === 'pg') {
      const answer = await (connection as PgSession).query({
        name: statement.name,
        text: statement.native,
        values: [...values],
      });
      return answer.rows as Row[];
    }
    return await new Promise<Row[]>((resolve, reject) =>
      (connection as SqliteSession).all(statement.native, [...values], (error, rows) =>
        error ? reject(error) : resolve(rows as Row[]),
      ),
    );
  } finally {
    await db.client.releaseConnection(connection);
  }
}
