import { describe, expect, it } from 'vitest';
import { Roster } from '../src/domain/roster.js';
import {
  BUTTON_KEY_MAX_BYTES,
  buttonKey,
  CARD_KEY_MAX,
  type CardMeaning,
  cardKey,
  decidePress,
  parseButtonKey,
  pressOutcome,
  signCard,
  typedText,
} from '../src/domain/sign-card.js';
import { SIGNED_TITLE, signedBeforeText, signedText } from '../src/domain/texts/card-press.js';
import { channelWording, WORDING_READS_ALL } from '../src/domain/texts/channel.js';
import { deliveryText as dispatchDelivery } from '../src/domain/texts/dispatch.js';
import { deliveryText as dualDelivery, holdupDigestText, holdupText } from '../src/domain/texts/dual.js';
import { helpText } from '../src/domain/texts/help.js';
import { reportNotRecognisedText, reportReminderText, reportRollCallText } from '../src/domain/texts/reports.js';
import { fileNotImportedText, nagDigest, nagGroupDigest } from '../src/domain/texts/tickets.js';
import { rosterConfig } from './helpers.js';

const roster = Roster.fromConfig(rosterConfig());
const person = (id: string) => roster.person(id);

describe('card keys and button meanings', () => {
  const meanings: CardMeaning[] = [
    { kind: 'dispatch', code: 'D3', unitId: 'zhujian' },
    { kind: 'dual', code: 'SP12', unitId: 'hubin' },
    { kind: 'digest', cycle: '2026-11-30@09:00', unitIds: ['zhujian'] },
    { kind: 'digest', cycle: '2026-11-30@09:00', unitIds: ['zhujian', 'hubin', 'a|b,c'] },
  ];

  it('a button key reads back as what it was made from', () => {
    for (const m of meanings) expect(parseButtonKey(buttonKey(m))).toEqual(m);
    expect(buttonKey(meanings[0] as CardMeaning)).toBe('ack|dispatch|D3|zhujian');
    expect(buttonKey(meanings[2] as CardMeaning)).toBe('ack|digest|2026-11-30%4009%3A00|zhujian');
  });

  it('keys this bot did not make are not read', () => {
    for (const k of [
      '',
      'ack',
      'ack|dispatch|D3',
      'ack|dispatch|D3|zhujian|x',
      'read|dispatch|D3|zhujian',
      'ack|ticket|D3|zhujian',
      'ack|dispatch|SP3|zhujian',
      'ack|dual|D3|zhujian',
      'ack|dispatch|D3|',
      'ack|dispatch|D3|a,b',
      'ack|dispatch|D3 收到|zhujian',
      'ack|digest||zhujian',
      'ack|digest|c|a,,b',
      'ack|digest|%E0%A4%A|zhujian',
    ])
      expect(parseButtonKey(k), k).toBeNull();
  });

  it('a button key stays within the chat limit (bytes), or is refused when it cannot', () => {
    const many = Array.from({ length: 18 }, (_, i) => `unit_with_a_long_id_${i}`);
    const k = buttonKey({ kind: 'digest', cycle: '2026-11-30@09:00', unitIds: many });
    expect(Buffer.byteLength(k)).toBeLessThanOrEqual(BUTTON_KEY_MAX_BYTES);
    const huge = Array.from({ length: 200 }, (_, i) => `unit_${i}_${'x'.repeat(10)}`);
    expect(() => buttonKey({ kind: 'digest', cycle: 'c', unitIds: huge })).toThrow(/too long/);
  });

  it('a card key: allowed characters only, at most 128, different purposes never share one, stable', () => {
    const purposes = [
      'dispatch:D3:deliver:zhujian:wxid_zhujian_zhang',
      'dispatch:D3:deliver:zhujian:wxid_zhujian_xu',
      'dispatch_D3_deliver_zhujian_wxid_zhujian_xu',
      `ticket-nag:2026-11-30@09:00:group:${'chengguan,'.repeat(40)}`,
      '工单:一二三',
    ];
    const keys = purposes.map(cardKey);
    for (const k of keys) {
      expect(k).toMatch(/^[A-Za-z0-9_\-@]+$/);
      expect(k.length).toBeLessThanOrEqual(CARD_KEY_MAX);
    }
    expect(new Set(keys).size).toBe(purposes.length);
    expect(cardKey(purposes[0] as string)).toBe(keys[0]);
    expect(keys[0]?.startsWith('dispatch_D3_deliver_zhujian_wxid_zhujian_zhang-')).toBe(true);
  });

  it('a sign card has one 签收 button carrying the meaning', () => {
    const c = signCard('dispatch:D3:deliver:zhujian:wxid_zhujian_zhang', '点对点调度 D3', meanings[0] as CardMeaning);
    expect(c.buttons).toEqual([{ key: 'ack|dispatch|D3|zhujian', text: '签收' }]);
    expect(c.title).toBe('点对点调度 D3');
  });

  it('a press stands for what the person would have typed', () => {
    expect(meanings.map(typedText)).toEqual(['D3 收到', 'SP12 签收', '签收', '签收']);
  });
});

