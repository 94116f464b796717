/** Every part `main.ts` can host, by the name `SERVICES` uses, in start order (the gateway last). */
export const SERVICE_NAMES = [
  'market-simulator',
  'vol-forecaster',
  'strategy-runner',
  'engine',
  'option-execution',
  'paper-exchange',
  'risk-service',
  'kill-switch',
  'audit-recorder',
  'gateway',
] as const;

/** A name of {@link SERVICE_NAMES}. */
export type ServiceName = (typeof SERVICE_NAMES)[number];
