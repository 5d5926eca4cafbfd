import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import type { GridPaginationModel } from '@mui/x-data-grid';
import { useEffect, useState } from 'react';
import type { ConsoleApi } from '../consoles/console-api';
import { ConsoleGate } from '../consoles/ConsoleGate';
import { PageHeading } from '../consoles/PageHeading';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import type { ConsoleRole } from '../consoles/session';
import { useResource } from '../consoles/useResource';
import { accessLogPage } from './access-log-api';
import { accessLogQuery, PAGE_SIZES, type AccessLogFilters } from './access-log-query';
import { AccessLogFilterBar } from './AccessLogFilterBar';
import { AccessLogGrid } from './AccessLogGrid';
import { useAccessLogMessages } from './i18n/messages';

/**
 * /app/quality/access-log and /app/admin/access-log: who read which patient's results, behind the
 * console's own sign-in (the API lets quality, admin and platform tokens read the log). Read-only.
 */
export function AccessLogConsole({ role }: { readonly role: ConsoleRole }) {
  return (
    <ConsoleGate role={role} probe={(api) => accessLogPage(api, { limit: 1 }, new AbortController().signal)}>
      {(api) => <AccessLogWorkspace api={api} />}
    </ConsoleGate>
  );
}

/** Where the reader is in the log: the `before` cursor of every page reached so far (page 0 has none). */
interface Paging {
  readonly index: number;
  readonly cursors: readonly (number | undefined)[];
}

const FIRST_PAGE: Paging = { index: 0, cursors: [undefined] };

function AccessLogWorkspace({ api }: { readonly api: ConsoleApi }) {
  const { language, messages } = useAccessLogMessages();
  const t = messages.accessLog;
  const [filters, setFilters] = useState<AccessLogFilters>({});
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  const [paging, setPaging] = useState<Paging>(FIRST_PAGE);
  const [copied, setCopied] = useState(false);
  const query = accessLogQuery(filters, pageSize, paging.cursors[paging.index]);
  const log = useResource(JSON.stringify([query.data, language]), (signal) =>
    query.success ? accessLogPage(api, query.data, signal) : Promise.reject(query.error),
  );

  // The first page answers the total; the later pages of the same filters keep it.
  const [total, setTotal] = useState<number | null>(null);
  const firstTotal = log.value?.total ?? null;
  useEffect(() => {
    if (firstTotal !== null) setTotal(firstTotal);
  }, [firstTotal]);
  const filter = (next: AccessLogFilters) => {
    setFilters(next);
    setPaging(FIRST_PAGE);
    setTotal(null);
  };
  const page = (model: GridPaginationModel) => {
    if (model.pageSize !== pageSize) {
      setPageSize(model.pageSize);
      setPaging(FIRST_PAGE);
    } else if (model.page < paging.index) {
      setPaging({ ...paging, index: model.page });
    } else if (model.page === paging.index + 1 && log.value?.next !== undefined && log.value.next !== null) {
      setPaging({ index: model.page, cursors: [...paging.cursors.slice(0, model.page), log.value.next] });
    }
  };
  return (
    <>
      <PageHeading heading={t.heading} intro={t.intro} />
      <AccessLogFilterBar filters={filters} onChange={filter} />
      <Section heading={t.list.heading}>
        {log.problem ? <ProblemNotice problem={log.problem} onRetry={log.reload} /> : null}
        <AccessLogGrid
          page={log.value}
          loading={log.loading}
          pageIndex={paging.index}
          total={total}
          pageSize={pageSize}
          onPage={page}
          onCopied={() => setCopied(true)}
          onPatient={(patient) => filter({ ...filters, patient })}
        />
      </Section>
      <Snackbar open={copied} autoHideDuration={3000} onClose={() => setCopied(false)}>
        <Alert severity="success" role="status" onClose={() => setCopied(false)}>
          {t.copied}
        </Alert>
      </Snackbar>
    </>
  );
}
