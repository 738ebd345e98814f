import type { AppContext } from '../usecases/context.js';

/**
 * Takes a routine's step for each item, so that one bad item does not stop the others. While
 * the database is down the error goes up instead, and the routine job is retried.
 */
export async function forEachIsolated<T>(
  ctx: AppContext,
  items: readonly T[],
  step: (item: T) => Promise<void>,
  describe: (item: T) => Record<string, unknown>,
  failure: string,
): Promise<void> {
  for (const item of items) {
    try {
      await step(item);
    } catch (err) {
      if (!(await ctx.db.ping())) throw err;
      ctx.log.error({ err, ...describe(item) }, failure);
    }
  }
}