describe('who may sign by a press (roster only)', () => {
  const d3: CardMeaning = { kind: 'dispatch', code: 'D3', unitId: 'zhujian' };
  const group: CardMeaning = { kind: 'digest', cycle: 'c', unitIds: ['zhujian', 'hubin'] };
  it("the unit's head or liaison: accepted; a one-unit card changes for all, a group card for the presser", () => {
    expect(decidePress(d3, person('wxid_zhujian_zhang'))).toEqual({ ok: true, unitId: 'zhujian', scope: 'all' });
    expect(decidePress(d3, person('wxid_zhujian_xu'))).toEqual({ ok: true, unitId: 'zhujian', scope: 'all' });
    expect(decidePress(group, person('wxid_hubin_you'))).toEqual({ ok: true, unitId: 'hubin', scope: 'presser' });
  });
  it("another unit's head, the leader who sent it, a supervisor, a stranger, an unreadable card: refused", () => {
    expect(decidePress(d3, person('wxid_hubin_you'))).toMatchObject({ ok: false, why: 'not-responsible' });
    expect(decidePress(d3, person('wxid_leader_li'))).toMatchObject({ ok: false, why: 'not-responsible' });
    expect(decidePress(group, person('wxid_sup_liu'))).toMatchObject({ ok: false, why: 'not-responsible' });
    expect(decidePress(group, person('wxid_jiaoyu_sun'))).toMatchObject({
      ok: false,
      why: 'not-responsible',
      unitIds: ['zhujian', 'hubin'],
    });
    expect(decidePress(d3, undefined)).toMatchObject({ ok: false, why: 'stranger' });
    expect(decidePress(null, person('wxid_zhujian_zhang'))).toMatchObject({ ok: false, why: 'unknown-card' });
  });
});

describe('an accepted press, once the store said whether the unit’s item is signed', () => {
  const d = { ok: true, unitId: 'zhujian', scope: 'all' } as const;
  const record = { by: 'wxid_zhujian_xu', at: new Date('2026-11-30T01:04:00Z') };
  it('signed before: the record is shown (nothing signed again)', () => {
    expect(pressOutcome(d, record)).toEqual({ act: 'show-record', unitId: 'zhujian', scope: 'all', record });
    const group = { ...d, scope: 'presser' } as const;
    expect(pressOutcome(group, record)).toMatchObject({ act: 'show-record', scope: 'presser' });
  });
  it('not signed, or not known in time (the read failed or was slow): signed, the handlers sign once', () => {
    expect(pressOutcome(d, null)).toEqual({ act: 'sign', unitId: 'zhujian', scope: 'all' });
    expect(pressOutcome(d, 'unknown')).toEqual({ act: 'sign', unitId: 'zhujian', scope: 'all' });
  });
  it('the card: a short status as its title, the name and time in its text', () => {
    expect(SIGNED_TITLE).toBe('已签收');
    expect(signedText('张局长', '区住房和城乡建设局', '11月30日09:06', false)).toBe('已签收（张局长 11月30日09:06）');
    expect(signedBeforeText('徐科长', '区住房和城乡建设局', '11月30日09:04', false)).toBe(
      '此前已签收（徐科长 11月30日09:04）',
    );
    expect(signedBeforeText('徐科长', '区住房和城乡建设局', '11月30日09:04', true)).toBe(
      '区住房和城乡建设局此前已签收（徐科长 11月30日09:04）',
    );
    expect(signedBeforeText(null, '区住房和城乡建设局', '11月30日09:04', false)).toBe('此前已签收（11月30日09:04）');
  });
});

