export type { AppRouter } from './trpc/routers/app-router.ts';
