import { HistorySearchInputSchema } from '@gamma/shared';
import { InvalidStateError } from '../../errors/index.ts';
import { publicProcedure, router } from '../init.ts';

/** The console's History page: intents, decisions and orders searched in the audit store (SQL, paged). */
export const historyRouter = router({
  /** `{ rows, next_cursor, total }`: a page of the kind's rows matching the filters, newest first */
  search: publicProcedure.input(HistorySearchInputSchema).query(({ ctx, input }) => {
    const history = ctx.audit?.history;
    if (!history)
      throw new InvalidStateError(
        'no audit store in this gateway (set DATABASE_URL, or run the audit-recorder in this process)',
      );
    return history.search(input);
  }),
});
