export * from './factories.ts';
export * from './test-surface.ts';
