import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Section } from '../consoles/Section';
import { DownloadOutcome, useDownload } from '../consoles/useDownload';
import { useQualityMessages } from './i18n/messages';
import type { QualityApi } from './quality-api';

/**
 * The monthly report for the health commission, for a month picked: last month by default (the one
 * reported on), by the server's clock in the hospital's time zone, never the browser's (issue 11 point 11).
 */
export function MonthlyReport({ api, today }: { readonly api: QualityApi; readonly today: string | null }) {
  const { messages } = useQualityMessages();
  const t = messages.quality.exports;
  const [picked, setMonth] = useState<Dayjs | null | undefined>(undefined);
  const serverToday = today ? dayjs(today) : null;
  const month = picked === undefined ? (serverToday?.subtract(1, 'month').startOf('month') ?? null) : picked;
  const download = useDownload();
  const valid = month?.isValid() === true;
  return (
    <Section heading={t.reportHeading}>
      <Typography variant="body2">{t.reportHint}</Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <DatePicker
          label={t.month}
          views={['year', 'month']}
          openTo="month"
          format="YYYY-MM"
          value={month}
          onChange={setMonth}
          {...(serverToday ? { maxDate: serverToday } : {})}
          slotProps={{ textField: { size: 'small', sx: { width: 170 } } }}
        />
        <Button
          variant="outlined"
          disabled={!valid || download.busy}
          onClick={() => month && void download.start(() => api.downloadMonthlyReport(month.format('YYYY-MM')))}
        >
          {download.busy ? t.downloading : t.report}
        </Button>
      </Stack>
      <DownloadOutcome state={download} done={t.done} />
    </Section>
  );
}
