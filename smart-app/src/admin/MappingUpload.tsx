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

/** A CSV of local codes, merged into the table or replacing it; the server's answer is shown row by row. */
export function MappingUpload({ api, onUploaded }: MappingUploadProps) {
  const { messages } = useAdminMessages();
  const t = messages.admin.mappings.upload;
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<UploadAnswer | null>(null);
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);
  const upload = async (chosen: File) => {
    setBusy(true);
    setProblem(null);
    setAnswer(null);
    try {
      setAnswer(await api.uploadMappings(await csvText(chosen), replace));
      onUploaded();
    } catch (error) {
      setProblem(consoleProblemOf(error));
    } finally {
      setBusy(false);
    }
  };
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
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </Stack>
      <FormControl component="fieldset">
        <Legend>{t.mode}</Legend>
        <RadioGroup value={replace ? 'replace' : 'merge'} onChange={(_event, value) => setReplace(value === 'replace')}>
          <FormControlLabel value="merge" control={<Radio />} label={t.merge} />
          <FormControlLabel value="replace" control={<Radio />} label={t.replace} />
        </RadioGroup>
      </FormControl>
      <Button
        variant="contained"
        disabled={!file || busy}
        onClick={() => file && void upload(file)}
        sx={{ alignSelf: 'flex-start' }}
      >
        {busy ? t.uploading : t.submit}
      </Button>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {answer ? <UploadReport answer={answer} /> : null}
    </Section>
  );
}
