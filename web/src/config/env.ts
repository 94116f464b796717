import { z } from 'zod';

const EnvSchema = z.object({
  /** Base URL of the tRPC HTTP endpoint; default: same origin `/trpc` */
  VITE_TRPC_URL: z.string().min(1).optional(),
  /** WebSocket URL of tRPC; default: `ws(s)://<host>/trpc` from `location` */
  VITE_TRPC_WS_URL: z.string().min(1).optional(),
});

const parsed = EnvSchema.safeParse(import.meta.env);
if (!parsed.success) throw new Error(`Invalid console environment:\n${z.prettifyError(parsed.error)}`);

/** The console's typed configuration; the only reader of `import.meta.env`. */
export const env = parsed.data;
