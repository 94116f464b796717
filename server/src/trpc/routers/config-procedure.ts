import { deskConfig } from '../../config/desk-config.ts';
import { publicProcedure } from '../init.ts';

/** `config`: what the console marks from the server's settings (FOMO gate, delta thresholds, hedge instruments). */
export const configProcedure = publicProcedure.query(({ ctx }) => deskConfig(ctx.config.desk));
