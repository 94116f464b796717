import { z } from 'zod';

// The JSON shapes of each strategy's whole state, for the runner's snapshot (see Strategy.saveState).

const num = z.number().finite();
const ms = num.nullable();
/** A number that may be NaN in memory: JSON writes NaN as null, read back as NaN. */
const maybeNaN = z
  .number()
  .nullable()
  .transform((n) => n ?? Number.NaN);

/** Intents in flight: id, emission time, expected orders, orders filled. */
export const InFlightStateSchema = z.array(
  z.object({ id: z.string(), emittedAtMs: num, legs: num, filled: z.array(z.string()) }),
);
export type InFlightState = z.infer<typeof InFlightStateSchema>;

/** Half-filled option structures and the recently closed ones. */
export const PartialsStateSchema = z.object({
  open: z.array(z.object({ id: z.string(), firstFillAtMs: num, legs: z.array(z.string()) })),
  closed: z.array(z.string()),
});
export type PartialsState = z.infer<typeof PartialsStateSchema>;

const ObservationSchema = z.object({ value: num, timestamp: z.string(), ms: maybeNaN }).nullable();

export const PqVolTraderStateSchema = z.object({
  p: ObservationSchema,
  q: ObservationSchema,
  macroRegime: z.string().nullable(),
  regimeScore: num.nullable(),
  sentimentScore: num.nullable(),
  fomoScore: num.nullable(),
  legs: z.array(z.tuple([z.string(), num])),
  spot: num.nullable(),
  surfaceSpot: num.nullable(),
  dayStartMs: ms,
  dayOpen: num.nullable(),
  lastTradeAtMs: ms,
  lastPublishedReason: z.string().nullable(),
  lastHoldAtMs: ms,
  inFlight: InFlightStateSchema,
});
export type PqVolTraderState = z.infer<typeof PqVolTraderStateSchema>;

export const DeltaHedgerStateSchema = z.object({
  lastHedgeAtMs: ms,
  referencePrice: num.nullable(),
  hedgePosition: num,
  lastDelta: num.nullable(),
  inFlight: InFlightStateSchema,
  partials: PartialsStateSchema,
});
export type DeltaHedgerState = z.infer<typeof DeltaHedgerStateSchema>;

const SideSchema = z.object({ armed: z.boolean(), extreme: num });

export const GridStateSchema = z.object({
  base: num.nullable(),
  sell: SideSchema,
  buy: SideSchema,
  lastActivityMs: ms,
  inFlightSinceMs: ms,
  equity: num.nullable(),
});
export type GridState = z.infer<typeof GridStateSchema>;

export const S1StateSchema = z.object({
  bars: z.array(z.tuple([num, num, num])),
  levels: z.object({ high: num, low: num, atMs: num }).nullable(),
  position: num,
  equity: num.nullable(),
  inFlight: InFlightStateSchema,
  /** Absent in snapshots taken before the pause existed */
  pausedUntilMs: ms.default(null),
});
export type S1State = z.infer<typeof S1StateSchema>;

/** Parses a saved state with `schema`, handing it to `take`; false (nothing taken) when it does not parse. */
export function loadWith<T>(
  schema: z.ZodType<T, unknown>,
  state: unknown,
  take: (parsed: T) => void,
): boolean {
  const parsed = schema.safeParse(state);
  if (!parsed.success) return false;
  take(parsed.data);
  return true;
}
