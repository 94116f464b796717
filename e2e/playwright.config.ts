import { defineConfig } from '@playwright/test';
import { chromiumPath } from './support/chromium-path.ts';
import { E2E_GAMMA_USERS } from './support/sign-in.ts';
import { pinStackEnvironment, stack } from './support/stack.ts';

pinStackEnvironment();

export default defineConfig({
  testDir: './specs',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${stack.port}`,
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node --import tsx e2e/support/stack-server.ts',
    cwd: '..',
    url: `http://127.0.0.1:${stack.port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      PORT: String(stack.port),
      STREAM_PREFIX: stack.prefix,
      REDIS_URL: stack.redisUrl,
      DATA_DIR: `.data/e2e-${stack.prefix}`,
      SIM_SENTIMENT_PORT: String(stack.port + 1),
      // S1 stays inert (no seeded daily history), so the journeys see only the intents they publish
      SIM_DAILY_HISTORY_DAYS: '0',
      // The journeys publish the same straddle intent several times within seconds: no duplicate window
      RISK_DUPLICATE_WINDOW_S: '0',
      MACRO_BROADCAST_INTERVAL_S: '2',
      MACRO_VOL_BAR_S: '1',
      FORECAST_BAR_S: '1',
      LOG_LEVEL: 'error',
      // Legs are limit orders 1 % through the touch by default; the simulator's quotes can move that much between
      // the approval and the fill (1 run in 24 ended the four-eyes journey execution_rejected,
      // LIMIT_NOT_MARKETABLE): 2 %, and a price band wide enough for it
      EXEC_PRICE_BUFFER_PCT: '0.02',
      RISK_PRICE_BAND_PCT: '0.1',
      // The specs' users, one per role (e2e/support/sign-in.ts signs a browser context in as one)
      GAMMA_USERS: E2E_GAMMA_USERS,
      // Their passwords at scrypt's lowest allowed cost: every spec signs in, the checks are the same
      PASSWORD_HASH_COST: '10',
    },
  },
});
