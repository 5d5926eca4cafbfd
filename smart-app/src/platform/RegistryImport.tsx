import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { csvText } from '../admin/csv-file';
import type { ConsoleApi } from '../consoles/console-api';
import { PlainTable } from '../consoles/PlainTable';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useSubmission } from '../consoles/useSubmission';
import { usePlatformMessages } from './i18n/messages';
import { importRegistry, type ImportReport } from './platform-api';

/** What differs between the files: the section's heading and the columns it explains. */
interface ImportWords {
  readonly heading: string;
  readonly format: string;
}

/**
 * A registry CSV (institutions, or a quality-control centre's published results), checked first: the
 * file is read and every row checked, references too, saving nothing; the page shows what would be
 * imported and each refused row by its number and column. Only then does 导入 save the good rows.
 */
export function RegistryImport({
  api,
  kind,
  words,
  onImported,
}: {
  readonly api: ConsoleApi;
  readonly kind: 'institutions' | 'qualifications';
  readonly words: ImportWords;
  readonly onImported: () => void;
}) {
  const { messages } = usePlatformMessages();
  const t = messages.platform.registryImport;
  const inputId = useId();
  const [text, setText] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const { busy, problem, run } = useSubmission();
  const check = (file: File | undefined) =>
    run(async () => {
      setReport(null);
      setText(null);
      if (!file) return;
      const csv = await csvText(file);
      setReport(await importRegistry(api, kind, csv, { preview: true }));
      setText(csv);
    });
  const save = () =>
    run(async () => {
      if (text === null) return;
      const answer = await importRegistry(api, kind, text, { preview: false });
      setReport(answer);
      setText(null);
      if (answer.saved > 0) onImported();
    });
  return (
    <Section heading={words.heading}>
      <Typography variant="body2" sx={{ mb: 1, maxWidth: '80ch' }}>
        {words.format}
      </Typography>
      <Typography component="label" htmlFor={inputId} variant="body2" sx={{ fontWeight: 600, display: 'block' }}>
        {t.choose}
      </Typography>
      <input
        id={inputId}
        type="file"
        accept=".csv,text/csv"
        onChange={(event) => void check(event.target.files?.[0])}
      />
      {problem ? <ProblemNotice problem={problem} /> : null}
      {report ? (
        <>
          <Alert severity={report.refused.length === 0 ? 'success' : 'warning'} role="status" sx={{ my: 1 }}>
            {report.preview
              ? t.preview(report.saved, report.refused.length)
              : t.summary(report.saved, report.refused.length)}
          </Alert>
          {report.refused.length > 0 ? (
            <PlainTable label={t.refused} head={[t.columns.row, t.columns.field, t.columns.message]}>
              {report.refused.map((refusal) => (
                <tr key={`${refusal.row}|${refusal.field ?? ''}`}>
                  <th scope="row">{t.rowCell(refusal.row)}</th>
                  <td>{refusal.field ?? ''}</td>
                  <td>{refusal.message}</td>
                </tr>
              ))}
            </PlainTable>
          ) : null}
          {report.preview ? (
            <Button variant="contained" disabled={busy || report.saved === 0} onClick={() => void save()}>
              {t.submit(report.saved)}
            </Button>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
