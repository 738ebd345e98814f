import { createInterface } from 'node:readline';
import type { App } from '../app.js';
import type { SimClock } from './clock.js';
import type { SimWorld } from './world.js';
import { SimSession } from './session.js';

export { renderSent } from './session.js';

/**
 * The terminal simulator: type as anyone in the group, see everything the bot says. The
 * commands are the SimSession's; here only the terminal (lines in, text out) and the ticker
 * that fires routines as the running simulated clock passes their times.
 */
export async function runTerminal(
  app: App,
  world: SimWorld,
  clock: SimClock,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<void> {
  const session = new SimSession({ app, world, clock, print: (s) => output.write(`${s}\n`) });
  session.help();
  let busy = false;
  const ticker = setInterval(() => {
    if (busy) return;
    busy = true;
    session.tick().finally(() => {
      busy = false;
    });
  }, 1_000);
  ticker.unref();
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const raw of rl) {
      if ((await session.feed(raw)) === 'quit') break;
    }
  } finally {
    clearInterval(ticker);
    rl.close();
  }
}
