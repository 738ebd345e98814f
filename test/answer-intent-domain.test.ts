import { describe, expect, it } from 'vitest';
import { addressingOf, formsOfAddress, quotesDispatch } from '../src/domain/dispatch/addressing.js';
import { classifyReply } from '../src/domain/dispatch/flow-answer.js';
import { parseDualReply } from '../src/domain/dual/sides.js';
import { aboutTheBot, commandOf, hasSubstance, intentOf, isAck } from '../src/domain/language/intent.js';
import { splitQuote } from '../src/domain/language/quote.js';
import { summary } from '../src/domain/texts/dispatch.js';
import { parseTicketCommand } from '../src/domain/tickets/commands.js';
import { formatDeadline } from '../src/domain/time.js';

describe('intent: commands, acknowledgements, substance (one classifier for every answer-taking handler)', () => {
  it('commands are commands, whatever decorates them', () => {
    const cases: Array<[string, string]> = [
      ['控制台', 'console'],
      ['控制台。', 'console'],
      ['@督办助手 控制台', 'console'],
      ['后台', 'console'],
      ['帮助', 'help'],
      ['help', 'help'],
      ['？', 'help'],
      ['菜单', 'help'],
      ['调度进展', 'progress'],
      ['调度进展 D12', 'progress'],
      ['调度情况？', 'progress'],
      ['转办 区住建局：路灯不亮', 'transfer'],
      ['申请退办 S001 不属于我单位职责', 'approval'],
      ['同意 TB001', 'approval'],
      ['不同意 TB002 理由不充分', 'approval'],
      ['我的待办', 'query'],
      ['查超期', 'query'],
      ['查一下我们局还有几件超期工单', 'query'],
      ['查询', 'query'],
    ];
    for (const [text, kind] of cases) expect(commandOf(text), text).toBe(kind);
    for (const text of [
      '收到',
      '湖滨路已整治完毕',
      '查看了现场，已协调物业处理完毕',
      'SP2 已到现场处置',
      '控制台的链接打不开怎么办',
    ])
      expect(commandOf(text), text).toBeNull();
  });

  it('help and the console in everyday words are those commands (strict: only the bare forms)', () => {
    const cases: Array<[string, string]> = [
      ['控制台链接发我一下', 'console'],
      ['麻烦把控制台链接发我', 'console'],
      ['打开控制台', 'console'],
      ['进后台', 'console'],
      ['请发一下控制台的登录链接', 'console'],
      ['控制台怎么登录', 'console'],
      ['帮助一下', 'help'],
      ['怎么用？', 'help'],
      ['请问怎么使用', 'help'],
      ['你能干啥', 'help'],
      ['有哪些功能？', 'help'],
      ['使用说明发我一下', 'help'],
    ];
    for (const [text, kind] of cases) {
      expect(commandOf(text), text).toBe(kind);
      expect(commandOf(text, { strict: true }), text).toBeNull();
      expect(intentOf(text), text).toBe('command');
    }
    for (const text of [
      '后台数据显示已办结',
      '请说明情况',
      '这个怎么用不了',
      '控制台用不了',
      '帮助群众解决了路灯问题',
      '看板已安装到位',
    ])
      expect(commandOf(text), text).toBeNull();
  });

  it('a message about the bot itself carries no substance as an answer, unless it reports work', () => {
    for (const text of ['控制台打不开啊', '助手怎么没反应', '机器人是不是坏了', '登录链接过期了'])
      expect([text, hasSubstance(text), aboutTheBot(text)]).toEqual([text, false, true]);
    for (const text of ['已在控制台上传整改照片', '经核实，机器人推送的工单已处理完毕'])
      expect([text, hasSubstance(text), aboutTheBot(text)]).toEqual([text, true, false]);
  });

  it('the same acknowledgements everywhere: ticket digests, dispatches, 双派单 rounds', () => {
    const acks = [
      '收到',
      '已收到',
      '收到了',
      '好的收到',
      '好的，收到',
      '收到！马上办',
      '签收',
      '已签收',
      '工单签收',
      '👌收到',
      '收到👍',
      '收到[抱拳]',
      'OK收到',
      '收到，马上安排执法中队到场',
      '已阅',
      '知悉',
    ];
    for (const a of acks) {
      expect(isAck(a), a).toBe(true);
      expect(parseTicketCommand(a), a).toEqual({ kind: 'ack' });
      expect(parseDualReply(`SP3 ${a}`).kind, a).toBe('ack');
      expect(classifyReply(a, { chat: 'group', mentionsBot: false })?.kind, a).toBe('ack');
    }
    for (const a of ['收到，已安排人员到现场处置完毕', '收到了吗？', '好的', '👌', '路灯已修复']) {
      expect(isAck(a), a).toBe(false);
      expect(parseTicketCommand(a), a).toBeNull();
    }
  });

  it('no substance: greetings, thanks, 好的, emoji; substance: what was done', () => {
    for (const f of [
      '好的',
      '好的👌',
      '在吗',
      '在吗？',
      '谢谢',
      '谢谢领导🙏',
      '谢谢李主任',
      '王主任好',
      '各位领导辛苦了',
      '👌',
      '👍👍',
      '[强]',
      '嗯嗯',
      'ok',
      'OK',
      '明白',
      '辛苦了',
      '好的王主任',
    ]) {
      expect(intentOf(f), f).toBe('filler');
    }
    for (const c of [
      '路灯已修好',
      '已处理',
      '背街小巷垃圾已全部清运',
      '湖滨路那边我们上午去了，摊位都清走了',
      '今天组织执法中队清理摊点8处',
    ]) {
      expect(intentOf(c), c).toBe('content');
    }
    expect(intentOf('正在处理中'), 'a promise').toBe('ack');
    for (const q of ['这个工单是我们的吗？', '王主任，明天的会几点开？', '需要我们去现场吗'])
      expect(intentOf(q), q).toBe('question');
    for (const text of ['控制台', '好的', '在吗', '谢谢', '帮助'])
      expect(classifyReply(text, { chat: 'private', mentionsBot: false }), text).toBeNull();
  });
});

