import { CssBaseline, ThemeProvider, createTheme, Container, Typography, Alert } from '@mui/material';
import { useEffect, useState } from 'react';
import { call, ceremonyApi } from './api';

const theme = createTheme({ palette: { mode: 'light' } });

type Info = Awaited<ReturnType<typeof loadInfo>>;
const loadInfo = () => call(ceremonyApi().appInfo({}));

export function App() {
  const [info, setInfo] = useState<Info | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadInfo().then(setInfo, (e: Error) => setError(e.message));
  }, []);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Container component="main" maxWidth="md" sx={{ py: 4 }}>
        <Typography variant="h4" component="h1" gutterBottom>
          KMS Key Ceremony
        </Typography>
        {error && <Alert severity="error">{error}</Alert>}
        {info && (
          <Typography data-testid="app-info">
            Version {info.version} · {info.platform} · {info.runtime}
          </Typography>
        )}
      </Container>
    </ThemeProvider>
  );
}
