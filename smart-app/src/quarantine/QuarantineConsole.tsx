import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ConsoleApi } from '../consoles/console-api';
import { ConsoleGate } from '../consoles/ConsoleGate';
import { localTime } from '../consoles/format';
import { PageHeading } from '../consoles/PageHeading';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useResource } from '../consoles/useResource';
import { useQuarantineMessages } from './i18n/messages';
import { WaitingMessages } from './WaitingMessage';
import { hospitalSources, quarantinedMessages } from './quarantine-api';

/**
 * /app/admin/quarantine: what the hospital's own result sources sent that could not be filed, with
 * the reason in Chinese and the message as it came, so the administrator can fix the mapping and ask
 * the platform to replay. Read-only: replaying is the platform's.
 */
export function QuarantineConsole() {
  return (
    <ConsoleGate role="admin" probe={(api) => quarantinedMessages(api, new AbortController().signal)}>
      {(api) => <QuarantineWorkspace api={api} />}
    </ConsoleGate>
  );
}

function QuarantineWorkspace({ api }: { readonly api: ConsoleApi }) {
  const { language, messages } = useQuarantineMessages();
  const t = messages.quarantine;
  const waiting = useResource(language, (signal) => quarantinedMessages(api, signal));
  const sources = useResource(`sources ${language}`, (signal) => hospitalSources(api, signal));
  return (
    <>
      <PageHeading heading={t.heading} intro={t.intro} />
      <Section heading={t.sources.heading}>
        {sources.problem ? <ProblemNotice problem={sources.problem} onRetry={sources.reload} /> : null}
        {sources.value?.length === 0 ? <Typography>{t.sources.none}</Typography> : null}
        {sources.value && sources.value.length > 0 ? (
          <Box
            component="table"
            sx={{ borderCollapse: 'collapse', '& th, & td': { textAlign: 'left', p: 0.5, pr: 2 } }}
          >
            <thead>
              <tr>
                <th scope="col">{t.source}</th>
                <th scope="col">{t.sources.format}</th>
                <th scope="col">{t.sources.last}</th>
                <th scope="col">{t.sources.pastDay}</th>
                <th scope="col">{t.sources.waiting}</th>
              </tr>
            </thead>
            <tbody>
              {sources.value.map((source) => (
                <tr key={source.id}>
                  <th scope="row">
                    {source.name}（{source.id}）{source.revoked ? ` · ${t.sources.revoked}` : ''}
                  </th>
                  <td>{t.formats[source.format]}</td>
                  <td>
                    {source.lastReceivedAt ? localTime(source.lastReceivedAt, 'YYYY-MM-DD HH:mm:ss') : t.sources.never}
                  </td>
                  <td>{source.receivedPastDay}</td>
                  <td>{source.quarantined}</td>
                </tr>
              ))}
            </tbody>
          </Box>
        ) : null}
      </Section>
      <Section heading={t.list}>
        {waiting.problem ? <ProblemNotice problem={waiting.problem} onRetry={waiting.reload} /> : null}
        {waiting.value?.length === 0 ? <Typography>{t.empty}</Typography> : null}
        {waiting.value && waiting.value.length > 0 ? <WaitingMessages waiting={waiting.value} /> : null}
      </Section>
    </>
  );
}