describe('quote replies and addressing a leader', () => {
  it('reads WeChat and WeCom quote replies, quote first or last', () => {
    expect(splitQuote('「王副主任：@褚局长 湖滨路占道经营请处理」\n- - - - - - - - - - - - - - -\n已集中整治')).toEqual(
      { name: '王副主任', quoted: '@褚局长 湖滨路占道经营请处理', reply: '已集中整治' },
    );
    expect(splitQuote('已集中整治\n------\n"王副主任：湖滨路占道经营请处理"')).toEqual({
      name: '王副主任',
      quoted: '湖滨路占道经营请处理',
      reply: '已集中整治',
    });
    expect(splitQuote('“王副主任：湖滨路”\n- - - - -\n好的')?.reply).toBe('好的');
    expect(splitQuote('今日受理6件\n- 办结5件')).toBeNull();
  });

  it('by @, by name or the usual form of address, by 报告/汇报', () => {
    const leaders = [
      { id: 'w', name: '王副主任' },
      { id: 'l', name: '李主任' },
    ];
    expect(formsOfAddress('王副主任')).toEqual(['王副主任', '王主任']);
    expect(addressingOf('报告王主任，湖滨路已整治', [], leaders)).toMatchObject({
      leaderIds: ['w'],
      reportStart: true,
    });
    expect(addressingOf('@王副主任 湖滨路情况：已整治', [], leaders).leaderIds).toEqual(['w']);
    expect(addressingOf('湖滨路情况：已整治', ['l'], leaders).leaderIds).toEqual(['l']);
    expect(addressingOf('汇报一下湖滨路的情况', [], leaders)).toMatchObject({ leaderIds: [], reportStart: true });
    expect(addressingOf('湖滨路的摊贩今天又来了，明天我们安排人员去现场劝离，王主任', [], leaders).leaderIds).toEqual(
      [],
    );
    expect(
      quotesDispatch('@褚局长 湖滨路占道经营问题突出，请…', {
        code: 'D2',
        text: '@褚局长 湖滨路占道经营问题突出，请明天中午前整治',
      }),
    ).toBe(true);
    expect(quotesDispatch('【点对点调度 D2】王副主任交办', { code: 'D2', text: '别的' })).toBe(true);
    expect(quotesDispatch('今天天气不错', { code: 'D2', text: '湖滨路占道经营问题突出' })).toBe(false);
  });
});

describe('texts: quotes cut at a clause, deadlines never at 00:00 of the next day', () => {
  it('a quote is whole when short, else cut after a clause', () => {
    expect(summary('城西小学门口积水，请今晚12点前处置并反馈。', 40)).toBe(
      '城西小学门口积水，请今晚12点前处置并反馈。',
    );
    expect(
      summary(
        '湖滨路农贸市场周边占道经营和乱堆乱放问题群众反映强烈，请组织力量集中整治，' +
          '明天中午前反馈整治情况并附整治前后照片。',
        40,
      ),
    ).toBe('湖滨路农贸市场周边占道经营和乱堆乱放问题群众反映强烈，请组织力量集中整治…');
    expect(
      summary('@尤主任 请于明天中午前完成湖滨路、滨江路、环湖东路三条道路沿线的占道经营清理，并反馈整治前后照片', 24),
    ).toBe('请于明天中午前完成湖滨路、滨江路…');
    expect(
      summary('关于建设路夜市烧烤油烟扰民问题请城管局牵头会同生态环境分局市场监管局联合执法限期整改到位', 24),
    ).toBe('关于建设路夜市烧烤油烟扰民问题请城管局牵头会同…');
  });

  it('midnight is 24:00 of the day before; the weekday on request', () => {
    expect(formatDeadline('2026-12-02T16:00:00Z', 'Asia/Shanghai')).toBe('12月2日24:00');
    expect(formatDeadline('2026-12-02T10:00:00Z', 'Asia/Shanghai', { weekday: true })).toBe('12月2日（星期三）18:00');
    expect(formatDeadline('2026-12-06T16:00:00Z', 'Asia/Shanghai', { weekday: true })).toBe('12月6日（星期日）24:00');
  });
});

