import type { Database } from './database';
import { upsertResults, type IncomingResult } from './results';

/** One message a source sent that read cleanly: the results it carries, under its control or document id. */
export interface Receipt {
  readonly sourceId: string;
  readonly controlId: string;
  readonly results: readonly IncomingResult[];
}

/** Stored now, or stored before under the same control id (answered as stored, not stored twice). */
export type Filed = 'stored' | 'duplicate';

const key = (sourceId: string, controlId: string) => `${sourceId}\u0000${controlId}`;

/**
 * Several messages filed in one transaction, and so one commit: the duplicate check, the reports'
 * upserts and the received-message records of all of them. Answers in the order given.
 */
export async function fileReceipts(db: Database, receipts: readonly Receipt[], now: Date): Promise<Filed[]> {
  return db.transaction(async (trx) => {
    const pairs = [...new Map(receipts.map((r) => [key(r.sourceId, r.controlId), [r.sourceId, r.controlId]])).values()];
    const storedBefore = await trx('received_messages')
      .select<{ source_id: string; control_id: string }[]>('source_id', 'control_id')
      .whereIn(['source_id', 'control_id'], pairs)
      .andWhere('outcome', 'stored');
    const seen = new Set(storedBefore.map((row) => key(row.source_id, row.control_id)));
    const answers = receipts.map((receipt): Filed => {
      const id = key(receipt.sourceId, receipt.controlId);
      if (seen.has(id)) return 'duplicate';
      seen.add(id);
      return 'stored';
    });
    const filed = receipts.filter((_, index) => answers[index] === 'stored');
    if (filed.length === 0) return answers;
    await upsertResults(
      trx,
      filed.flatMap((receipt) => receipt.results),
      now,
    );
    await trx('received_messages')
      .insert(
        filed.map((receipt) => ({
          source_id: receipt.sourceId,
          control_id: receipt.controlId,
          received_at: now.toISOString(),
          outcome: 'stored',
        })),
      )
      .onConflict(['source_id', 'control_id'])
      .merge(['outcome', 'received_at']);
    return answers;
  });
}
