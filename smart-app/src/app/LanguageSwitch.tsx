import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { LANGUAGES, useLanguage, type Language } from '../i18n/language';

/** 中文 | English, in the bar of the decision screen and of the consoles. */
export function LanguageSwitch() {
  const { language, messages, setLanguage } = useLanguage();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={language}
      aria-label={messages.app.languageLabel}
      onChange={(_event, next: Language | null) => {
        if (next) setLanguage(next);
      }}
    >
      {LANGUAGES.map((option) => (
        <ToggleButton key={option} value={option} lang={option}>
          {messages.app.languageNames[option]}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
