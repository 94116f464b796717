import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { watchNetwork } from '@/lib/trpc-client';
import { App } from './app/app';
import { createConsoleRuntime } from './app/console-runtime';
import './styles.css';

// The gateway's CSP allows no eval: zod parses without compiling, so it need not probe with `new Function`
z.config({ jitless: true });

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
const runtime = createConsoleRuntime();
watchNetwork(runtime.socket);
// Another tab may have signed in as someone else, or an admin changed this user's role: check on coming back
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void runtime.checkSession();
});
createRoot(root).render(
  <StrictMode>
    <App runtime={runtime} />
  </StrictMode>,
);