describe('a code with only 好的 / 👌 acknowledges', () => {
  it('dispatches and rounds alike', () => {
    for (const text of ['D12 好的', 'D12👌', '好的 D12'])
      expect(classifyReply(text, { chat: 'group', mentionsBot: false }), text).toMatchObject({
        kind: 'ack',
        codes: ['D12'],
      });
    for (const text of ['SP3 好的', 'SP3 👌', 'sp3 OK'])
      expect(parseDualReply(text), text).toMatchObject({ kind: 'ack', codes: ['SP3'] });
    expect(parseDualReply('SP3 这个是我们的吗？').kind).toBe('answer');
    expect(classifyReply('D12 这个是我们的吗？', { chat: 'group', mentionsBot: false })).toBeNull();
  });
});

describe(
  'issue 12 (QA): an acknowledgement or a promise is a ' + '签收, a report of what was done or found is an answer',
  () => {
    it('收到/好的/明白 + 马上安排/全力配合/今晚过去/正在…, with or without 报告王主任: ack', () => {
      for (const a of [
        '报告王主任，城东街道收到，全力配合公安分局。',
        '好的王主任，马上安排执法人员今晚过去',
        '好的收到 马上安排人去看',
        '收到，我们马上去现场看',
        '明白，立即组织人员前往处置',
        '@王副主任 收到！全力配合🙏',
        '马上安排执法人员今晚过去',
        '王主任，收到，正在协调住建局一起处理',
        '收到，我们尽快拿出方案，明天上午报您',
      ]) {
        expect(isAck(a), a).toBe(true);
        expect(intentOf(a), a).toBe('ack');
        expect(classifyReply(a, { chat: 'group', mentionsBot: false, addressed: true })?.kind, a).toBe('ack');
      }
    });
    it('what was done or found is an answer, even after 收到 or 好的', () => {
      for (const c of [
        '已安排人员到场处置，目前已清理占道摊点',
        '收到，经核实该烧烤店已停业整顿',
        '报告王主任，现场查看发现排水口堵塞，已疏通',
        '人民路积水方案已形成：疏通雨水管网300米，新增2处排水口，本周内完工',
        '好的，走访困难老人46户，发放棉被32床',
        '报告李主任，民政局今天联合各街道走访困难老人120户，发放慰问金和取暖物资',
        '人民路积水已会同住建局疏通管网，本周完工后回访群众',
      ]) {
        expect(isAck(c), c).toBe(false);
        expect(intentOf(c), c).toBe('content');
      }
    });
  },
);

describe('play2: a plan is a 签收, never an answer (isPlanOnly)', () => {
  it('plans, with or without 收到 and a form of address', async () => {
    const { isPlanOnly, intentOf } = await import('../src/domain/language/intent.js');
    const plans = [
      '李主任，锦绣小区烧烤店我们今天晚上去夜查，周五前反馈',
      '报告李主任：该问题我局将于本周四组织联合检查，结果稍后反馈。',
      '我们明天去现场看看',
      '稍后反馈',
      '@王副主任 好的，拟于下周一约谈店主，处理情况周三前报您',
      '计划明天上午联合市场监管所开展检查',
    ];
    for (const p of plans) {
      expect(isPlanOnly(p) || intentOf(p) === 'ack', p).toBe(true);
      expect(intentOf(p), p).toBe('ack');
    }
    const answers = [
      '烧烤店今天晚上去查了，已责令整改',
      '锦绣小区烧烤店经核实已停业',
      '昨天去了现场，店主表示配合',
      '湖滨路占道经营已集中整治，清理摊点12处，明天继续巡查',
      '今天上午到现场核查，发现油烟净化器未开启，已要求整改',
    ];
    for (const a of answers) {
      expect(isPlanOnly(a), a).toBe(false);
      expect(intentOf(a), a).toBe('content');
    }
  });
});
