import AppBar from '@mui/material/AppBar';
import Container from '@mui/material/Container';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { Outlet } from 'react-router';
import { LANGUAGES, useLanguage, type Language } from '../i18n/language';

/** The frame around every page: the app's name, the language switch, and the page in `main`. */
export function AppFrame() {
  const { language, messages, setLanguage } = useLanguage();
  return (
    <>
      <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography component="p" variant="subtitle1" sx={{ flexGrow: 1, fontWeight: 600 }}>
            {messages.app.title}
          </Typography>
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
        </Toolbar>
      </AppBar>
      <Container component="main" maxWidth="md" sx={{ py: 2 }}>
        <Outlet />
      </Container>
    </>
  );
}
