import { randomBytes } from 'node:crypto';
import type { Database } from './database';

/** A HIS registered for the HIS channel, as the channel needs it. */
export interface HisClient {
  readonly id: string;
  readonly name: string;
  readonly hospitalId: string;
  readonly hmacKey: string;
  readonly origins: readonly string[];
  readonly revoked: boolean;
}

interface HisClientRow {
  id: string;
  name: string;
  hospital_id: string;
  hmac_key: string;
  origins: string;
  revoked_at: string | null;
}

function toClient(row: HisClientRow): HisClient {
  return {
    id: row.id,
    name: row.name,
    hospitalId: row.hospital_id,
    hmacKey: row.hmac_key,
    origins: JSON.parse(row.origins) as string[],
    revoked: row.revoked_at !== null,
  };
}

/** Registers (or re-registers, which rotates the key) a HIS; answers the new key, shown once. */
export async function saveHisClient(
  db: Database,
  client: Pick<HisClient, 'id' | 'name' | 'hospitalId' | 'origins'>,
  now: Date,
  key = `hk_${randomBytes(32).toString('base64url')}`,
): Promise<string> {
  await db('his_clients')
    .insert({
      id: client.id,
      name: client.name,
      hospital_id: client.hospitalId,
      hmac_key: key,
      origins: JSON.stringify(client.origins),
      created_at: now.toISOString(),
      revoked_at: null,
    })
    .onConflict('id')
    .merge();
  return key;
}

export async function findHisClient(db: Database, id: string): Promise<HisClient | null> {
  const row = await db<HisClientRow>('his_clients').where('id', id).first();
  return row ? toClient(row) : null;
}

/** Every registration, revoked ones too, without their keys. */
export async function listHisClients(db: Database): Promise<Omit<HisClient, 'hmacKey'>[]> {
  const rows = await db<HisClientRow>('his_clients').orderBy('id');
  return rows.map((row) => {
    const { hmacKey: _key, ...client } = toClient(row);
    return client;
  });
}

export async function revokeHisClient(db: Database, id: string, now: Date): Promise<boolean> {
  return (
    (await db('his_clients').where('id', id).whereNull('revoked_at').update({ revoked_at: now.toISOString() })) > 0
  );
}

export type HisOrderEvent = 'viewed' | 'signed';

/** Notes once that the HIS reported an order viewed or signed; the first report's time stays. */
export async function noteHisOrderEvent(
  db: Database,
  promptId: string,
  event: HisOrderEvent,
  at: string,
  doctorId: string,
): Promise<void> {
  await db('his_order_events')
    .insert({ prompt_id: promptId, event, at, doctor_id: doctorId })
    .onConflict(['prompt_id', 'event'])
    .ignore();
}

export async function hisOrderEvents(db: Database, promptIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const rows = await db<{ prompt_id: string; event: string }>('his_order_events').whereIn('prompt_id', [...promptIds]);
  const events = new Map<string, Set<string>>();
  for (const row of rows) events.set(row.prompt_id, (events.get(row.prompt_id) ?? new Set()).add(row.event));
  return events;
}
