import type { ChannelDeps, ChatChannel } from './channel.js';
import { WechatyChannel } from './wechaty/channel.js';
import { createPuppet, type WechatyChoice } from './wechaty/puppet.js';
import type { WecomChoice } from './wecom/choice.js';

export type { WecomChoice } from './wecom/choice.js';

/**
 * Which chat the bot talks through, chosen at start-up (server.ts from the environment, the
 * simulator from its mock world). A new channel adds its choice here and one line below.
 */
export type ChannelChoice = WechatyChoice | WecomChoice;

/** Builds the chosen channel (nothing starts until its start()). */
export async function createChannel(choice: ChannelChoice, deps: ChannelDeps): Promise<ChatChannel> {
  switch (choice.kind) {
    case 'wechaty':
      return new WechatyChannel({
        ...deps,
        puppet: await createPuppet(choice.puppet),
        ...(choice.name ? { name: choice.name } : {}),
      });
    case 'wecom': {
      // Loaded only when chosen: a Wechaty deployment never loads the WeCom SDK.
      const { WecomChannel } = await import('./wecom/channel.js');
      const { kind: _, ...settings } = choice;
      return new WecomChannel({ ...deps, ...settings });
    }
  }
}
