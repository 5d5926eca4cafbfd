import AppBar from '@mui/material/AppBar';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../shared/LanguageSwitch';

interface ConsoleFrameProps {
  readonly title: string;
  /** Shown while signed in. */
  readonly onSignOut?: (() => void) | undefined;
  readonly signOutLabel: string;
  /** Links to the console's other pages, shown while signed in. */
  readonly navigation?: ReactNode;
  readonly children: ReactNode;
}

/** The consoles' frame: wider than the decision screen's (tables and charts), with sign-out in the bar. */
export function ConsoleFrame({ title, onSignOut, signOutLabel, navigation, children }: ConsoleFrameProps) {
  return (
    <>
      <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography component="p" variant="subtitle1" sx={{ flexGrow: 1, fontWeight: 600 }}>
            {title}
          </Typography>
          {navigation}
          <LanguageSwitch />
          {onSignOut ? (
            <Button variant="outlined" size="small" onClick={onSignOut}>
              {signOutLabel}
            </Button>
          ) : null}
        </Toolbar>
      </AppBar>
      <Container component="main" maxWidth="xl" sx={{ py: 2 }}>
        {children}
      </Container>
    </>
  );
}
