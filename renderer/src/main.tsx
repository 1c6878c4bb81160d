// First: configures zod before any schema (shared/model) is built.
import './zod-config';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createQueryClient } from './app/query-client';
import './styles/app.css';
import './styles/lists.css';
import './styles/forms.css';
import './styles/setup.css';
import './styles/compose.css';
import './styles/outbox.css';
import './styles/sync.css';
import './styles/reader.css';
import './styles/mail-window.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
