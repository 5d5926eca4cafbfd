import type { AccessLogEndpoint } from '../contract/access-log';
import type { Database } from '../store/database';
import { appendAccess, type AccessEntry, type ActorKind } from '../store/access-log';
import { BatchWriter } from '../store/batch-writer';

/** Who reads, and through which endpoint: what a read of a patient's results is logged under. */
export interface AccessActor {
  readonly kind: ActorKind;
  readonly actor: string;
  readonly name: string | null;
  readonly endpoint: AccessLogEndpoint;
}

/**
 * The access log's writer. A hook call notes its read and goes on; the entries reach the store in
 * batches about once a second (a store that refuses keeps them in memory until it accepts), so the
 * log costs the hot path no write of its own.
 */
export class AccessLog {
  private readonly writer: BatchWriter<AccessEntry>;

  constructor(
    db: Database,
    private readonly clock: () => Date,
    onError: (error: unknown) => void,
  ) {
    this.writer = new BatchWriter((batch) => appendAccess(db, batch), onError);
  }

  note(
    actor: AccessActor,
    read: {
      readonly hospitalId: string | null;
      readonly patientKey: string;
      readonly results: number;
      /** A look-up Huren refused (not this hospital's patient): logged all the same. */
      readonly refused?: boolean;
    },
  ): void {
    this.writer.add({
      at: this.clock().toISOString(),
      hospitalId: read.hospitalId,
      actorKind: actor.kind,
      actor: actor.actor,
      actorName: actor.name,
      patientKey: read.patientKey,
      endpoint: actor.endpoint,
      results: read.results,
      refused: read.refused ?? false,
    });
  }

  /** Entries not yet stored. */
  get unsaved(): number {
    return this.writer.size;
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }
}
