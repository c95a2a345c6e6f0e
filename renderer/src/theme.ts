/** A calm, sober look: one blue, neutral greys, clear type, monospace for anything read aloud. */
import { createTheme } from '@mui/material';

export const MONO = '"JetBrains Mono", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace';

export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#1d4e89' },
    background: { default: '#f4f6f8', paper: '#ffffff' },
    text: { primary: '#1c2430', secondary: '#4f5b6b' },
  },
  shape: { borderRadius: 6 },
  typography: {
    fontFamily: '"Inter", "Segoe UI", "DejaVu Sans", Roboto, Helvetica, Arial, sans-serif',
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    MuiCssBaseline: { styleOverrides: { ':root': { '--mono': MONO } } },
    MuiButton: { defaultProps: { disableElevation: true } },
    // Static notes are not alerts; only failures (ErrorAlert) interrupt a screen reader.
    MuiAlert: { defaultProps: { role: 'note' } },
  },
});
