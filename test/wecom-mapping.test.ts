/** The WeCom AI-bot channel's pure parts: frames → our types, our messages → send bodies, SDK errors. */

import { describe, expect, it } from 'vitest';
import { ChannelSendError } from '../src/bot/channel.js';
import { sendErrorOf, TOO_FAST_RETRY_MS } from '../src/bot/wecom/errors.js';
import {
  cardActionOf,
  type InboundContext,
  type MessageBody,
  mentionIdsOf,
  messageOf,
  sentAtOf,
  withoutBotMention,
} from '../src/bot/wecom/inbound.js';
import {
  bodiesOf,
  CARD_TEXT_MAX,
  MARKDOWN_MAX_BYTES,
  mediaTypeOf,
  plainForMarkdown,
  splitMarkdown,
  updatedCard,
  withMentions,
} from '../src/bot/wecom/outbound.js';
import { readEnv, startRefusal } from '../src/config/env.js';
import { splitQuote } from '../src/domain/language/quote.js';
import type { OutgoingMessage } from '../src/domain/messages.js';
import { Roster } from '../src/domain/roster.js';
import { rosterConfig } from './helpers.js';

const roster = Roster.fromConfig(rosterConfig());
const now = new Date('2026-11-30T10:00:00.000Z');
const ctx: InboundContext = { roster, botId: 'aibBOT', botName: '督办助手', now };
const base = { msgid: 'm-1', aibotid: 'aibBOT', from: { userid: 'wxid_zhujian_zhang' }, create_time: 1_796_032_800 };
const group = { ...base, chatid: 'wrGROUP', chattype: 'group' };
const single = { ...base, chattype: 'single' };

