import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import type { StoredQualification } from '../../../server/contract/platform';
import { DISCIPLINES, QUALIFICATION_KINDS } from '../../../rules';
import type { ConsoleApi } from '../consoles/console-api';
import { consoleProblemOf, type ConsoleProblem } from '../consoles/console-problems';
import { ConsoleGate } from '../consoles/ConsoleGate';
import { useConsoleMessages } from '../consoles/i18n/messages';
import { PlainTable } from '../consoles/PlainTable';
import { PageHeading } from '../consoles/PageHeading';
import { ProblemNotice } from '../consoles/ProblemNotice';
import { Section } from '../consoles/Section';
import { useResource } from '../consoles/useResource';
import { InstitutionSelect } from './InstitutionSelect';
import { RegistryImport } from './RegistryImport';
import { usePlatformMessages } from './i18n/messages';
import {
  catalog,
  institutions,
  qualificationEffect,
  qualifications,
  recordQualification,
  withdrawQualification,
} from './platform-api';

/** Lapsing within this many days is listed at the top. */
const LAPSING_DAYS = 30;

/**
 * /app/platform/qualifications: the institutions' quality results (EQA, blind samples, evaluations,
 * CNAS), what lapses in the next 30 days, one institution's list with withdrawal, a new result, and
 * a quality-control centre's published results as CSV (issue 21 point 2).
 */
export function PlatformQualifications() {
  return (
    <ConsoleGate
      role="platform"
      probe={(api) => qualifications(api, { lapsingWithinDays: 1 }, new AbortController().signal)}
    >
      {(api) => <QualificationsWorkspace api={api} />}
    </ConsoleGate>
  );
}

const today = () => new Date().toLocaleDateString('en-CA');

function QualificationsWorkspace({ api }: { readonly api: ConsoleApi }) {
  const { language, messages } = usePlatformMessages();
  const t = messages.platform.qualifications;
  const registry = useResource(`institutions ${language}`, (signal) => institutions(api, signal));
  const items = useResource(`catalog ${language}`, (signal) => catalog(api, signal));
  const lapsing = useResource(`lapsing ${language}`, (signal) =>
    qualifications(api, { lapsingWithinDays: LAPSING_DAYS }, signal),
  );
  const [institutionId, setInstitutionId] = useState('');
  const listed = useResource(`list ${institutionId} ${language}`, (signal) =>
    institutionId ? qualifications(api, { institutionId }, signal) : Promise.resolve([]),
  );
  const reload = () => {
    lapsing.reload();
    listed.reload();
  };
  const hospitalName = (id: string) => registry.value?.find((institution) => institution.id === id)?.name ?? id;
  const scopeName = useScopeName(items.value ?? []);
  return (
    <>
      <PageHeading heading={t.heading} intro={t.intro} />
      <Section heading={t.lapsing.heading(LAPSING_DAYS)}>
        {lapsing.problem ? <ProblemNotice problem={lapsing.problem} onRetry={lapsing.reload} /> : null}
        {lapsing.value?.length === 0 ? <Typography>{t.lapsing.none(LAPSING_DAYS)}</Typography> : null}
        {lapsing.value && lapsing.value.length > 0 ? (
          <PlainTable
            label={t.lapsing.heading(LAPSING_DAYS)}
            head={[t.columns.institution, t.columns.scope, t.columns.kind, t.columns.until]}
          >
            {lapsing.value.map((qualification) => (
              <tr key={qualification.id}>
                <th scope="row">{hospitalName(qualification.institutionId)}</th>
                <td>{scopeName(qualification)}</td>
                <td>{t.kinds[qualification.kind]}</td>
                <td>{qualification.validUntil}</td>
              </tr>
            ))}
          </PlainTable>
        ) : null}
      </Section>
      <Section heading={t.byInstitution.heading}>
        <Stack sx={{ mb: 2 }}>
          <InstitutionSelect
            label={t.byInstitution.choose}
            value={institutionId}
            onChange={setInstitutionId}
            institutions={registry.value ?? []}
          />
        </Stack>
        {listed.problem ? <ProblemNotice problem={listed.problem} onRetry={listed.reload} /> : null}
        {institutionId && listed.value?.length === 0 ? <Typography>{t.byInstitution.none}</Typography> : null}
        {institutionId && listed.value && listed.value.length > 0 ? (
          <PlainTable
            label={t.byInstitution.table(hospitalName(institutionId))}
            head={[t.columns.scope, t.columns.kind, t.columns.result, t.columns.valid, t.columns.state]}
            actions
          >
            {listed.value.map((qualification) => (
              <QualificationRow
                key={qualification.id}
                api={api}
                qualification={qualification}
                scope={scopeName(qualification)}
                onChanged={reload}
              />
            ))}
          </PlainTable>
        ) : null}
      </Section>
      <NewQualification
        api={api}
        institutions={registry.value ?? []}
        items={items.value ?? []}
        onSaved={(savedFor) => {
          setInstitutionId(savedFor);
          reload();
        }}
      />
      <RegistryImport api={api} kind="qualifications" words={t.import} onImported={reload} />
    </>
  );
}

