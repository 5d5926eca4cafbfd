import type { Database } from '../store/database';
import { fileReceipts, type Filed, type Receipt } from '../store/receipts';

/** A group larger than this waits for the next commit: bounded statements, bounded latency. */
const MAX_GROUP = 200;

interface Waiting {
  readonly receipt: Receipt;
  readonly resolve: (filed: Filed) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for the ways results come in. Each sender waits for its acknowledgement until its
 * message is committed, so with one commit per message the rate is the number of senders divided by
 * a commit's latency. Here, messages that arrive while a commit is under way are filed together in
 * the next one, and each is answered once that commit is durable: nothing acknowledged is lost, and
 * a busier platform commits larger groups instead of queueing. No timer: an idle store commits at once.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private draining: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
  ) {}

  file(receipt: Receipt): Promise<Filed> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ receipt, resolve, reject });
      // The first waiter starts the drain; later ones join whatever group is being gathered.
      this.draining ??= this.drain().finally(() => (this.draining = null));
    });
  }

  private async drain(): Promise<void> {
    // Let messages parsed in the same turn of the event loop join the first group.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, MAX_GROUP);
      try {
        const answers = await fileReceipts(
          this.db,
          group.map((waiting) => waiting.receipt),
          this.clock(),
        );
        answers.forEach((answer, index) => group[index]?.resolve(answer));
      } catch {
        // One message the store refuses must not sink the others: each is filed alone, and only its own
        // sender hears of the error.
        for (const waiting of group) {
          try {
            for (const answer of await fileReceipts(this.db, [waiting.receipt], this.clock())) waiting.resolve(answer);
          } catch (error) {
            waiting.reject(error);
          }
        }
      }
    }
  }
}