describe('texts that follow the channel', () => {
  const caps = (readsAll: boolean, files: boolean, cards: boolean) =>
    channelWording({ readsAllGroupMessages: readsAll, groupFiles: files, interactiveCards: cards, recalls: readsAll });
  const wechaty = caps(true, true, false);
  const atOnly = caps(false, false, false);
  const cards = caps(false, false, true);
  const tz = 'Asia/Shanghai';
  const head = person('wxid_zhujian_zhang');
  const oversight = person('wxid_sup_liu');
  const leader = person('wxid_leader_li');
  if (!head || !oversight || !leader) throw new Error('roster fixture changed');
  const dispatch = {
    code: 'D3',
    leaderName: '李主任',
    text: '环海路小区污水外溢，请到现场处置。',
    unit: '区住房和城乡建设局',
    deadline: '2026-11-30T10:00:00Z',
    deadlineGiven: true,
    urgent: false,
    tz,
  };

  it("the Wechaty channel's wording is the one the bot always had (also its bot name)", () => {
    expect(wechaty).toEqual(WORDING_READS_ALL);
    expect(
      channelWording({ readsAllGroupMessages: true, groupFiles: true, interactiveCards: false, recalls: true }, ' '),
    ).toEqual(WORDING_READS_ALL);
    expect(dispatchDelivery({ ...dispatch, wording: wechaty })).toBe(dispatchDelivery(dispatch));
    expect(dispatchDelivery(dispatch)).toContain('请回复“收到”签收；办理后请直接回复办理结果');
    expect(reportReminderText('2026-11-30', '18:00', ['湖滨街道'], wechaty)).toBe(
      '温馨提醒：今日（11月30日）日报请于18:00前报送，以下单位尚未报送：湖滨街道。',
    );
    expect(reportRollCallText('2026-11-30', '18:00', 17, 18, [{ unit: '湖滨街道', heads: ['尤主任'] }])).toBe(
      '截至18:00，11月30日日报应报18个单位，已报17个，尚未报送1个：湖滨街道（尤主任）。请尽快报送。',
    );
    expect(helpText(head, undefined, wechaty)).toBe(helpText(head));
    expect(helpText(head)).toContain('前在群内发送本单位日报');
    expect(helpText(oversight)).toContain('· 在群内或私信发送12345平台导出的工单清单');
    expect(fileNotImportedText('a.xlsx', true)).toContain('由其在群内或私信发送给督办助手。');
  });

  it('a channel that reads only @-messages: report, answer and file texts say to @ the bot or write privately', () => {
    expect(reportReminderText('2026-11-30', '18:00', ['湖滨街道'], atOnly)).toBe(
      '温馨提醒：今日（11月30日）日报请于18:00前报送，以下单位尚未报送：湖滨街道。' +
        '群内发送日报须@督办助手才能收到，也可私聊督办助手；报送后会收到确认，未收到确认即未报上。',
    );
    expect(reportRollCallText('2026-11-30', '18:00', 17, 18, [{ unit: '湖滨街道', heads: [] }], atOnly)).toBe(
      '截至18:00，11月30日日报应报18个单位，已报17个，尚未报送1个：湖滨街道。' +
        '请尽快报送。群内发送日报须@督办助手才能收到，也可私聊督办助手；报送后会收到确认，未收到确认即未报上。',
    );
    expect(reportNotRecognisedText('general', '湖滨街道', atOnly)).toMatch(
      /在群内发送请@督办助手，也可私聊督办助手。$/,
    );
    expect(dispatchDelivery({ ...dispatch, wording: atOnly })).toContain(
      '请@督办助手 回复“收到”签收（也可私聊）；办理后请直接回复办理结果',
    );
    expect(dualDelivery(dualInput(atOnly))).toContain('请@督办助手 回复“SP2 签收”（也可私聊）；');
    const h = helpText(head, undefined, atOnly);
    expect(h).toContain('前@督办助手 发送（或私聊督办助手）本单位日报');
    expect(h).toContain('· 在群内回复我时请@督办助手，也可直接私聊督办助手。');
    expect(helpText(leader, undefined, atOnly)).toContain('· 在群内@督办助手 并@相关负责同志或写明单位');
    expect(helpText(oversight, undefined, atOnly)).toContain('· 私聊督办助手发送12345平台导出的工单清单');
    expect(fileNotImportedText('a.xlsx', true, atOnly)).toContain('由其私聊发送给督办助手。');
  });

  it('a channel with cards: deliveries and digests point to the 签收 button first', () => {
    expect(dispatchDelivery({ ...dispatch, wording: cards })).toContain(
      '请点击卡片“签收”，或@督办助手 回复“收到”（也可私聊）；办理后请直接回复办理结果',
    );
    expect(dualDelivery(dualInput(cards))).toContain('请点击卡片“签收”，或@督办助手 回复“SP2 签收”（也可私聊）；');
    const now = new Date('2026-11-30T01:00:00Z');
    expect(nagDigest('湖滨街道', now, tz, [], 0, [], cards)).toContain(
      '请点击卡片“签收”，或@督办助手 回复“签收”（也可私聊）；',
    );
    expect(nagGroupDigest(now, tz, [], cards)).toContain(
      '各单位负责同志请点击卡片“签收”，或@督办助手 回复“签收”（也可私聊）；',
    );
    expect(nagGroupDigest(now, tz, [], atOnly)).toContain('请收到明细后@督办助手 回复“签收”（也可私聊）；');
    expect(nagGroupDigest(now, tz, [], wechaty)).toContain('请收到明细后回复“签收”；');
    expect(helpText(head, undefined, cards)).toContain('· 收到调度后点击卡片下方“签收”，或回复“收到”签收');
  });

  it('the group notes on a held-up 双派单 ask for the answer with the @-note where the bot needs it', () => {
    const dl = new Date('2026-12-02T10:00:00Z');
    const one = (w: typeof wechaty) => holdupText('SP2', 'GD001', '路灯不亮', ['湖滨街道'], ['区城管局'], dl, tz, w);
    expect(one(wechaty)).toBe(holdupText('SP2', 'GD001', '路灯不亮', ['湖滨街道'], ['区城管局'], dl, tz));
    expect(one(wechaty)).toMatch(/请抓紧办理并回复“SP2 办理情况”。$/);
    expect(one(atOnly)).toMatch(/请抓紧办理并回复“SP2 办理情况”（如在群内回复，请@督办助手）。$/);
    const item = { code: 'SP2', number: 'GD001', title: '路灯不亮', answered: [], holding: ['区城管局'], deadline: dl };
    expect(holdupDigestText([item], tz, wechaty)).toContain('请抓紧办理并分别回复“编号 办理情况”：');
    expect(holdupDigestText([item], tz, cards)).toContain('分别回复“编号 办理情况”（如在群内回复，请@督办助手）：');
  });

  it('the bot name comes from the configuration', () => {
    const named = channelWording(
      { readsAllGroupMessages: false, groupFiles: false, interactiveCards: false, recalls: false },
      '城管督办',
    );
    expect(reportReminderText('2026-11-30', '18:00', ['湖滨街道'], named)).toContain(
      '群内发送日报须@城管督办才能收到，也可私聊城管督办；',
    );
  });
});

function dualInput(wording: ReturnType<typeof channelWording>) {
  return {
    code: 'SP2',
    seq: 1,
    reason: 'unsatisfied',
    ticket: {
      number: 'GD001',
      title: '路灯不亮',
      content: '',
      status: '办理中',
      rating: null,
      reopenCount: 0,
      unitName: '区城管局',
      street: '湖滨街道',
      grid: null,
    },
    side: 'unit' as const,
    unitName: '区城管局',
    otherUnit: '湖滨街道',
    sameUnit: false,
    streetUnknown: false,
    deadline: new Date('2026-12-02T10:00:00Z'),
    tz: 'Asia/Shanghai',
    wording,
  };
}
