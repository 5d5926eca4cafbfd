import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Loading } from '../shared/Loading';
import { ConsoleGate } from '../consoles/ConsoleGate';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { DownloadOutcome, useDownload } from '../consoles/useDownload';
import { useResource } from '../consoles/useResource';
import { useQualityMessages } from './i18n/messages';
import { ApartFigures } from './ApartFigures';
import { BreakdownTabs } from './BreakdownTabs';
import { Definitions } from './Definitions';
import { FilterBar } from './FilterBar';
import { FlaggedDoctors } from './FlaggedDoctors';
import { GranularitySwitch } from './GranularitySwitch';
import { HeadlineFigures } from './HeadlineFigures';
import { MonthlyReport } from './MonthlyReport';
import { OrderHistoryDialog } from './OrderHistoryDialog';
import { OrdersGrid } from './OrdersGrid';
import { PolicyTargets } from './PolicyTargets';
import { qualityApi, type QualityApi } from './quality-api';
import type { OrderRow } from './quality-model';
import { ReasonsChart } from './ReasonsChart';
import { TrendChart } from './TrendChart';
import { filtersQuery, ordersQuery, paramsOf, viewFrom, type QualityView } from './view-query';

/** /app/quality: the quality department's review of its hospital, behind a quality token. */
export function QualityConsole() {
  return (
    <ConsoleGate role="quality" probe={(api) => api.get('/api/quality/facets')}>
      {(api) => <QualityWorkspace api={qualityApi(api)} />}
    </ConsoleGate>
  );
}

/**
 * The view lives in the URL: every filter, page and order change navigates, so a reload, the back
 * button and a shared link all show the same thing. Statistics, the list's page and the filters'
 * choices load separately, each when what it depends on changes.
 */
function QualityWorkspace({ api }: { readonly api: QualityApi }) {
  const { language, messages } = useQualityMessages();
  const t = messages.quality;
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewFrom(params), [params]);
  const show = (next: QualityView) => setParams(paramsOf(next));
  const statistics = useResource(JSON.stringify([filtersQuery(view), language]), (signal) =>
    api.statistics(view, signal),
  );
  const orders = useResource(JSON.stringify([ordersQuery(view), language]), (signal) => api.orders(view, signal));
  const facets = useResource(JSON.stringify([view.from, view.to, language]), (signal) =>
    api.facets({ from: view.from, to: view.to }, signal),
  );
  const [opened, setOpened] = useState<OrderRow | null>(null);
  const exported = useDownload();
  const period = statistics.value?.period ?? null;

  return (
    <>
      <Typography component="h1" variant="h5" gutterBottom>
        {t.heading}
      </Typography>
      {period ? (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t.period(period.from, period.to)}
        </Typography>
      ) : null}
      <FilterBar view={view} period={period} facets={facets.value} onChange={show} />
      {statistics.problem ? <ProblemNotice problem={statistics.problem} onRetry={statistics.reload} /> : null}
      {statistics.value ? (
        <>
          <HeadlineFigures totals={statistics.value.totals} />
          <Definitions />
          <ApartFigures statistics={statistics.value} />
          <PolicyTargets statistics={statistics.value} />
          <FlaggedDoctors doctors={statistics.value.flaggedDoctors} />
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, columnGap: 4 }}>
            <Section
              heading={t.trend.heading}
              actions={
                <GranularitySwitch
                  value={view.granularity}
                  onChange={(granularity) => show({ ...view, granularity })}
                />
              }
            >
              <TrendChart trend={statistics.value.trend} loading={statistics.loading} />
            </Section>
            <ReasonsChart reasons={statistics.value.reasons} facets={facets.value} />
          </Box>
        </>
      ) : statistics.loading ? (
        <Loading label={messages.app.loading} />
      ) : null}
      <Section
        heading={t.orders.heading}
        actions={
          <Button
            variant="outlined"
            disabled={exported.busy}
            onClick={() => void exported.start(() => api.downloadOrders(view))}
          >
            {exported.busy ? t.exports.downloading : t.exports.orders}
          </Button>
        }
      >
        <DownloadOutcome state={exported} done={t.exports.done} />
        {orders.problem ? <ProblemNotice problem={orders.problem} onRetry={orders.reload} /> : null}
        <OrdersGrid page={orders.value} loading={orders.loading} view={view} onView={show} onOpen={setOpened} />
      </Section>
      {statistics.value ? <BreakdownTabs statistics={statistics.value} /> : null}
      <MonthlyReport api={api} today={facets.value?.today ?? null} />
      {opened ? <OrderHistoryDialog api={api} order={opened} onClose={() => setOpened(null)} /> : null}
    </>
  );
}