describe('wecom inbound', () => {
  it('maps a group text that @s the bot: bot mention stripped, the bot among the mentions', () => {
    const m = messageOf({ ...group, msgtype: 'text', text: { content: '@督办助手 收到' } }, ctx)?.message;
    expect(m).toEqual({
      id: 'm-1',
      chat: 'group',
      roomId: 'wrGROUP',
      senderId: 'wxid_zhujian_zhang',
      senderName: '张局长',
      text: '收到',
      mentionIds: ['aibBOT'],
      sentAt: new Date(1_796_032_800_000).toISOString(),
      receivedAt: now.toISOString(),
      file: null,
    });
  });

  it('resolves @名字 of roster people into mention ids; a name two people share mentions nobody', () => {
    const m = messageOf({ ...group, msgtype: 'text', text: { content: '@督办助手\u2005@李主任\u2005请跟进' } }, ctx);
    expect(m?.message.mentionIds).toEqual(['aibBOT', 'wxid_leader_li']);
    expect(m?.message.text).toBe('@李主任\u2005请跟进');
    const twins = Roster.fromConfig(
      rosterConfig({
        people: [
          { id: 'a', name: '王芳', roles: ['leader'] },
          { id: 'b', name: '王芳', roles: ['supervisor'] },
          { id: 'c', name: '王芳芳', roles: ['supervisor'] },
        ],
      } as never),
    );
    expect(mentionIdsOf('@王芳 @王芳芳 看一下', twins)).toEqual(['c']);
  });

  it('keeps a leading @ that is not the bot, and a bot name glued to the text', () => {
    expect(withoutBotMention('@李主任 收到', '督办助手')).toBe('@李主任 收到');
    expect(withoutBotMention('@督办助手收到', '督办助手')).toBe('@督办助手收到');
    expect(withoutBotMention('  @督办助手', '督办助手')).toBe('');
  });

  it('drops the bot mention typed at the end or among other @s, keeping the lines', () => {
    expect(withoutBotMention('井盖均已补装到位 @督办助手', '督办助手')).toBe('井盖均已补装到位');
    expect(withoutBotMention('井盖均已补装到位\u2005@督办助手\u2005', '督办助手')).toBe('井盖均已补装到位');
    expect(withoutBotMention('@李主任 @督办助手 D1 已办结', '督办助手')).toBe('@李主任 D1 已办结');
    expect(withoutBotMention('@督办助手\n区公安分局日报\n受理4件', '督办助手')).toBe('区公安分局日报\n受理4件');
    expect(withoutBotMention('第一行\n@督办助手\n第二行', '督办助手')).toBe('第一行\n\n第二行');
    // Another name that starts with the bot's, and an e-mail address, are not the bot.
    expect(withoutBotMention('请@督办助手小王 看一下', '督办助手')).toBe('请@督办助手小王 看一下');
    expect(withoutBotMention('ops@督办助手.cn 收到', '督办助手')).toBe('ops@督办助手.cn 收到');
  });

  it('drops the bot mention standing on its own after another mention or at the end (issue 12.4)', () => {
    expect(withoutBotMention('@王副主任 @督办助手 收到', '督办助手')).toBe('@王副主任 收到');
    expect(withoutBotMention('@王副主任 路灯已修复，今晚恢复照明 @督办助手', '督办助手')).toBe(
      '@王副主任 路灯已修复，今晚恢复照明',
    );
    expect(withoutBotMention('收到🙏\u2005@督办助手\u2005', '督办助手')).toBe('收到🙏');
    expect(withoutBotMention('@督办助手\n区公安分局日报\n受理4件', '督办助手')).toBe('区公安分局日报\n受理4件');
    expect(withoutBotMention('请问@督办助手怎么用', '督办助手')).toBe('请问@督办助手怎么用');
  });

  it('maps a private text, a mixed message, a voice message and a quote', () => {
    const p = messageOf({ ...single, msgtype: 'text', text: { content: '帮助' } }, ctx)?.message;
    expect(p).toMatchObject({ chat: 'private', roomId: null, text: '帮助', mentionIds: [] });
    const mixed = messageOf(
      {
        ...single,
        msgtype: 'mixed',
        mixed: {
          msg_item: [
            { msgtype: 'text', text: { content: '今日受理3件' } },
            { msgtype: 'image', image: { url: 'http://x/i', aeskey: 'k' } },
            { msgtype: 'text', text: { content: '办结2件' } },
          ],
        },
      },
      ctx,
    );
    expect(mixed?.message.text).toBe('今日受理3件\n办结2件');
    expect(mixed?.images).toBe(1);
    expect(messageOf({ ...single, msgtype: 'voice', voice: { content: '收到' } }, ctx)?.message.text).toBe('收到');
    const q = messageOf(
      {
        ...group,
        msgtype: 'text',
        text: { content: '@督办助手 已处理' },
        quote: { msgtype: 'text', text: { content: '派单：路灯' } },
      },
      ctx,
    );
    expect(q?.message.quote).toBe('派单：路灯');
    // Written into the text as WeChat writes a quote reply, so the same readers see it.
    expect(splitQuote(q?.message.text ?? '')).toEqual({ name: '引用', quoted: '派单：路灯', reply: '已处理' });
  });

  it('gives a file message its download (the name comes with the download)', () => {
    const f = messageOf({ ...single, msgtype: 'file', file: { url: 'http://x/f/1', aeskey: 'KEY' } }, ctx);
    expect(f?.download).toEqual({ url: 'http://x/f/1', aeskey: 'KEY' });
    expect(f?.message).toMatchObject({ text: '', file: null });
  });

  it('names an unknown sender by userid, and reads create_time in seconds or milliseconds', () => {
    const body: MessageBody = { ...single, from: { userid: 'newcomer' }, msgtype: 'text', text: { content: '你好' } };
    expect(messageOf(body, ctx)?.message.senderName).toBe('newcomer');
    expect(sentAtOf(1_796_032_800)?.getTime()).toBe(1_796_032_800_000);
    expect(sentAtOf(1_796_032_800_123)?.getTime()).toBe(1_796_032_800_123);
    expect(sentAtOf(undefined)).toBeNull();
    const noTime = messageOf({ ...body, create_time: undefined }, ctx)?.message;
    expect(noTime?.sentAt).toBe(now.toISOString());
  });

  it('reads a card press in the flat (SDK) and the nested (webhook docs) shape', () => {
    const ev = { msgid: 'e-1', chatid: 'wrGROUP', chattype: 'group', from: { userid: 'wxid_zhujian_zhang' } };
    const flat = cardActionOf(
      { ...ev, event: { eventtype: 'template_card_event', event_key: 'ack', task_id: 'd-42' } },
      ctx,
    );
    const nested = cardActionOf(
      {
        ...ev,
        event: { eventtype: 'template_card_event', template_card_event: { event_key: 'ack', task_id: 'd-42' } },
      },
      ctx,
    );
    const want = {
      id: 'e-1',
      cardKey: 'd-42',
      actionKey: 'ack',
      chat: 'group',
      roomId: 'wrGROUP',
      senderId: 'wxid_zhujian_zhang',
      senderName: '张局长',
      receivedAt: now.toISOString(),
    };
    expect(flat).toEqual(want);
    expect(nested).toEqual(want);
    expect(cardActionOf({ ...ev, event: { eventtype: 'enter_chat' } }, ctx)).toBeNull();
    expect(
      cardActionOf(
        {
          ...ev,
          chatid: undefined,
          chattype: 'single',
          event: { eventtype: 'template_card_event', event_key: 'a', task_id: 't' },
        },
        ctx,
      ),
    ).toMatchObject({ chat: 'private', roomId: null });
  });
});

