import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { ProvinceFigures } from '../../../server/contract/province-figures';
import type { ConsoleApi } from '../consoles/console-api';
import { ConsoleGate } from '../consoles/ConsoleGate';
import { PageHeading } from '../consoles/PageHeading';
import { PlainTable } from '../consoles/PlainTable';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { DownloadOutcome, useDownload } from '../consoles/useDownload';
import { useResource } from '../consoles/useResource';
import { usePlatformMessages } from './i18n/messages';
import { downloadRanking, provinceFigures } from './platform-api';

const ITEMS_SHOWN = 20;

/** A share as the consoles write it: one decimal, a dash when nothing was eligible. */
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const yuan = (amount: number) => amount.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** This year to today, by the browser's calendar: the server's default too. */
function thisYear(): { from: string; to: string } {
  const today = new Date();
  const to = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return { from: `${today.getFullYear()}-01-01`, to };
}

/**
 * /app/platform/figures: the province's recognition figures in a period: the total, every hospital
 * ranked by recognition rate with its recognised items against 004's 200 and 300, by item and by
 * month, and the ranking as CSV for the health commission.
 */
export function PlatformFigures() {
  return (
    <ConsoleGate role="platform" probe={(api) => provinceFigures(api, thisYear(), new AbortController().signal)}>
      {(api) => <FiguresWorkspace api={api} />}
    </ConsoleGate>
  );
}

function FiguresWorkspace({ api }: { readonly api: ConsoleApi }) {
  const { language, messages } = usePlatformMessages();
  const t = messages.platform.figures;
  const [draft, setDraft] = useState(thisYear);
  const [period, setPeriod] = useState(draft);
  const figures = useResource(`figures ${period.from} ${period.to} ${language}`, (signal) =>
    provinceFigures(api, period, signal),
  );
  const download = useDownload();
  const show = (event: FormEvent) => {
    event.preventDefault();
    setPeriod(draft);
  };
  const value = figures.value;
  return (
    <>
      <PageHeading heading={t.heading} intro={t.intro} />
      <Stack
        component="form"
        direction="row"
        spacing={2}
        onSubmit={show}
        sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 2 }}
      >
        <TextField
          type="date"
          label={t.from}
          value={draft.from}
          onChange={(event) => setDraft((current) => ({ ...current, from: event.target.value }))}
          slotProps={{ inputLabel: { shrink: true } }}
          size="small"
        />
        <TextField
          type="date"
          label={t.to}
          value={draft.to}
          onChange={(event) => setDraft((current) => ({ ...current, to: event.target.value }))}
          slotProps={{ inputLabel: { shrink: true } }}
          size="small"
        />
        <Button type="submit" variant="contained">
          {t.show}
        </Button>
        <Button
          variant="outlined"
          disabled={download.busy}
          onClick={() => void download.start(() => downloadRanking(api, period))}
        >
          {download.busy ? t.exporting : t.csv}
        </Button>
        <DownloadOutcome state={download} done={t.saved} />
      </Stack>
      {figures.problem ? <ProblemNotice problem={figures.problem} onRetry={figures.reload} /> : null}
      {value ? <Figures figures={value} /> : null}
    </>
  );
}

function Figures({ figures }: { readonly figures: ProvinceFigures }) {
  const { messages } = usePlatformMessages();
  const t = messages.platform.figures;
  const { totals, targets } = figures;
  const headline: readonly (readonly [string, string])[] = [
    [t.headline.hospitals, String(totals.hospitals)],
    [t.headline.orders, String(totals.orders)],
    [t.headline.eligible, String(totals.eligible)],
    [t.headline.accepted, String(totals.accepted)],
    [t.headline.rate, percent(totals.rate)],
    [t.headline.unexplained, String(totals.unexplained)],
    [t.headline.saved, yuan(totals.yuanSaved)],
    [t.headline.items, String(totals.recognisedItems)],
  ];
  return (
    <>
      <Section heading={`${t.headline.heading}（${t.period(figures.period.from, figures.period.to)}）`}>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(11rem, 1fr))', gap: 2, m: 0 }}
        >
          {headline.map(([label, figure]) => (
            <div key={label}>
              <Typography component="dt" variant="body2" color="text.secondary">
                {label}
              </Typography>
              <Typography component="dd" variant="h6" sx={{ m: 0 }}>
                {figure}
              </Typography>
            </div>
          ))}
        </Box>
      </Section>
      <Section heading={t.ranking.heading}>
        <Typography variant="body2">{t.ranking.targets(targets.city, targets.province)}</Typography>
        {figures.byHospital.length === 0 ? (
          <Typography>{t.none}</Typography>
        ) : (
          <PlainTable
            label={t.ranking.heading}
            head={[
              t.ranking.columns.rank,
              t.ranking.columns.hospital,
              t.ranking.columns.region,
              t.ranking.columns.eligible,
              t.ranking.columns.accepted,
              t.ranking.columns.rate,
              t.ranking.columns.unexplained,
              t.ranking.columns.saved,
              t.ranking.columns.items,
            ]}
          >
            {figures.byHospital.map((hospital) => (
              <tr key={hospital.id}>
                <td>{hospital.rank ?? t.ranking.noRank}</td>
                <th scope="row">
                  {hospital.name}（{hospital.id}）
                </th>
                <td>{hospital.region}</td>
                <td className="count">{hospital.eligible}</td>
                <td className="count">{hospital.accepted}</td>
                <td className="count">{percent(hospital.rate)}</td>
                <td className="count">{hospital.unexplained}</td>
                <td className="count">{yuan(hospital.yuanSaved)}</td>
                <td>
                  {t.ranking.reached(
                    hospital.recognisedItems,
                    hospital.recognisedItems >= targets.city,
                    hospital.recognisedItems >= targets.province,
                  )}
                </td>
              </tr>
            ))}
          </PlainTable>
        )}
      </Section>
      <Section heading={t.items.heading}>
        <PlainTable
          label={t.items.heading}
          head={[
            t.items.columns.item,
            t.items.columns.orders,
            t.items.columns.accepted,
            t.items.columns.rate,
            t.items.columns.saved,
          ]}
        >
          {figures.byItem.slice(0, ITEMS_SHOWN).map((item) => (
            <tr key={item.key}>
              <th scope="row">
                {item.label}（{item.key}）
              </th>
              <td className="count">{item.orders}</td>
              <td className="count">{item.accepted}</td>
              <td className="count">{percent(item.rate)}</td>
              <td className="count">{yuan(item.yuanSaved)}</td>
            </tr>
          ))}
        </PlainTable>
      </Section>
      <Section heading={t.months.heading}>
        <PlainTable
          label={t.months.heading}
          head={[
            t.months.columns.month,
            t.months.columns.orders,
            t.months.columns.accepted,
            t.months.columns.rate,
            t.months.columns.unexplained,
            t.months.columns.saved,
          ]}
        >
          {figures.byMonth.map((month) => (
            <tr key={month.key}>
              <th scope="row">{month.key}</th>
              <td className="count">{month.orders}</td>
              <td className="count">{month.accepted}</td>
              <td className="count">{percent(month.rate)}</td>
              <td className="count">{month.unexplained}</td>
              <td className="count">{yuan(month.yuanSaved)}</td>
            </tr>
          ))}
        </PlainTable>
      </Section>
    </>
  );
}
