import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MuiLink from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ConsoleApi } from '../consoles/console-api';
import { consoleProblemOf, type ConsoleProblem } from '../consoles/console-problems';
import { ConsoleGate } from '../consoles/ConsoleGate';
import { localTime } from '../consoles/format';
import { PlainTable } from '../consoles/PlainTable';
import { PageHeading } from '../consoles/PageHeading';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useResource } from '../consoles/useResource';
import { EhrClientForm, type EhrClientPreset } from './EhrClientForm';
import { HisForm } from './HisForm';
import { SourceForm } from './SourceForm';
import { usePlatformMessages } from './i18n/messages';
import {
  ehrClients,
  hisClients,
  institutions,
  replaySource,
  resultSources,
  revokeEhrClient,
  revokeHisClient,
} from './platform-api';

/** /app/platform/connections: who calls (EHRs, HIS) and who sends results (sources), with their state. */
export function PlatformConnections() {
  return (
    <ConsoleGate role="platform" probe={(api) => ehrClients(api, new AbortController().signal)}>
      {(api) => <ConnectionsWorkspace api={api} />}
    </ConsoleGate>
  );
}

/** Revoking takes two clicks: the first asks, the second does it. */
function RevokeButton({ name, onRevoke }: { readonly name: string; readonly onRevoke: () => Promise<void> }) {
  const { messages } = usePlatformMessages();
  const t = messages.platform.connections;
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking)
    return (
      <Button size="small" color="warning" onClick={() => setAsking(true)} aria-label={`${t.revoke} ${name}`}>
        {t.revoke}
      </Button>
    );
  return (
    <Stack direction="row" spacing={1}>
      <Button
        size="small"
        color="error"
        variant="contained"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onRevoke();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {t.confirmRevoke(name)}
      </Button>
      <Button size="small" onClick={() => setAsking(false)} disabled={busy}>
        {t.cancel}
      </Button>
    </Stack>
  );
}

