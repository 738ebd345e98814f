/**
 * The web console on the bot's HTTP server: 今日, 工单 (and its 领导走访), 调度, 月评比, 百日攻坚 and unit pages
 * behind a login link from the bot; in simulator mode also the chat page at /sim.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../usecases/context.js';
import { registerAssets } from './assets.js';
import { registerAuth, registerHostCheck } from './auth.js';
import { registerCampaign } from './campaign.js';
import { registerDispatch } from './dispatch.js';
import { registerRanking } from './ranking.js';
import { registerSimChat, type SimulatorChat } from './sim-chat.js';
import { registerTickets } from './tickets.js';
import { registerToday } from './today.js';
import { registerUnit } from './unit.js';
import { registerVisits } from './visits.js';

export interface ConsoleOptions {
  /** The mock world, in simulator mode only: adds the /sim chat page. */
  simulator?: SimulatorChat;
}

export type { SimulatorChat };

/**
 * Registers the console in its own encapsulated context (its form parser stays inside). The one
 * way to build it: src/app.ts and the tests call this. Every page reads what it shows from the
 * context (the 月评比 from src/usecases/ranking.ts, the 双派单 rounds from the store).
 */
export function registerConsole(app: FastifyInstance, ctx: AppContext, o: ConsoleOptions = {}): void {
  void app.register(async (f) => {
    // First: a request under a host name we do not answer to (DNS rebinding) goes no further.
    registerHostCheck(f, ctx);
    f.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
    f.get('/console', async (_req, reply) => reply.code(302).header('location', '/console/').send());
    registerAssets(f);
    registerAuth(f, ctx);
    registerToday(f, ctx);
    registerTickets(f, ctx);
    registerDispatch(f, ctx);
    registerRanking(f, ctx);
    registerCampaign(f, ctx);
    registerUnit(f, ctx);
    registerVisits(f, ctx);
    if (o.simulator) registerSimChat(f, ctx, o.simulator);
  });
}
