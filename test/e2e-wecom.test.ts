/**
 * End to end on the WeCom AI-bot channel: the real pipeline (BullMQ on Redis, PGlite, handlers,
 * outbox) talking through the official SDK to the fake long-connection server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobIdFor } from '../src/jobs/names.js';
import { type Harness, startHarness } from '../src/sim/harness.js';
import { type FakeCardUpdate, type FakeSent, FakeWecomServer } from '../src/sim/wecom/fake-server.js';
import { recordOutboundMany } from '../src/store/audit.js';
import { FIXTURES, REDIS_URL, rosterConfig, testLogger, waitFor } from './helpers.js';

describe('end to end: WeCom AI bot (fake long connection) + Redis + PGlite', () => {
  let h: Harness;
  let fake: FakeWecomServer;
  const sent: FakeSent[] = [];

  beforeAll(async () => {
    fake = new FakeWecomServer();
    await fake.start();
    fake.onSent((s) => sent.push(s));
    h = await startHarness({
      config: rosterConfig(),
      redisUrl: REDIS_URL,
      log: testLogger(),
      channel: {
        kind: 'wecom',
        botId: fake.botId,
        secret: fake.secret,
        wsUrl: fake.url,
        groupChatId: fake.groupChatId,
        reconnectIntervalMs: 10,
      },
    });
  }, 30_000);
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it('answers an @ in the group in the group, @-mentioning the sender by userid', async () => {
    sent.length = 0;
    const id = fake.sayInGroup('wxid_zhujian_zhang', '@督办助手 帮助');
    await waitFor(() => sent.length > 0, 15_000);
    expect(await h.drain()).toBe(true);
    expect(sent).toHaveLength(1);
    // An answer goes as a reply on the message (no push: WeCom limits pushes).
    expect(sent[0]).toMatchObject({ to: 'group', msgtype: 'stream', reply: true, mentions: ['wxid_zhujian_zhang'] });
    expect(sent[0]?.text).toMatch(/^<@wxid_zhujian_zhang>\s+您好，我是督办助手/);
    const rows = await h.app.db.query<{ handler: string; text: string }>(
      'select handler, text from inbound_messages where id = $1',
      [id],
    );
    expect(rows).toEqual([{ handler: 'help', text: '帮助' }]);
    const out = await h.app.db.query<{ delivered_via: string }>(
      'select delivered_via from outbound_messages where purpose = $1',
      [`help:${id}`],
    );
    expect(out).toEqual([{ delivered_via: 'group' }]);
  });

  it('answers a private message privately, to the userid', async () => {
    sent.length = 0;
    fake.sayPrivately('wxid_leader_li', '帮助');
    await waitFor(() => sent.length > 0, 15_000);
    expect(await h.drain()).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'wxid_leader_li', chatid: 'wxid_leader_li', reply: true });
    expect(sent[0]?.text).toContain('点对点调度');
  });

  it('imports a ticket list sent privately by a supervisor (downloaded, decrypted, stored, imported)', async () => {
    sent.length = 0;
    const csv = readFileSync(join(FIXTURES, 'qa-day-tickets-morning.csv'));
    const id = fake.sendFilePrivately('wxid_sup_liu', '工单导出.csv', csv);
    await waitFor(() => sent.length > 0, 15_000);
    expect(await h.drain()).toBe(true);
    const [row] = await h.app.db.query<{ file_name: string; file_sha256: string }>(
      'select file_name, file_sha256 from inbound_messages where id = $1',
      [id],
    );
    expect(row?.file_name).toBe('工单导出.csv');
    const [t] = await h.app.db.query<{ n: number }>(
      "select count(*)::int as n from tickets where number = '2026112000153'",
    );
    expect(t?.n).toBe(1);
    // The importer hears the result privately.
    expect(sent.some((s) => s.to === 'wxid_sup_liu')).toBe(true);
  });

  it("a dispatch goes out as a 签收 card: the head's tap signs it, another unit's tap is refused", async () => {
    sent.length = 0;
    const updates: FakeCardUpdate[] = [];
    const stop = fake.onCardUpdate((u) => updates.push(u));
    fake.sayInGroup('wxid_leader_li', '@督办助手 @张局长 环海路小区污水外溢，请三个工作日内到现场处置并反馈。');
    await waitFor(() => sent.some((s) => s.to === 'wxid_zhujian_zhang' && s.card), 15_000);
    expect(await h.drain()).toBe(true);
    const delivery = sent.find((s) => s.to === 'wxid_zhujian_zhang' && s.card);
    const card = delivery?.card as { task_id: string; button_list: Array<{ key: string; text: string }> };
    expect(card.button_list.map((b) => b.text)).toEqual(['签收']);
    const ack = card.button_list[0]?.key as string;
    const code = /\|(D\d+)\|/.exec(ack)?.[1] as string;

    // 孙局长 (教育局) is not responsible for 住建局's delivery: refused, shown only to him, recorded.
    fake.pressCard('wxid_jiaoyu_sun', card.task_id, ack, { chat: 'private' });
    await waitFor(() => updates.length >= 1, 15_000);
    expect(updates[0]?.userids).toEqual(['wxid_jiaoyu_sun']);
    const refused = await h.app.db.query<{ handler: string }>(
      "select handler from inbound_messages where sender_id = 'wxid_jiaoyu_sun' and handler = 'card-refused'",
    );
    expect(refused).toHaveLength(1);

    // 张局长 taps 签收: the card changes for everyone, the store has the same ack a typed 收到 makes.
    fake.pressCard('wxid_zhujian_zhang', card.task_id, ack, { chat: 'private' });
    await waitFor(() => updates.length >= 2, 15_000);
    expect(await h.drain()).toBe(true);
    stop();
    expect(updates[1]?.userids).toBeUndefined();
    expect(JSON.stringify(updates[1]?.card)).toContain('已签收（张局长');
    const [target] = await h.app.db.query<{ acked_by: string | null }>(
      `select t.acked_by from dispatch_targets t join dispatches d on d.id = t.dispatch_id
       where d.code = $1 and t.unit_id = 'zhujian'`,
      [code],
    );
    expect(target?.acked_by).toBe('wxid_zhujian_zhang');
    const [row] = await h.app.db.query<{ text: string; handler: string }>(
      "select text, handler from inbound_messages where sender_id = 'wxid_zhujian_zhang' and id like 'card:%'",
    );
    expect(row).toEqual({ text: `${code} 收到`, handler: 'dispatch-answer' });

    // Later 张局长 answers in the group quoting the dispatch, with no code: WeCom sends the quote apart
    // from the text; it is read as on WeChat, so the answer is the dispatch's.
    fake.sayInGroup('wxid_zhujian_zhang', '@督办助手 已到现场清理完毕，管网已疏通，群众表示满意。', {
      quote: '环海路小区污水外溢，请三个工作日内到现场处置并反馈。',
    });
    await waitFor(async () => {
      const [t] = await h.app.db.query<{ answered_at: Date | null }>(
        `select t.answered_at from dispatch_targets t join dispatches d on d.id = t.dispatch_id
         where d.code = $1 and t.unit_id = 'zhujian'`,
        [code],
      );
      return !!t?.answered_at;
    }, 15_000);
  });

  it('keeps a card through a crash between recording and queueing (recover sends it with its button)', async () => {
    // What the earlier cases caused is all sent first: recover() re-enqueues every unsent message.
    expect(await h.drain()).toBe(true);
    sent.length = 0;
    const message = {
      to: { kind: 'person' as const, id: 'wxid_hubin_you' },
      text: '请签收',
      mentions: [],
      purpose: 'recover-card-test',
      card: {
        key: 'recover_card_test-1',
        title: '点对点调度 D9',
        buttons: [{ key: 'ack|dispatch|D9|hubin', text: '签收' }],
      },
    };
    await recordOutboundMany(h.app.db, [{ jobId: jobIdFor('o', message.purpose), message }], new Date());
    expect(await h.app.outbox.recover()).toBe(1);
    await waitFor(() => sent.length > 0, 15_000);
    expect(await h.drain()).toBe(true);
    const card = sent.find((s) => s.card)?.card as { task_id: string; button_list: Array<{ key: string }> };
    expect(card.task_id).toBe('recover_card_test-1');
    expect(card.button_list[0]?.key).toBe('ack|dispatch|D9|hubin');
  });
});
