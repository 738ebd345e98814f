/**
 * The web console on the bot's HTTP server: 今日, 工单, 调度, 月评比 and unit pages behind a
 * login link from the bot; in simulator mode also the chat page at /sim.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../usecases/context.js';
import { rankingSource } from '../../usecases/ranking.js';
import { registerAssets } from './assets.js';
import { registerAuth, registerHostCheck } from './auth.js';
import { type DualRoundsProvider, registerDispatch } from './dispatch.js';
import { type RankingSource, registerRanking } from './ranking.js';
import { registerSimChat, type SimulatorChat } from './sim-chat.js';
import { registerTickets } from './tickets.js';
import { registerToday } from './today.js';
import { registerUnit } from './unit.js';

export interface ConsoleOptions {
  ctx: AppContext;
  /** The mock world, in simulator mode only: adds the /sim chat page. */
  simulator?: SimulatorChat;
  /** The ranking source; by default the 月评比's own (src/handlers/routines/monthly-review.ts). */
  ranking?: RankingSource;
  /** Issue 6's 双派单 rounds when they exist. */
  dualRounds?: DualRoundsProvider;
}

export type { SimulatorChat };

/** Registers the console in its own encapsulated context (its form parser stays inside). */
export function registerConsole(app: FastifyInstance, o: ConsoleOptions): void {
  void app.register(async (f) => {
    // First: a request under a host name we do not answer to (DNS rebinding) goes no further.
    registerHostCheck(f, o.ctx);
    f.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    f.get('/console', async (_req, reply) => reply.code(302).header('location', '/console/').send());
    registerAssets(f);
    registerAuth(f, o.ctx);
    registerToday(f, o.ctx);
    registerTickets(f, o.ctx);
    registerDispatch(f, o.ctx, o.dualRounds);
    registerRanking(f, o.ctx, o.ranking ?? rankingSource);
    registerUnit(f, o.ctx);
    if (o.simulator) registerSimChat(f, o.ctx, o.simulator);
  });
}
