import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { watchNetwork } from '@/lib/trpc-client';
import { App } from './app/app';
import { createConsoleRuntime } from './app/console-runtime';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
const runtime = createConsoleRuntime();
watchNetwork(runtime.socket);
createRoot(root).render(
  <StrictMode>
    <App runtime={runtime} />
  </StrictMode>,
);
