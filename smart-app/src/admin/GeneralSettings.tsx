import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import { Legend } from '../consoles/Legend';
import { useAdminMessages } from './i18n/messages';
import type { LowerLevelAcceptance, PromptIndicator, RulesState } from './admin-model';
import { acceptanceOptions, RULE_DEFAULTS, type OverrideDraft } from './override-draft';

const INDICATORS = ['info', 'warning'] as const satisfies readonly PromptIndicator[];

interface GeneralSettingsProps {
  readonly draft: OverrideDraft;
  readonly acceptanceBounds: RulesState['bounds']['lowerLevelAcceptance'];
  /** The server's refusal of the acceptance (`lowerLevelAcceptance`), as words. */
  readonly acceptanceRefusal: string | null;
  readonly onChange: (draft: OverrideDraft) => void;
}

/**
 * The settings that are one value each. Each shows what applies now, the region's default where the
 * hospital set nothing; choosing sets it for the hospital.
 */
export function GeneralSettings({ draft, acceptanceBounds, acceptanceRefusal, onChange }: GeneralSettingsProps) {
  const { messages } = useAdminMessages();
  const t = messages.admin.editor;
  const acceptance = acceptanceBounds ? acceptanceOptions(acceptanceBounds.max) : [];
  return (
    <Stack spacing={2}>
      <FormControl component="fieldset">
        <Legend>{t.indicator.heading}</Legend>
        <RadioGroup
          row
          value={draft.indicator ?? RULE_DEFAULTS.indicator}
          onChange={(_event, value) => onChange({ ...draft, indicator: INDICATORS.find((option) => option === value) })}
        >
          {INDICATORS.map((option) => (
            <FormControlLabel key={option} value={option} control={<Radio />} label={t.indicator.options[option]} />
          ))}
        </RadioGroup>
      </FormControl>
      <FormControl component="fieldset">
        <Legend>{t.switches.heading}</Legend>
        <FormControlLabel
          control={
            <Switch
              checked={draft.silenceInEmergency ?? RULE_DEFAULTS.silenceInEmergency}
              onChange={(event) => onChange({ ...draft, silenceInEmergency: event.target.checked })}
            />
          }
          label={t.switches.silenceInEmergency}
        />
        <FormControlLabel
          control={
            <Switch
              checked={draft.requireMethodMatch ?? RULE_DEFAULTS.requireMethodMatch}
              onChange={(event) => onChange({ ...draft, requireMethodMatch: event.target.checked })}
            />
          }
          label={t.switches.requireMethodMatch}
        />
      </FormControl>
      <FormControl component="fieldset" error={acceptanceRefusal !== null}>
        <Legend>{t.acceptance.heading}</Legend>
        {acceptanceBounds ? (
          <>
            <RadioGroup
              value={draft.lowerLevelAcceptance ?? acceptanceBounds.default}
              onChange={(_event, value) =>
                onChange({
                  ...draft,
                  lowerLevelAcceptance: acceptance.find((option: LowerLevelAcceptance) => option === value),
                })
              }
            >
              {acceptance.map((option) => (
                <FormControlLabel
                  key={option}
                  value={option}
                  control={<Radio />}
                  label={t.acceptance.options[option]}
                />
              ))}
            </RadioGroup>
            <FormHelperText sx={{ mx: 0 }}>
              {acceptanceRefusal ?? t.acceptance.bound(t.acceptance.options[acceptanceBounds.max])}
            </FormHelperText>
          </>
        ) : (
          <FormHelperText sx={{ mx: 0 }}>{t.acceptance.unavailable}</FormHelperText>
        )}
      </FormControl>
    </Stack>
  );
}
