import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { Legend } from '../consoles/Legend';
import { consoleProblemOf, type ConsoleProblem } from '../consoles/console-problems';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useAdminMessages } from './i18n/messages';
import type { AdminApi } from './admin-api';
import type { MappingUpload as UploadAnswer } from './admin-model';
import { csvText } from './csv-file';
import { UploadReport } from './UploadReport';

interface MappingUploadProps {
  readonly api: AdminApi;
  /** The table changed on the server: the lists shown are out of date. */
  readonly onUploaded: () => void;
}

/**
 * A CSV of local codes, merged into the table or replacing it, saved whole or not at all: choosing a
 * file (or the way) checks it first and shows what it would save and drop, row-numbered refusals
 * included; only a file without refusals can then be saved.
 */
export function MappingUpload({ api, onUploaded }: MappingUploadProps) {
  const { messages } = useAdminMessages();
  const t = messages.admin.mappings.upload;
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState<'checking' | 'saving' | null>(null);
  const [answer, setAnswer] = useState<UploadAnswer | null>(null);
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);
  const send = async (chosen: File, how: { replace: boolean; preview: boolean }) => {
    setBusy(how.preview ? 'checking' : 'saving');
    setProblem(null);
    setAnswer(null);
    try {
      const answered = await api.uploadMappings(await csvText(chosen), how);
      setAnswer(answered);
      if (answered.saved) onUploaded();
    } catch (error) {
      setProblem(consoleProblemOf(error));
    } finally {
      setBusy(null);
    }
  };
  const check = (chosen: File | null, replacing: boolean) => {
    setFile(chosen);
    setReplace(replacing);
    if (chosen) void send(chosen, { replace: replacing, preview: true });
    else setAnswer(null);
  };
  const savable =
    file !== null && answer !== null && !answer.saved && answer.refused.length === 0 && answer.accepted > 0;
  return (
    <Section level={3} heading={t.heading}>
      <Typography variant="body2">{t.format}</Typography>
      <Stack spacing={0.5}>
        <Typography component="label" htmlFor={inputId} variant="body2" sx={{ fontWeight: 600 }}>
          {t.choose}
        </Typography>
        {/* The browser's own file input: labelled, and reachable and operable from the keyboard. */}
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => check(event.target.files?.[0] ?? null, replace)}
        />
      </Stack>
      <FormControl component="fieldset">
        <Legend>{t.mode}</Legend>
        <RadioGroup
          value={replace ? 'replace' : 'merge'}
          onChange={(_event, value) => check(file, value === 'replace')}
        >
          <FormControlLabel value="merge" control={<Radio />} label={t.merge} />
          <FormControlLabel value="replace" control={<Radio />} label={t.replace} />
        </RadioGroup>
      </FormControl>
      <Button
        variant="contained"
        disabled={!savable || busy !== null}
        onClick={() => file && void send(file, { replace, preview: false })}
        sx={{ alignSelf: 'flex-start' }}
      >
        {busy === 'saving' ? t.uploading : busy === 'checking' ? t.checking : t.submit}
      </Button>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {answer ? <UploadReport answer={answer} /> : null}
    </Section>
  );
}
