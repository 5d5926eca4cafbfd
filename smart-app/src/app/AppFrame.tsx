import AppBar from '@mui/material/AppBar';
import Container from '@mui/material/Container';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { Outlet } from 'react-router';
import { useLanguage } from '../i18n/language';
import { LanguageSwitch } from '../shared/LanguageSwitch';

/** The frame around every page: the app's name, the language switch, and the page in `main`. */
export function AppFrame() {
  const { messages } = useLanguage();
  return (
    <>
      <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography component="p" variant="subtitle1" sx={{ flexGrow: 1, fontWeight: 600 }}>
            {messages.app.title}
          </Typography>
          <LanguageSwitch />
        </Toolbar>
      </AppBar>
      <Container component="main" maxWidth="md" sx={{ py: 2 }}>
        <Outlet />
      </Container>
    </>
  );
}
