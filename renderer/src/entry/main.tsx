/** The custody entry window's page (issue 11): no store, no navigation, only `window.custodyEntry`. */
import { CssBaseline, ThemeProvider } from '@mui/material';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { theme } from '../theme';
import { EntryPage } from './EntryPage';

const root = document.getElementById('root');
if (!root) throw new Error('entry.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <EntryPage />
    </ThemeProvider>
  </StrictMode>,
);