function useScopeName(items: readonly { readonly code: string; readonly nameZh: string; readonly nameEn: string }[]) {
  const { language } = usePlatformMessages();
  const { messages: consoleWords } = useConsoleMessages();
  return (qualification: StoredQualification) => {
    if (qualification.scope.kind === 'discipline')
      return consoleWords.consoles.disciplines[qualification.scope.discipline];
    const { itemCode } = qualification.scope;
    const item = items.find((candidate) => candidate.code === itemCode);
    return item ? (language === 'en' ? item.nameEn : item.nameZh) : itemCode;
  };
}

/** One qualification, its state today, and its withdrawal in two steps (a date, then confirm). */
function QualificationRow({
  api,
  qualification,
  scope,
  onChanged,
}: {
  readonly api: ConsoleApi;
  readonly qualification: StoredQualification;
  readonly scope: string;
  readonly onChanged: () => void;
}) {
  const { messages } = usePlatformMessages();
  const t = messages.platform.qualifications;
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);
  const [effect, setEffect] = useState<string | null>(null);
  const now = today();
  // The dry run for the date chosen: what the withdrawal would do, before it is confirmed.
  useEffect(() => {
    setEffect(null);
    if (!withdrawing) return;
    let current = true;
    qualificationEffect(api, { withdraw: { id: qualification.id, withdrawnOn: withdrawing } }).then(
      (answer) => current && setEffect(t.effect(answer.examined, answer.gained, answer.lost)),
      () => current && setEffect(null),
    );
    return () => {
      current = false;
    };
  }, [api, qualification.id, withdrawing, t]);
  const state = qualification.withdrawnOn
    ? t.states.withdrawn(qualification.withdrawnOn)
    : !qualification.passed
      ? t.states.failed
      : qualification.validUntil < now
        ? t.states.lapsed
        : qualification.validFrom > now
          ? t.states.notYet
          : t.states.valid;
  const withdraw = async () => {
    if (!withdrawing) return;
    setProblem(null);
    try {
      await withdrawQualification(api, qualification.id, withdrawing);
      setWithdrawing(null);
      onChanged();
    } catch (error) {
      setProblem(consoleProblemOf(error));
    }
  };
  return (
    <tr>
      <th scope="row">{scope}</th>
      <td>{t.kinds[qualification.kind]}</td>
      <td>{qualification.passed ? t.passed : t.notPassed}</td>
      <td style={{ whiteSpace: 'nowrap' }}>
        {qualification.validFrom} – {qualification.validUntil}
      </td>
      <td>{state}</td>
      <td>
        {qualification.withdrawnOn ? null : withdrawing === null ? (
          <Button size="small" color="warning" onClick={() => setWithdrawing(now)} aria-label={t.withdraw.ask(scope)}>
            {t.withdraw.button}
          </Button>
        ) : (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField
              type="date"
              size="small"
              label={t.withdraw.from}
              value={withdrawing}
              onChange={(event) => setWithdrawing(event.target.value)}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <Button size="small" color="error" variant="contained" onClick={() => void withdraw()}>
              {t.withdraw.confirm(scope)}
            </Button>
            <Button size="small" onClick={() => setWithdrawing(null)}>
              {t.withdraw.cancel}
            </Button>
            {effect ? (
              <Typography variant="body2" role="status">
                {effect}
              </Typography>
            ) : null}
            {problem ? <ProblemNotice problem={problem} /> : null}
          </Stack>
        )}
      </td>
    </tr>
  );
}

const EMPTY = {
  institutionId: '',
  scopeKind: 'item' as 'item' | 'discipline',
  scopeCode: '',
  kind: 'eqa' as (typeof QUALIFICATION_KINDS)[number],
  passed: 'true',
  validFrom: '',
  validUntil: '',
};