describe('wecom outbound', () => {
  const msg = (o: Partial<OutgoingMessage>): OutgoingMessage => ({
    to: { kind: 'group' },
    text: '请各单位按时报送',
    mentions: [],
    purpose: 'p',
    ...o,
  });

  it('writes mentions as <@userid>: in place of @名字, else in front', () => {
    expect(withMentions('@李主任 请阅', ['wxid_leader_li'], roster)).toBe('<@wxid_leader_li> 请阅');
    expect(withMentions('请阅', ['wxid_leader_li', 'nobody'], roster)).toBe('<@wxid_leader_li> <@nobody> 请阅');
  });

  it('with the name style (a tenant that shows <@userid> as text), mentions are plain @名字', () => {
    expect(withMentions('@李主任 请阅', ['wxid_leader_li'], roster, 'name')).toBe('@李主任 请阅');
    expect(withMentions('请阅', ['wxid_leader_li', 'nobody'], roster, 'name')).toBe('@李主任 @nobody 请阅');
    expect(bodiesOf(msg({ text: '请报送日报', mentions: ['wxid_leader_li'] }), roster, 'name')).toEqual([
      { msgtype: 'markdown', markdown: { content: '@李主任 请报送日报' } },
    ]);
  });

  it('sends text as markdown, nothing for an empty text', () => {
    expect(bodiesOf(msg({}), roster)).toEqual([{ msgtype: 'markdown', markdown: { content: '请各单位按时报送' } }]);
    expect(bodiesOf(msg({ text: '' }), roster)).toEqual([]);
  });

  it('puts a short text without mentions inside the card; else text first, then the card', () => {
    const card = { key: 'dispatch-42', title: '派单签收', buttons: [{ key: 'ack', text: '签收' }] };
    const one = bodiesOf(msg({ card }), roster);
    expect(one).toEqual([
      {
        msgtype: 'template_card',
        template_card: {
          card_type: 'button_interaction',
          main_title: { title: '派单签收' },
          sub_title_text: '请各单位按时报送',
          task_id: 'dispatch-42',
          button_list: [{ text: '签收', key: 'ack' }],
        },
      },
    ]);
    const long = bodiesOf(msg({ card, text: '长'.repeat(CARD_TEXT_MAX + 1) }), roster);
    expect(long.map((b) => b.msgtype)).toEqual(['markdown', 'template_card']);
    const mentioned = bodiesOf(msg({ card, mentions: ['wxid_leader_li'] }), roster);
    expect(mentioned.map((b) => b.msgtype)).toEqual(['markdown', 'template_card']);
    expect(mentioned[1]).toMatchObject({
      template_card: { main_title: { title: '派单签收' }, task_id: 'dispatch-42' },
    });
    expect((mentioned[1] as { template_card: object }).template_card).not.toHaveProperty('sub_title_text');
  });

  it('updates a pressed card: it keeps its title, says the verdict under it, buttons greyed with the verdict', () => {
    const verdict = { accepted: true, title: '已签收', text: '已签收（张局长 11月30日10:01）', scope: 'all' as const };
    const sent = { title: '点对点调度 D1', buttons: [{ key: 'ack', text: '签收' }] };
    expect(updatedCard('dispatch-42', verdict, sent, { key: 'ack' })).toMatchObject({
      card_type: 'button_interaction',
      task_id: 'dispatch-42',
      main_title: { title: '点对点调度 D1' },
      sub_title_text: '已签收（张局长 11月30日10:01）',
      replace_text: '已签收',
      button_list: [{ key: 'ack', text: '签收' }],
    });
    // After a restart the channel no longer knows the card: the verdict's title stands in.
    expect(updatedCard('dispatch-42', verdict, undefined, { key: 'ack' })).toMatchObject({
      main_title: { title: '已签收' },
      button_list: [{ key: 'ack', text: '已签收' }],
    });
  });

  it('sends our plain texts so that WeCom markdown changes nothing in them (typed marks read the same)', () => {
    const typed = [
      '【调度答复 D1】',
      '# 清理摊点8处',
      '> 明天起每天巡查',
      '*油烟*已整改 **今天下班前** [链接](http://x) <font>',
      '- 一是',
      '1. 二是',
    ].join('\n');
    const [body] = bodiesOf({ to: { kind: 'group' }, text: typed, mentions: [], purpose: 'x' }, roster);
    const content = (body as { markdown: { content: string } }).markdown.content;
    expect(content.split('\n')).toEqual([
      '【调度答复 D1】',
      '＃ 清理摊点8处',
      '＞ 明天起每天巡查',
      '＊油烟＊已整改 ＊＊今天下班前＊＊ ［链接］(http://x) ＜font>',
      '－ 一是',
      '1．二是',
    ]);
    expect(plainForMarkdown('受理6件，办结5件（满意率100%）')).toBe('受理6件，办结5件（满意率100%）');
    // A link is left whole (a login token has _ and -), the words around it are not.
    expect(plainForMarkdown('登录：http://127.0.0.1:8787/console/login?t=a_b-c~d 有效期*30*分钟')).toBe(
      '登录：http://127.0.0.1:8787/console/login?t=a_b-c~d 有效期＊30＊分钟',
    );
  });

  it('splits a long text between lines into messages within the size limit', () => {
    const line = '各单位今日受理与办结情况如下，请核对。';
    const text = Array.from({ length: 300 }, () => line).join('\n');
    const pieces = splitMarkdown(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    expect(pieces.join('\n')).toBe(text);
    expect(splitMarkdown('短文')).toEqual(['短文']);
    expect(splitMarkdown('长'.repeat(10), 9)).toEqual(['长长长', '长长长', '长长长', '长']);
    expect(bodiesOf(msg({ text }), roster).map((b) => b.msgtype)).toEqual(pieces.map(() => 'markdown'));
  });

  it('sends pictures as images and anything else as files', () => {
    expect(mediaTypeOf('日报.png')).toBe('image');
    expect(mediaTypeOf('工单.xlsx')).toBe('file');
  });
});

describe('wecom send errors', () => {
  it('maps "too fast" codes, other codes, timeouts, drops and no connection', () => {
    const fast = sendErrorOf({ headers: { req_id: 'r' }, errcode: 45009, errmsg: 'api freq out of limit' });
    expect(fast).toBeInstanceOf(ChannelSendError);
    expect(fast).toMatchObject({ failure: 'too-fast', code: 45009, retryAfterMs: TOO_FAST_RETRY_MS });
    expect(sendErrorOf({ errcode: 93000, errmsg: 'x' })).toMatchObject({ failure: 'rejected', code: 93000 });
    // 系统繁忙 passes: waited out like "too fast", never a failure for good.
    expect(sendErrorOf({ errcode: -1, errmsg: 'system busy' })).toMatchObject({ failure: 'too-fast', code: -1 });
    expect(sendErrorOf(new Error('Reply ack timeout (5000ms) for reqId: r'))).toMatchObject({
      failure: 'unknown-outcome',
    });
    expect(
      sendErrorOf(new Error('WebSocket connection closed (code: 1006), reply for reqId: r cancelled')),
    ).toMatchObject({ failure: 'unknown-outcome' });
    expect(sendErrorOf(new Error('WebSocket not connected, unable to send data'))).toMatchObject({
      failure: 'not-connected',
    });
    const own = new ChannelSendError('x', 'not-connected');
    expect(sendErrorOf(own)).toBe(own);
  });
});

describe('wecom environment', () => {
  it('refuses to start without the bot id and secret, and validates the keys', () => {
    const missing = readEnv({ CHAT_CHANNEL: 'wecom', WECOM_BOT_ID: 'aib123' });
    expect(startRefusal(missing)).toContain('WECOM_BOT_SECRET');
    expect(startRefusal(missing)).toContain('智能机器人');
    const ok = readEnv({ CHAT_CHANNEL: 'wecom', WECOM_BOT_ID: 'aib123', WECOM_BOT_SECRET: 'secret-123456' });
    expect(startRefusal(ok)).toBeNull();
    expect(() => readEnv({ WECOM_WS_URL: 'http://example.com' })).toThrow(/WECOM_WS_URL/);
    expect(() => readEnv({ WECOM_PER_MINUTE: '0' })).toThrow(/WECOM_PER_MINUTE/);
    expect(() => readEnv({ CHAT_CHANNEL: 'slack' })).toThrow(/CHAT_CHANNEL/);
    expect(readEnv({ WECOM_MENTIONS: 'name' }).WECOM_MENTIONS).toBe('name');
    expect(() => readEnv({ WECOM_MENTIONS: 'mobile' })).toThrow(/WECOM_MENTIONS/);
    // A checkout with the AI bot's credentials is not the simulator.
    expect(
      readEnv({ CHAT_CHANNEL: 'wecom', WECOM_BOT_ID: 'a', WECOM_BOT_SECRET: 'secret-123456', DUBAN_CHECKOUT: '1' })
        .simulator,
    ).toBe(false);
    expect(readEnv({ CHAT_CHANNEL: 'wecom', DUBAN_CHECKOUT: '1' }).simulator).toBe(true);
  });
});
