import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQualityMessages } from './i18n/messages';
import { Section } from '../consoles/Section';
import { ChoiceFilter, DateFilter, SearchFilter, type Choice } from './filter-controls';
import { disciplineName, modalityName } from './labels';
import type { Facets } from './quality-model';
import { ORDER_OUTCOMES, ORDER_SCOPES } from '../../../server/contract/quality';
import { withFilter, withoutFilters, type QualityView } from './view-query';

interface FilterBarProps {
  readonly view: QualityView;
  /** The period the server counted (its default when the view names none). */
  readonly period: { readonly from: string; readonly to: string } | null;
  readonly facets: Facets | null;
  readonly onChange: (view: QualityView) => void;
}

const distinct = (values: readonly string[]) => [...new Set(values)].sort();

/** Period, who, what, outcome and reason: each change is a new URL (and the list's first page). */
export function FilterBar({ view, period, facets, onChange }: FilterBarProps) {
  const { messages } = useQualityMessages();
  const t = messages.quality.filters;
  const items = facets?.items ?? [];
  const choices = {
    department: (facets?.departments ?? []).map((department): Choice => ({
      value: department.code,
      label: department.name,
    })),
    doctor: (facets?.doctors ?? []).map((doctor): Choice => ({ value: doctor.ref, label: doctor.name ?? doctor.ref })),
    item: items.map((item): Choice => ({ value: item.code, label: `${item.name} (${item.code})` })),
    discipline: distinct(items.map((item) => item.discipline)).map((code): Choice => ({
      value: code,
      label: disciplineName(messages, code),
    })),
    modality: distinct(items.map((item) => item.modality)).map((code): Choice => ({
      value: code,
      label: modalityName(messages, code),
    })),
    outcome: ORDER_OUTCOMES.map((outcome): Choice => ({ value: outcome, label: messages.quality.outcomes[outcome] })),
    reason: (facets?.reasons ?? []).map((reason): Choice => ({ value: reason.code, label: reason.text })),
    scope: ORDER_SCOPES.map((scope): Choice => ({ value: scope, label: messages.quality.policy.scopes[scope] })),
  };
  return (
    <Section heading={t.heading}>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2, alignItems: 'center' }}>
        <DateFilter
          label={t.from}
          value={view.from ?? period?.from ?? null}
          onCommit={(day) => onChange(withFilter(view, 'from', day))}
        />
        <DateFilter
          label={t.to}
          value={view.to ?? period?.to ?? null}
          onCommit={(day) => onChange(withFilter(view, 'to', day))}
        />
        <ChoiceFilter
          label={t.department}
          value={view.department}
          choices={choices.department}
          onChange={(value) => onChange(withFilter(view, 'department', value))}
        />
        <SearchFilter
          label={t.doctor}
          value={view.doctor}
          choices={choices.doctor}
          onChange={(value) => onChange(withFilter(view, 'doctor', value))}
        />
        <SearchFilter
          label={t.item}
          value={view.item}
          choices={choices.item}
          onChange={(value) => onChange(withFilter(view, 'item', value))}
        />
        <ChoiceFilter
          label={t.discipline}
          value={view.discipline}
          choices={choices.discipline}
          onChange={(value) => onChange(withFilter(view, 'discipline', value))}
        />
        <ChoiceFilter
          label={t.modality}
          value={view.modality}
          choices={choices.modality}
          onChange={(value) => onChange(withFilter(view, 'modality', value))}
        />
        <ChoiceFilter
          label={t.outcome}
          value={view.outcome}
          choices={choices.outcome}
          onChange={(value) =>
            onChange(
              withFilter(
                view,
                'outcome',
                ORDER_OUTCOMES.find((outcome) => outcome === value),
              ),
            )
          }
        />
        <ChoiceFilter
          label={t.reason}
          value={view.reason}
          choices={choices.reason}
          onChange={(value) => onChange(withFilter(view, 'reason', value))}
        />
        <ChoiceFilter
          label={messages.quality.policy.scopeFilter}
          value={view.scope}
          choices={choices.scope}
          onChange={(value) =>
            onChange(
              withFilter(
                view,
                'scope',
                ORDER_SCOPES.find((scope) => scope === value),
              ),
            )
          }
        />
        <Button onClick={() => onChange(withoutFilters(view))}>{t.clear}</Button>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t.shareHint}
      </Typography>
    </Section>
  );
}
