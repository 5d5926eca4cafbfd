import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { RegionPolicy } from '../../../rules';
import type { ConsoleApi } from '../consoles/console-api';
import { ConsoleGate } from '../consoles/ConsoleGate';
import { localTime } from '../consoles/format';
import { PageHeading } from '../consoles/PageHeading';
import { PlainTable } from '../consoles/PlainTable';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useResource } from '../consoles/useResource';
import { useSubmission } from '../consoles/useSubmission';
import { AlliancesSection } from './AlliancesSection';
import { usePlatformMessages } from './i18n/messages';
import { regionHistory, regions, rollbackRegion } from './platform-api';
import { RegionForm } from './RegionForm';

/**
 * /app/platform/regions: each region's policy on one screen, edited and saved as a new version that the
 * next card follows, its versions with who saved them and a rollback; and the alliances (issue 21 point 3).
 */
export function PlatformRegions() {
  return (
    <ConsoleGate role="platform" probe={(api) => regions(api, new AbortController().signal)}>
      {(api) => <RegionsWorkspace api={api} />}
    </ConsoleGate>
  );
}

const marksSummary = (policy: RegionPolicy) =>
  [...policy.marks.lab, ...policy.marks.imaging].map((mark) => mark.text).join('、');

function RegionsWorkspace({ api }: { readonly api: ConsoleApi }) {
  const { language, messages } = usePlatformMessages();
  const t = messages.platform.regions;
  const listed = useResource(`regions ${language}`, (signal) => regions(api, signal));
  const [editing, setEditing] = useState<RegionPolicy | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const all = listed.value ?? [];
  const nameOf = (code: string) => all.find((region) => region.code === code)?.name ?? code;
  return (
    <>
      <PageHeading heading={t.heading} intro={t.intro} />
      {notice ? (
        <Alert severity="success" role="status" onClose={() => setNotice(null)} sx={{ mb: 2 }}>
          {notice}
        </Alert>
      ) : null}
      <Section heading={t.heading}>
        {listed.problem ? <ProblemNotice problem={listed.problem} onRetry={listed.reload} /> : null}
        {all.length > 0 ? (
          <PlainTable
            actions
            label={t.heading}
            head={[t.columns.region, t.columns.marks, t.columns.partners, t.columns.interval]}
          >
            {all.map((region) => (
              <tr key={region.code}>
                <th scope="row">
                  {region.name}（{region.code}）
                </th>
                <td>
                  {t.markRequired(region.markRequired)}
                  {marksSummary(region) ? `：${marksSummary(region)}` : ''}
                </td>
                <td>{region.partnerRegions.map(nameOf).join('、') || t.none}</td>
                <td>{t.interval(region.assessmentIntervalMonths)}</td>
                <td>
                  <Button
                    size="small"
                    aria-label={t.editLabel(region.name)}
                    onClick={() => {
                      setEditing(region);
                      setShown(region.code);
                    }}
                  >
                    {t.edit}
                  </Button>
                </td>
              </tr>
            ))}
          </PlainTable>
        ) : null}
        {editing ? (
          <RegionForm
            // Another region picked while one is open: its own form, from its own policy.
            key={editing.code}
            api={api}
            policy={editing}
            otherRegions={all.filter((region) => region.code !== editing.code)}
            onCancel={() => setEditing(null)}
            onSaved={(policy) => {
              setEditing(null);
              setNotice(t.form.saved(policy.name));
              listed.reload();
            }}
          />
        ) : null}
        {shown ? (
          <RegionHistory
            key={`${shown} ${notice ?? ''}`}
            api={api}
            code={shown}
            name={nameOf(shown)}
            onRestored={(version) => {
              setNotice(t.history.restored(version));
              listed.reload();
            }}
          />
        ) : null}
      </Section>
      <AlliancesSection api={api} />
    </>
  );
}

/** One region's versions, newest first, each but the one in force restorable in two clicks. */
function RegionHistory({
  api,
  code,
  name,
  onRestored,
}: {
  readonly api: ConsoleApi;
  readonly code: string;
  readonly name: string;
  readonly onRestored: (version: number) => void;
}) {
  const { language, messages } = usePlatformMessages();
  const t = messages.platform.regions;
  const history = useResource(`history ${code} ${language}`, (signal) => regionHistory(api, code, signal));
  const [asking, setAsking] = useState<number | null>(null);
  const { busy, problem, run } = useSubmission();
  const versions = history.value ?? [];
  return (
    <Section heading={t.history.heading(name)} level={3}>
      {history.problem ? <ProblemNotice problem={history.problem} onRetry={history.reload} /> : null}
      {problem ? <ProblemNotice problem={problem} /> : null}
      {history.value && versions.length === 0 ? <Typography>{t.history.none}</Typography> : null}
      {versions.length > 0 ? (
        <PlainTable
          actions
          label={t.history.heading(name)}
          head={[
            t.history.columns.version,
            t.history.columns.action,
            t.history.columns.by,
            t.history.columns.at,
            t.history.columns.marks,
            t.history.columns.partners,
          ]}
        >
          {versions.map((entry, index) => (
            <tr key={entry.version}>
              <th scope="row">
                {entry.version}
                {index === 0 ? t.history.current : ''}
              </th>
              <td>{t.history.actions[entry.action]}</td>
              <td>{entry.savedBy}</td>
              <td>{localTime(entry.savedAt, 'YYYY-MM-DD HH:mm')}</td>
              <td>{t.markRequired(entry.policy.markRequired)}</td>
              <td>{entry.policy.partnerRegions.join('、') || t.none}</td>
              <td>
                {index === 0 ? null : asking === entry.version ? (
                  <Button
                    size="small"
                    color="warning"
                    variant="contained"
                    disabled={busy}
                    onClick={() =>
                      void run(async () => {
                        await rollbackRegion(api, code, entry.version);
                        setAsking(null);
                        onRestored(entry.version);
                      })
                    }
                  >
                    {t.history.confirm(entry.version)}
                  </Button>
                ) : (
                  <Button size="small" onClick={() => setAsking(entry.version)}>
                    {t.history.restore(entry.version)}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </PlainTable>
      ) : null}
    </Section>
  );
}
