import { createChannel } from '../src/bot/factory.js';
import { BOT_ID, BOT_NAME, MockWorld, type SentRecord } from '../src/sim/mock-world.js';
import { channelContract } from './channel-contract.js';

// The Wechaty adapter on the mock puppet (the simulator's world): the real Wechaty, the real adapter.
channelContract({
  name: 'wechaty (mock puppet)',
  async open(deps, config) {
    const world = new MockWorld(config);
    const sent: SentRecord[] = [];
    world.onSent((s) => sent.push(s));
    const channel = await createChannel(world.channel, deps);
    return {
      channel,
      botId: BOT_ID,
      botName: BOT_NAME,
      strangerId: 'wxid_stranger',
      login: async () => world.login(),
      logout: async () => {
        await world.puppet.logout();
      },
      say: async (from, text, o) =>
        world.say(from, text, {
          to: o.to,
          ...(o.mentions ? { mentions: o.mentions } : {}),
          ...(o.id ? { id: o.id } : {}),
          ...(o.sentAt ? { timestamp: o.sentAt.getTime() } : {}),
        }),
      sendFile: async (from, path, o) => world.sendFile(from, path, { to: o.to }),
      redeliver: async (id) => world.redeliver(id),
      recall: async (from, id) => world.recall(from, id) as string,
      sent: () => sent,
      close: () => channel.stop(),
    };
  },
});
