import Alert from '@mui/material/Alert';
import { useCallback, useMemo, useState } from 'react';
import { z } from 'zod';
import type { DecisionAnswer } from '../../../server/contract/decisions';
import { CardWorkspace } from '../decisions/CardWorkspace';
import { useLanguage } from '../i18n/language';
import type { CardSession } from '../launch/smart';

const STORAGE_KEY = 'huren-his-card';

const hisCardSchema = z.object({
  promptId: z.string().min(1),
  token: z.string().min(1),
  origins: z.array(z.string()),
});
type HisCard = z.infer<typeof hisCardSchema>;

/**
 * The card the single-use URL brought (in the fragment, which no server sees), kept for this tab so a
 * reload still works, and taken out of the address bar at once.
 */
function cardFromLocation(): HisCard | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const promptId = fragment.get('prompt');
  const token = fragment.get('token');
  if (promptId && token) {
    const card = { promptId, token, origins: (fragment.get('origins') ?? '').split(' ').filter(Boolean) };
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(card));
    window.history.replaceState(null, '', window.location.pathname);
    return card;
  }
  const stored = hisCardSchema.safeParse(JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? 'null'));
  return stored.success ? stored.data : null;
}

/** A HIS has no SMART launch: who decides is the doctor the HIS named in its check, and there is no EHR record to write. */
function hisSession(card: HisCard): CardSession {
  return {
    card: { promptId: card.promptId, token: card.token },
    proof: null,
    practitioner: Promise.resolve(null),
    patient: Promise.resolve(null),
    writeToRecord: async () => ({ status: 'refused', detail: null }),
    orderSigned: async () => null,
  };
}

/** Tells the HIS page that opened or frames us, at its registered origins only (and ours, for the demo HIS). */
function announce(card: HisCard, answer: DecisionAnswer): void {
  const target = window.opener ?? (window.parent === window ? null : window.parent);
  if (!target) return;
  for (const origin of new Set([...card.origins, window.location.origin])) {
    try {
      (target as Window).postMessage(
        { type: 'huren:decided', promptId: card.promptId, outcome: answer.decision.outcome },
        origin,
      );
    } catch {
      // A malformed registered origin: the HIS still learns the decision by polling GET /his/v1/decisions.
    }
  }
}

/** /app/his: the decision screen opened from a HIS's single-use URL, without SMART or OAuth. */
export function HisDecisionPage() {
  const { messages } = useLanguage();
  const [card] = useState(cardFromLocation);
  const [saved, setSaved] = useState(false);
  const session = useMemo(() => (card ? hisSession(card) : null), [card]);
  const onDecided = useCallback(
    (answer: DecisionAnswer) => {
      if (!card) return;
      setSaved(true);
      announce(card, answer);
    },
    [card],
  );
  if (!session) return <Alert severity="warning">{messages.his.noCard}</Alert>;
  return (
    <>
      {saved ? (
        <Alert severity="success" role="status" sx={{ mb: 2 }}>
          {messages.his.saved}
        </Alert>
      ) : null}
      <CardWorkspace session={session} onDecided={onDecided} />
    </>
  );
}
