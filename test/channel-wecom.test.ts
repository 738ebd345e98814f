import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createChannel } from '../src/bot/factory.js';
import { FakeWecomServer } from '../src/sim/wecom/fake-server.js';
import { channelContract, type SentToChat } from './channel-contract.js';

// The WeCom AI-bot adapter through the official SDK, against the fake long-connection server.
channelContract({
  name: 'wecom (fake long connection)',
  async open(deps) {
    const fake = new FakeWecomServer();
    await fake.start();
    const channel = await createChannel(
      {
        kind: 'wecom',
        botId: fake.botId,
        secret: fake.secret,
        wsUrl: fake.url,
        groupChatId: fake.groupChatId,
        botName: fake.botName,
        stateFile: join(mkdtempSync(join(tmpdir(), 'duban-wecom-')), 'wecom-channel.json'),
        reconnectIntervalMs: 10,
        outageGraceMs: 0,
      },
      deps,
    );
    return {
      channel,
      botId: fake.botId,
      botName: fake.botName,
      strangerId: 'stranger_userid',
      login: async () => {
        fake.setOffline(false);
        await fake.waitForAuth({ now: true });
      },
      logout: async () => fake.setOffline(true),
      say: async (from, text, o) =>
        o.to === 'group'
          ? fake.sayInGroup(from, text, { ...(o.id ? { id: o.id } : {}), ...(o.sentAt ? { sentAt: o.sentAt } : {}) })
          : fake.sayPrivately(from, text, { ...(o.id ? { id: o.id } : {}), ...(o.sentAt ? { sentAt: o.sentAt } : {}) }),
      sendFile: async (from, path, o) =>
        o.to === 'group'
          ? fake.sendFileInGroup(from, basename(path), readFileSync(path))
          : fake.sendFilePrivately(from, basename(path), readFileSync(path)),
      redeliver: async (id) => fake.redeliver(id),
      pressCard: async (from, cardKey, actionKey) => fake.pressCard(from, cardKey, actionKey, { chat: 'group' }),
      sent: () =>
        fake.sent().map(
          (s): SentToChat => ({
            to: s.to,
            text: s.text,
            mentions: s.mentions,
            ...(s.file ? { file: s.file.name } : {}),
          }),
        ),
      close: async () => {
        await channel.stop();
        await fake.close();
      },
    };
  },
});
