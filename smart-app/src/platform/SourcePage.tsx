import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { SourceActivity } from '../../../server/contract/sources';
import type { ConsoleApi } from '../consoles/console-api';
import { consoleProblemOf, type ConsoleProblem } from '../consoles/console-problems';
import { ConsoleGate } from '../consoles/ConsoleGate';
import { localTime } from '../consoles/format';
import { PlainTable } from '../consoles/PlainTable';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useResource } from '../consoles/useResource';
import { WaitingMessages } from '../quarantine/WaitingMessage';
import { usePlatformMessages } from './i18n/messages';
import { institutions, replaySource, sourceActivity, sourceQuarantine } from './platform-api';

const PERIODS = [7, 14, 30] as const;

/**
 * /app/platform/sources/:id: one result source as its operator watches it: when it last sent, what
 * it filed and what was refused each day (a quiet day shows as a zero), why, and the quarantine to
 * replay once the mapping is fixed.
 */
export function PlatformSource() {
  const { id = '' } = useParams();
  return (
    <ConsoleGate role="platform" probe={(api) => sourceActivity(api, id, 1, new AbortController().signal)}>
      {(api) => <SourceWorkspace api={api} sourceId={id} />}
    </ConsoleGate>
  );
}

function SourceWorkspace({ api, sourceId }: { readonly api: ConsoleApi; readonly sourceId: string }) {
  const { language, messages } = usePlatformMessages();
  const t = messages.platform.source;
  const [days, setDays] = useState<number>(14);
  const activity = useResource(`${sourceId} ${days} ${language}`, (signal) =>
    sourceActivity(api, sourceId, days, signal),
  );
  const waiting = useResource(`${sourceId} quarantine ${language}`, (signal) =>
    sourceQuarantine(api, sourceId, signal),
  );
  const registry = useResource(`institutions ${language}`, (signal) => institutions(api, signal));
  const hospitalName = (id: string) => registry.value?.find((institution) => institution.id === id)?.name ?? id;
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);
  const [replayed, setReplayed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const replay = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const report = await replaySource(api, sourceId);
      const stored = report.replayed.filter((entry) => entry.outcome === 'stored').length;
      setReplayed(messages.platform.connections.sources.replayed(stored, report.replayed.length - stored));
      activity.reload();
      waiting.reload();
    } catch (error) {
      setProblem(consoleProblemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const source = activity.value?.source;
  return (
    <>
      <Button component={Link} to="/platform/connections" size="small" sx={{ mb: 1 }}>
        {t.back}
      </Button>
      <Typography component="h1" variant="h5" gutterBottom>
        {source ? t.heading(source.name, source.id) : t.heading(sourceId, sourceId)}
      </Typography>
      {activity.problem ? <ProblemNotice problem={activity.problem} onRetry={activity.reload} /> : null}
      {source ? <SourceFacts activity={activity.value as SourceActivity} hospitalName={hospitalName} /> : null}
      <Section
        heading={t.days.heading}
        actions={
          <ToggleButtonGroup
            size="small"
            exclusive
            value={days}
            aria-label={t.days.period}
            onChange={(_, value: number | null) => (value ? setDays(value) : undefined)}
          >
            {PERIODS.map((period) => (
              <ToggleButton key={period} value={period}>
                {t.days.last(period)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        }
      >
        {activity.value ? <DaysTable activity={activity.value} /> : null}
      </Section>
      <Section heading={t.reasons.heading}>
        {activity.value?.reasons.length === 0 ? <Typography>{t.reasons.none(days)}</Typography> : null}
        {activity.value && activity.value.reasons.length > 0 ? (
          <PlainTable
            label={t.reasons.heading}
            head={[t.reasons.columns.reason, t.reasons.columns.count, t.reasons.columns.last]}
          >
            {activity.value.reasons.map((reason) => (
              <tr key={reason.reason}>
                <td>{reason.reason}</td>
                <td className="count">{reason.count}</td>
                <td style={{ whiteSpace: 'nowrap' }}>{localTime(reason.lastAt, 'YYYY-MM-DD HH:mm')}</td>
              </tr>
            ))}
          </PlainTable>
        ) : null}
      </Section>
      <Section
        heading={t.quarantine.heading}
        actions={
          waiting.value && waiting.value.length > 0 ? (
            <Button size="small" variant="outlined" disabled={busy} onClick={replay}>
              {busy ? messages.platform.connections.sources.replaying : messages.platform.connections.sources.replay}
            </Button>
          ) : null
        }
      >
        {problem ? <ProblemNotice problem={problem} /> : null}
        {replayed ? (
          <Alert severity="info" role="status" onClose={() => setReplayed(null)} sx={{ mb: 1 }}>
            {replayed}
          </Alert>
        ) : null}
        {waiting.problem ? <ProblemNotice problem={waiting.problem} onRetry={waiting.reload} /> : null}
        {waiting.value?.length === 0 ? <Typography>{t.quarantine.none}</Typography> : null}
        {waiting.value && waiting.value.length > 0 ? <WaitingMessages waiting={waiting.value} /> : null}
      </Section>
    </>
  );
}

function SourceFacts({
  activity,
  hospitalName,
}: {
  readonly activity: SourceActivity;
  readonly hospitalName: (id: string) => string;
}) {
  const { messages } = usePlatformMessages();
  const t = messages.platform.source;
  const words = messages.platform.connections;
  const { source } = activity;
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}>
      <dt>{words.sources.columns.format}</dt>
      <dd style={{ margin: 0 }}>{words.sources.formats[source.format] ?? source.format}</dd>
      <dt>{words.sources.columns.institutions}</dt>
      <dd style={{ margin: 0 }}>{source.institutions.map(hospitalName).join('、')}</dd>
      <dt>{t.charset}</dt>
      <dd style={{ margin: 0 }}>{source.charset}</dd>
      <dt>{words.sources.columns.last}</dt>
      <dd style={{ margin: 0 }}>
        {source.lastReceivedAt ? localTime(source.lastReceivedAt, 'YYYY-MM-DD HH:mm:ss') : words.sources.never}
      </dd>
      <dt>{words.sources.columns.status}</dt>
      <dd style={{ margin: 0 }}>{source.revoked ? words.revoked : words.active}</dd>
    </Box>
  );
}

function DaysTable({ activity }: { readonly activity: SourceActivity }) {
  const { messages } = usePlatformMessages();
  const t = messages.platform.source.days;
  const newestFirst = [...activity.days].reverse();
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t.zone(activity.timeZone)}
      </Typography>
      <PlainTable label={t.heading} head={[t.columns.day, t.columns.stored, t.columns.quarantined]} actions>
        {newestFirst.map((day) => (
          <tr key={day.day}>
            <th scope="row">{day.day}</th>
            <td className="count">{day.stored}</td>
            <td className="count">{day.quarantined}</td>
            <td>
              {day.stored + day.quarantined === 0 ? (
                <Typography component="span" variant="body2" color="warning.dark">
                  {t.quiet}
                </Typography>
              ) : null}
            </td>
          </tr>
        ))}
      </PlainTable>
    </>
  );
}
