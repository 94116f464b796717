import { z } from 'zod';

const EnvSchema = z.object({
  /** Base URL of the tRPC HTTP endpoint; default: same origin `/trpc` */
  VITE_TRPC_URL: z.string().min(1).optional(),
  /** WebSocket URL of tRPC; default: `ws(s)://<host>/trpc` from `location` */
  VITE_TRPC_WS_URL: z.string().min(1).optional(),
  /** PQVolTrader FOMO gate shown on the FOMO card (SPEC §4.1 `max_fomo_score`) */
  VITE_MAX_FOMO_SCORE: z.coerce.number().min(0).max(1).default(0.7),
  /** The hedger's delta threshold in coins (SPEC §4.2, `DELTA_THRESHOLD`) */
  VITE_DELTA_THRESHOLD: z.coerce.number().positive().default(0.05),
});

const parsed = EnvSchema.safeParse(import.meta.env);
if (!parsed.success) throw new Error(`Invalid console environment:\n${z.prettifyError(parsed.error)}`);

/** The console's typed configuration; the only reader of `import.meta.env`. */
export const env = parsed.data;
