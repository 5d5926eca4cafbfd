import CssBaseline from '@mui/material/CssBaseline';
import { enUS as materialEnUS, zhCN as materialZhCN } from '@mui/material/locale';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { enUS as pickersEnUS, zhCN as pickersZhCN } from '@mui/x-date-pickers/locales';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { DAYJS_LOCALES, useLanguage, type Language } from '../i18n/language';
import { createQueryClient } from '../shared/queries';

/** MUI's own texts (pagination, pickers' labels), per language. */
const LOCALES: Record<Language, { material: typeof materialZhCN; pickers: typeof pickersZhCN }> = {
  'zh-CN': { material: materialZhCN, pickers: pickersZhCN },
  en: { material: materialEnUS, pickers: pickersEnUS },
};

export function AppProviders({ children }: { readonly children: ReactNode }) {
  const { language } = useLanguage();
  const locale = LOCALES[language];
  const [queries] = useState(createQueryClient);
  const theme = useMemo(
    () =>
      createTheme(
        {
          // WCAG AA (4.5:1) for text on white and white on colour: MUI's own warning (3.1:1) and info (3.9:1) are too light.
          palette: { primary: { main: '#0b5cad' }, warning: { main: '#b45309' }, info: { main: '#0369a1' } },
          components: {
            // An unselected toggle (the language switch) in the grey bar: text.secondary, not the paler action colour.
            MuiToggleButton: { styleOverrides: { root: ({ theme }) => ({ color: theme.palette.text.secondary }) } },
          },
          // Chinese system fonts first; buttons in sentence case (capitals shout, and mean nothing in Chinese).
          typography: {
            fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif',
            button: { textTransform: 'none' },
          },
        },
        locale.pickers,
        locale.material,
      ),
    [locale],
  );
  return (
    <QueryClientProvider client={queries}>
      <ThemeProvider theme={theme}>
        <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale={DAYJS_LOCALES[language]}>
          <CssBaseline />
          {children}
        </LocalizationProvider>
      </ThemeProvider>
    </QueryClientProvider>
  );
}