function ConnectionsWorkspace({ api }: { readonly api: ConsoleApi }) {
  const { language, messages } = usePlatformMessages();
  const t = messages.platform.connections;
  const ehr = useResource(`ehr ${language}`, (signal) => ehrClients(api, signal));
  const his = useResource(`his ${language}`, (signal) => hisClients(api, signal));
  const sources = useResource(`sources ${language}`, (signal) => resultSources(api, signal));
  const registry = useResource(`institutions ${language}`, (signal) => institutions(api, signal));
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);
  const [replayed, setReplayed] = useState<string | null>(null);
  const [rotating, setRotating] = useState<EhrClientPreset | null>(null);
  const hospitals = (registry.value ?? []).map((institution) => ({ id: institution.id, name: institution.name }));
  const hospitalName = (id: string) => registry.value?.find((institution) => institution.id === id)?.name ?? id;
  const status = (revoked: boolean) => (revoked ? t.revoked : t.active);
  const act = (work: () => Promise<unknown>, then: () => void) => async () => {
    setProblem(null);
    try {
      await work();
      then();
    } catch (error) {
      setProblem(consoleProblemOf(error));
    }
  };
  return (
    <>
      <PageHeading heading={t.heading} intro={t.intro} />
      {problem ? <ProblemNotice problem={problem} /> : null}
      <Section heading={t.ehr.heading}>
        {ehr.problem ? <ProblemNotice problem={ehr.problem} onRetry={ehr.reload} /> : null}
        {ehr.value?.length === 0 ? <Typography>{t.ehr.none}</Typography> : null}
        {ehr.value && ehr.value.length > 0 ? (
          <PlainTable
            actions
            label={t.ehr.heading}
            head={[
              t.ehr.columns.issuer,
              t.ehr.columns.hospital,
              t.ehr.columns.keys,
              t.ehr.columns.created,
              t.ehr.columns.status,
            ]}
          >
            {ehr.value.map((client) => (
              <tr key={client.issuer}>
                <th scope="row">{client.issuer}</th>
                <td>{hospitalName(client.hospitalId)}</td>
                <td>
                  {client.jwks
                    ? t.ehr.jwks((client.jwks as { keys?: unknown[] }).keys?.length ?? 0)
                    : t.ehr.jku(client.jkuAllowlist.length)}
                </td>
                <td>{localTime(client.createdAt, 'YYYY-MM-DD')}</td>
                <td>{status(client.revoked)}</td>
                <td>
                  <Stack direction="row" spacing={1}>
                    <Button
                      size="small"
                      aria-label={t.ehr.rotateLabel(client.issuer)}
                      onClick={() =>
                        setRotating({
                          issuer: client.issuer,
                          hospitalId: client.hospitalId,
                          fhirServers: client.fhirServers ?? [],
                          corsOrigins: client.corsOrigins,
                        })
                      }
                    >
                      {t.ehr.rotate}
                    </Button>
                    {client.revoked ? null : (
                      <RevokeButton
                        name={client.issuer}
                        onRevoke={act(() => revokeEhrClient(api, client.issuer), ehr.reload)}
                      />
                    )}
                  </Stack>
                </td>
              </tr>
            ))}
          </PlainTable>
        ) : null}
        <EhrClientForm
          key={rotating?.issuer ?? 'new'}
          api={api}
          hospitals={hospitals}
          preset={rotating}
          onRegistered={ehr.reload}
        />
      </Section>
      <Section heading={t.his.heading}>
        {his.problem ? <ProblemNotice problem={his.problem} onRetry={his.reload} /> : null}
        {his.value?.length === 0 ? <Typography>{t.his.none}</Typography> : null}
        {his.value && his.value.length > 0 ? (
          <PlainTable
            actions
            label={t.his.heading}
            head={[
              t.his.columns.id,
              t.his.columns.name,
              t.his.columns.hospital,
              t.his.columns.origins,
              t.his.columns.status,
            ]}
          >
            {his.value.map((client) => (
              <tr key={client.id}>
                <th scope="row">{client.id}</th>
                <td>{client.name}</td>
                <td>{hospitalName(client.hospitalId)}</td>
                <td>{client.origins.join(' ')}</td>
                <td>{status(client.revoked)}</td>
                <td>
                  {client.revoked ? null : (
                    <RevokeButton name={client.id} onRevoke={act(() => revokeHisClient(api, client.id), his.reload)} />
                  )}
                </td>
              </tr>
            ))}
          </PlainTable>
        ) : null}
        <HisForm api={api} hospitals={hospitals} onRegistered={his.reload} />
      </Section>
      <Section heading={t.sources.heading}>
        {sources.problem ? <ProblemNotice problem={sources.problem} onRetry={sources.reload} /> : null}
        {sources.value?.length === 0 ? <Typography>{t.sources.none}</Typography> : null}
        {replayed ? (
          <Alert severity="info" role="status" onClose={() => setReplayed(null)}>
            {replayed}
          </Alert>
        ) : null}
        {sources.value && sources.value.length > 0 ? (
          <PlainTable
            actions
            label={t.sources.heading}
            head={[
              t.sources.columns.source,
              t.sources.columns.format,
              t.sources.columns.institutions,
              t.sources.columns.last,
              t.sources.columns.pastDay,
              t.sources.columns.waiting,
              t.sources.columns.status,
            ]}
          >
            {sources.value.map((source) => (
              <tr key={source.id}>
                <th scope="row">
                  <MuiLink component={Link} to={`/platform/sources/${encodeURIComponent(source.id)}`}>
                    {source.name}（{source.id}）
                  </MuiLink>
                </th>
                <td>{t.sources.formats[source.format] ?? source.format}</td>
                <td>{source.institutions.map(hospitalName).join('、')}</td>
                <td>
                  {source.lastReceivedAt ? localTime(source.lastReceivedAt, 'YYYY-MM-DD HH:mm:ss') : t.sources.never}
                </td>
                <td>{source.receivedPastDay}</td>
                <td>{source.quarantined}</td>
                <td>{status(source.revoked)}</td>
                <td>
                  {source.quarantined > 0 ? (
                    <Button
                      size="small"
                      onClick={act(async () => {
                        const report = await replaySource(api, source.id);
                        const stored = report.replayed.filter((entry) => entry.outcome === 'stored').length;
                        setReplayed(t.sources.replayed(stored, report.replayed.length - stored));
                      }, sources.reload)}
                    >
                      {t.sources.replay}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </PlainTable>
        ) : null}
        <SourceForm api={api} hospitals={hospitals} onRegistered={sources.reload} />
      </Section>
    </>
  );
}
