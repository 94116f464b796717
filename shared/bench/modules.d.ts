// Minimal types for the untyped comparison packages and the few Node globals the benchmark uses
// (shared/tsconfig.json has no Node types: shared stays platform-free).
declare module 'black-scholes' {
  export function blackScholes(
    ...a: [s: number, k: number, t: number, v: number, r: number, callPut: string]
  ): number;
  export function stdNormCDF(x: number): number;
}
declare module 'greeks' {
  type Fn = (
    ...a: [s: number, k: number, t: number, v: number, r: number, callPut: string, scale?: number]
  ) => number;
  export const getDelta: Fn;
  export const getGamma: Fn;
  export const getVega: Fn;
  export const getTheta: Fn;
  export const getRho: Fn;
}
declare module 'implied-volatility' {
  export function getImpliedVolatility(
    ...a: [
      expectedCost: number,
      s: number,
      k: number,
      t: number,
      r: number,
      callPut: string,
      estimate?: number,
    ]
  ): number;
}
declare const console: { log(...args: unknown[]): void };
declare const performance: { now(): number };
declare const process: { argv: string[]; cpuUsage(): { user: number; system: number } };
declare module 'node:fs' {
  export function mkdirSync(path: URL, options: { recursive: boolean }): void;
  export function writeFileSync(path: URL, data: string): void;
}
declare module 'node:os' {
  export function loadavg(): number[];
}
interface ImportMeta {
  url: string;
}
declare class URL {
  constructor(url: string, base?: URL | string);
  readonly pathname: string;
}
