import { useState } from 'react';
import { WRITE_BACK_DETAIL_MAX_LENGTH } from '../../../server/contract/decisions';
import { ApiProblem } from '../shared/http';
import { problemOf, type Problem } from '../shared/problems';
import type { Messages } from '../i18n/zh-CN';
import type { LaunchPractitioner } from '../launch/ehr-reads';
import type { CardSession } from '../launch/smart';
import { withAnswer, type OverrideInput, type Practitioner, type PromptView } from './model';
import type { PromptApi, WriteBackReport } from './prompt-api';

export type Busy = keyof Messages['busy'];

/**
 * What the doctor can do on a card, and the state of doing it: accept a result (then write it into the
 * EHR's record and report how that went), withdraw the decision, record an exception, repeat a write
 * or a report that failed. One action at a time (`busy`); a problem shown until the next.
 */
export function useDecisionActions({
  session,
  api,
  view,
  onView,
  onReload,
  onDecided,
}: {
  readonly session: CardSession;
  readonly api: PromptApi;
  readonly view: PromptView;
  readonly onView: (update: (view: PromptView) => PromptView) => void;
  readonly onReload: () => void;
  /** A decision was recorded: the screen leaves whatever it was editing. */
  readonly onDecided: () => void;
}) {
  const [busy, setBusy] = useState<Busy | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [unreported, setUnreported] = useState<WriteBackReport | null>(null);

  /**
   * Who decides: the launch user. An EHR that does not say who that is (no fhirUser) still launched
   * from the card raised for the ordering user's session, so then that user.
   */
  const deciderOf = (launched: LaunchPractitioner | null): Practitioner => launched ?? view.prompt.orderedBy;
  const decider = async (): Promise<Practitioner> => deciderOf(await session.practitioner);
  /** What the EHR says of the order, so a decision on a signed order is recorded as made after signing. */
  const signedInEhr = async (): Promise<{ orderSigned?: boolean }> => {
    const signed = view.prompt.orderRef ? await session.orderSigned(view.prompt.orderRef) : null;
    return signed === null ? {} : { orderSigned: signed };
  };

  const fail = (error: unknown) => {
    const found = problemOf(error);
    setProblem(found);
    // The card changed under the doctor (a result left its window, the day ended): show it as it is now.
    if (found.kind === 'not-recognisable' || found.kind === 'locked') onReload();
  };

  const report = async (outcome: WriteBackReport) => {
    setBusy('reporting');
    try {
      const detail = outcome.detail?.trim().slice(0, WRITE_BACK_DETAIL_MAX_LENGTH) || null;
      const answer = await api.reportWriteBack({ status: outcome.status, detail });
      onView((current) => withAnswer(current, answer));
      setUnreported(null);
    } catch (error) {
      // The EHR's answer is kept, so the report can be repeated without writing the result twice.
      setUnreported(outcome);
      fail(error);
    }
  };

  const writeBack = async (resource: Record<string, unknown>) => {
    setBusy('writing');
    await report(await session.writeToRecord(resource));
  };

  const run = async (first: Busy, action: () => Promise<void>) => {
    setBusy(first);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const accept = (resultId: string) =>
    run('saving', async () => {
      const answer = await api.decide({
        outcome: 'accepted',
        resultId,
        practitioner: await decider(),
        ...(await signedInEhr()),
      });
      onView((current) => withAnswer(current, answer));
      onDecided();
      setUnreported(null);
      if (answer.writeBackResource) await writeBack(answer.writeBackResource);
    });

  const retryWrite = () =>
    run('writing', async () => {
      if (view.writeBackResource) await writeBack(view.writeBackResource);
    });

  const retryReport = () =>
    run('reporting', async () => {
      if (unreported) await report(unreported);
    });

  const withdraw = () =>
    run('withdrawing', async () => {
      const answer = await api.decide({ outcome: 'withdrawn', practitioner: await decider() });
      onView((current) => withAnswer(current, answer));
      onDecided();
      setUnreported(null);
    });

  const submitException = async (input: Omit<OverrideInput, 'practitioner'>): Promise<string | null> => {
    let refusedField: string | null = null;
    await run('saving', async () => {
      try {
        const answer = await api.decide({ ...input, practitioner: await decider(), ...(await signedInEhr()) });
        onView((current) => withAnswer(current, answer));
        onDecided();
      } catch (error) {
        // A field the server refused belongs next to that field, not in a banner.
        if (error instanceof ApiProblem && error.code === 'invalid' && error.field) refusedField = error.field;
        else throw error;
      }
    });
    return refusedField;
  };

  return { busy, problem, unreported, deciderOf, accept, withdraw, submitException, retryWrite, retryReport };
}
