import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { openPromptsSchema, type OpenPrompts as OpenPromptList } from '../../../server/contract/decisions';
import { Loading } from '../shared/Loading';
import { ProblemScreen } from '../shared/ProblemScreen';
import { useLanguage } from '../i18n/language';
import type { CardIdentity, SmartSession } from '../launch/smart';
import { CardWorkspace } from './CardWorkspace';

type Listed = { readonly prompts: OpenPromptList['prompts'] } | { readonly refused: true } | null;

/**
 * A launch without a card (the EHR's SMART server passes no appContext): the launch proves its patient,
 * and the doctor picks among that patient's undecided cards. Only when there is none, or the patient
 * cannot be proved, does it say so, naming the EHR's missing support as the cause.
 */
export function OpenPrompts({ session }: { readonly session: SmartSession }) {
  const { language, messages } = useLanguage();
  const t = messages.openPrompts;
  const [listed, setListed] = useState<Listed>(null);
  const [chosen, setChosen] = useState<CardIdentity | null>(null);
  const { proof } = session;
  useEffect(() => {
    if (!proof) return;
    let current = true;
    // No card token yet: the launch's proof is the credential (the server reads the patient at the EHR with it).
    fetch(new URL('/api/launch/prompts', window.location.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': language },
      body: JSON.stringify(proof),
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return openPromptsSchema.parse(await response.json());
      })
      .then(
        (answer) => current && setListed({ prompts: answer.prompts }),
        () => current && setListed({ refused: true }),
      );
    return () => {
      current = false;
    };
  }, [proof, language]);

  if (!proof) return <ProblemScreen problem={{ kind: 'no-card', detail: null }} />;
  if (chosen) return <CardWorkspace session={{ ...session, card: chosen }} />;
  if (!listed) return <Loading label={t.loading} />;
  if ('refused' in listed || listed.prompts.length === 0)
    return (
      <Alert severity="info" role="status">
        {'refused' in listed ? t.refused : t.none}
      </Alert>
    );
  return (
    <Stack component="section" aria-labelledby="open-prompts-heading" spacing={2}>
      <Typography id="open-prompts-heading" component="h1" variant="h5">
        {t.heading}
      </Typography>
      <Typography color="text.secondary">{t.intro}</Typography>
      {listed.prompts.map((prompt) => (
        <Stack key={prompt.promptId} spacing={0.5} sx={{ alignItems: 'flex-start' }}>
          <Button variant="outlined" onClick={() => setChosen({ promptId: prompt.promptId, token: prompt.token })}>
            {t.choose(prompt.itemName)}
          </Button>
          <Typography variant="body2" color="text.secondary">
            {t.line(prompt.orderedBy.name, prompt.department, dayjs(prompt.createdAt).format('YYYY-MM-DD HH:mm'))}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
}
