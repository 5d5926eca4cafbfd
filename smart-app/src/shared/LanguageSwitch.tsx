import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { LANGUAGES, useLanguage, type Language } from '../i18n/language';

/**
 * 中文 | English. By default it switches the screen's language (the decision screen's and the
 * consoles' bars); given a value and a handler, any other language choice, such as the notification
 * sheet's own.
 */
export function LanguageSwitch(props: {
  readonly value?: Language;
  readonly onChange?: (language: Language) => void;
  readonly label?: string;
}) {
  const { language, messages, setLanguage } = useLanguage();
  const change = props.onChange ?? setLanguage;
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.value ?? language}
      aria-label={props.label ?? messages.app.languageLabel}
      onChange={(_event, next: Language | null) => {
        if (next) change(next);
      }}
    >
      {LANGUAGES.map((option) => (
        <ToggleButton key={option} value={option} lang={option} sx={{ whiteSpace: 'nowrap' }}>
          {messages.app.languageNames[option]}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
