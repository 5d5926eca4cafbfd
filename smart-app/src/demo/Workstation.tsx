import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Container from '@mui/material/Container';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { WorkstationSetup } from '../../../server/contract/demo-workstation';
import { Loading } from '../shared/Loading';
import { LANGUAGES, useLanguage, type Language } from '../i18n/language';
import { ContextBar, initialSelection, type Selection } from './context/ContextBar';
import { loadSetup } from './ehr/setup';
import { EncounterView } from './EncounterView';
import { detailOf } from './http/fetch-json';
import { useDemoMessages, useDemoTitle } from './i18n/messages';
import { TechnicalDetail } from '../shared/TechnicalDetail';

function Header() {
  const messages = useDemoMessages();
  const { language, setLanguage } = useLanguage();
  return (
    <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
      <Toolbar variant="dense" sx={{ gap: 2 }}>
        <Typography component="h1" variant="subtitle1" sx={{ fontWeight: 600 }}>
          {messages.title}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1, display: { xs: 'none', md: 'block' } }}>
          {messages.subtitle}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={language}
          aria-label={messages.languageLabel}
          onChange={(_event, next: Language | null) => {
            if (next) setLanguage(next);
          }}
        >
          {LANGUAGES.map((option) => (
            <ToggleButton key={option} value={option} lang={option}>
              {messages.languageNames[option]}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Toolbar>
    </AppBar>
  );
}

function Encounters({ setup }: { readonly setup: WorkstationSetup }) {
  const [selection, setSelection] = useState<Selection>(() => initialSelection(setup));
  const hospital = setup.hospitals.find((candidate) => candidate.id === selection.hospitalId);
  const { patientKey } = selection;
  return (
    <Stack spacing={2}>
      <ContextBar setup={setup} selection={selection} onChange={setSelection} />
      {hospital && patientKey && selection.doctorId && (
        // A new encounter for every change of hospital, doctor, patient or visit kind: a fresh session.
        <EncounterView
          key={`${hospital.id}/${selection.doctorId}/${patientKey}/${selection.emergency ? 'er' : 'amb'}`}
          setup={setup}
          encounter={{ hospital, doctorId: selection.doctorId, patientKey, emergency: selection.emergency }}
        />
      )}
    </Stack>
  );
}

type SetupState =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly setup: WorkstationSetup }
  | { readonly state: 'failed'; readonly detail: string };

/** The demo workstation: a doctor's order entry that uses Huren as a registered EHR would. */
export function Workstation() {
  useDemoTitle();
  const messages = useDemoMessages();
  const [setup, setSetup] = useState<SetupState>({ state: 'loading' });
  useEffect(() => {
    loadSetup().then(
      (loaded) => setSetup({ state: 'ready', setup: loaded }),
      (error: unknown) => setSetup({ state: 'failed', detail: detailOf(error) }),
    );
  }, []);
  return (
    <>
      <Header />
      <Container component="main" maxWidth="xl" sx={{ py: 2 }}>
        {setup.state === 'loading' && <Loading label={messages.loading} />}
        {setup.state === 'failed' && (
          <Alert severity="error">
            {messages.setupFailed}
            <TechnicalDetail label={messages.technical} detail={setup.detail} />
          </Alert>
        )}
        {setup.state === 'ready' && <Encounters setup={setup.setup} />}
      </Container>
    </>
  );
}