/** A new result, checked by the server as an import row is; a refusal shows at its field. */
function NewQualification({
  api,
  institutions: known,
  items,
  onSaved,
}: {
  readonly api: ConsoleApi;
  readonly institutions: readonly { readonly id: string; readonly name: string }[];
  readonly items: readonly { readonly code: string; readonly nameZh: string; readonly nameEn: string }[];
  readonly onSaved: (institutionId: string) => void;
}) {
  const { language, messages } = usePlatformMessages();
  const { messages: consoleWords } = useConsoleMessages();
  const t = messages.platform.qualifications;
  const [values, setValues] = useState(EMPTY);
  const [problem, setProblem] = useState<ConsoleProblem | null>(null);
  const [saved, setSaved] = useState(false);
  // The dry run's words for the values as they stand; saving is offered once they are shown.
  const [effect, setEffect] = useState<string | null>(null);
  const change = (next: Partial<typeof EMPTY>) => {
    setEffect(null);
    setValues((current) => ({ ...current, ...next }));
  };
  const set = (field: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    change({ [field]: event.target.value });
  const refusedAt = (field: string) => (problem?.field?.startsWith(field) ? problem.detail : null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setSaved(false);
    const qualification = {
      institutionId: values.institutionId,
      scope:
        values.scopeKind === 'item'
          ? { kind: 'item' as const, itemCode: values.scopeCode }
          : { kind: 'discipline' as const, discipline: values.scopeCode as (typeof DISCIPLINES)[number] },
      kind: values.kind,
      passed: values.passed === 'true',
      validFrom: values.validFrom,
      validUntil: values.validUntil,
      withdrawnOn: null,
    };
    try {
      if (effect === null) {
        const answer = await qualificationEffect(api, { add: qualification });
        setEffect(t.effect(answer.examined, answer.gained, answer.lost));
        return;
      }
      await recordQualification(api, qualification);
      setSaved(true);
      setEffect(null);
      onSaved(values.institutionId);
      setValues({ ...EMPTY, institutionId: values.institutionId });
    } catch (error) {
      setProblem(consoleProblemOf(error));
    }
  };
  return (
    <Section heading={t.form.heading}>
      {saved ? (
        <Alert severity="success" role="status" onClose={() => setSaved(false)} sx={{ mb: 1 }}>
          {t.form.saved}
        </Alert>
      ) : null}
      <Stack component="form" spacing={2} onSubmit={submit} sx={{ maxWidth: 640 }}>
        <InstitutionSelect
          required
          label={t.columns.institution}
          value={values.institutionId}
          onChange={(id) => change({ institutionId: id })}
          institutions={known}
          refusal={refusedAt('institutionId')}
        />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            select
            label={t.form.scopeKind}
            value={values.scopeKind}
            onChange={(event) => change({ scopeKind: event.target.value as 'item' | 'discipline', scopeCode: '' })}
            sx={{ minWidth: 140 }}
          >
            <MenuItem value="item">{t.form.item}</MenuItem>
            <MenuItem value="discipline">{t.form.discipline}</MenuItem>
          </TextField>
          <TextField
            select
            required
            label={values.scopeKind === 'item' ? t.form.item : t.form.discipline}
            value={values.scopeCode}
            onChange={set('scopeCode')}
            error={refusedAt('scope') !== null}
            helperText={refusedAt('scope')}
            sx={{ flexGrow: 1 }}
          >
            {values.scopeKind === 'item'
              ? items.map((item) => (
                  <MenuItem key={item.code} value={item.code}>
                    {language === 'en' ? item.nameEn : item.nameZh}（{item.code}）
                  </MenuItem>
                ))
              : DISCIPLINES.map((discipline) => (
                  <MenuItem key={discipline} value={discipline}>
                    {consoleWords.consoles.disciplines[discipline]}
                  </MenuItem>
                ))}
          </TextField>
        </Stack>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField select label={t.columns.kind} value={values.kind} onChange={set('kind')} sx={{ minWidth: 160 }}>
            {QUALIFICATION_KINDS.map((kind) => (
              <MenuItem key={kind} value={kind}>
                {t.kinds[kind]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            label={t.columns.result}
            value={values.passed}
            onChange={set('passed')}
            sx={{ minWidth: 120 }}
          >
            <MenuItem value="true">{t.passed}</MenuItem>
            <MenuItem value="false">{t.notPassed}</MenuItem>
          </TextField>
          <TextField
            type="date"
            required
            label={t.form.validFrom}
            value={values.validFrom}
            onChange={set('validFrom')}
            slotProps={{ inputLabel: { shrink: true } }}
            error={refusedAt('validFrom') !== null}
            helperText={refusedAt('validFrom')}
          />
          <TextField
            type="date"
            required
            label={t.form.validUntil}
            value={values.validUntil}
            onChange={set('validUntil')}
            slotProps={{ inputLabel: { shrink: true } }}
            error={refusedAt('validUntil') !== null}
            helperText={refusedAt('validUntil')}
          />
        </Stack>
        {problem && !problem.field ? <ProblemNotice problem={problem} /> : null}
        {effect ? (
          <Alert severity="info" role="status">
            {effect}
          </Alert>
        ) : null}
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained">
            {effect ? t.form.confirm : t.form.preview}
          </Button>
          {effect ? <Button onClick={() => setEffect(null)}>{t.form.back}</Button> : null}
        </Stack>
      </Stack>
    </Section>
  );
}
