import { describe, expect, it } from 'vitest';
import { type DispatchParse, parseDispatch } from '../src/domain/dispatch/parse.js';
import { calendar, fixtures, parse, roster, sameInstant } from './dispatch-helpers.js';

describe('dispatch fixtures (test/fixtures/dispatches.sample.jsonl, a copy of the shared samples)', () => {
  it('scores at least 97% on every field', () => {
    const items = fixtures();
    const score: Record<'isDispatch' | 'targets' | 'deadline' | 'urgent', [ok: number, n: number]> = {
      isDispatch: [0, 0],
      targets: [0, 0],
      deadline: [0, 0],
      urgent: [0, 0],
    };
    const misses: string[] = [];
    for (const { input, expect: want } of items) {
      const got = parseDispatch(input, roster, calendar);
      const check = (f: keyof typeof score, ok: boolean): void => {
        score[f][1]++;
        if (ok) score[f][0]++;
        else misses.push(`${input.id} ${f}`);
      };
      check('isDispatch', got.isDispatch === want.isDispatch);
      if (!want.isDispatch) continue;
      check('targets', JSON.stringify(got.targets) === JSON.stringify([...(want.targets ?? [])].sort()));
      check('deadline', sameInstant(got.deadline, want.deadline ?? null));
      check('urgent', got.urgent === (want.urgent ?? false));
    }
    for (const [f, [ok, n]] of Object.entries(score)) {
      expect(ok / n, `${f}: ${misses.join(', ')}`).toBeGreaterThanOrEqual(0.97);
    }
  });
});

const ZHUJIAN = '区住房和城乡建设局';
const CHENGGUAN = '区城市管理局';
const HUBIN = '湖滨街道';
const SENT = '2026-09-16T10:00:00+08:00'; // a Wednesday

type Want = Partial<DispatchParse>;
/** [text, mentions, expected (only the fields given are checked), from?] */
const CASES: Array<[string, string[], Want, string?]> = [
  // the unit at the start with its head named, no @ (issue 12, found playing a day)
  [
    '教育局孙局长，实验小学门口摊贩的事要盯紧，明天下班前反馈',
    [],
    { isDispatch: true, targets: ['区教育局'], deadline: '2026-09-17T18:00:00+08:00' },
  ],
  [
    '环保分局郑局长，锦绣小区烧烤店噪音的事情再跟一下，本周五前给个结果',
    [],
    { isDispatch: true, targets: ['区生态环境分局'], deadline: '2026-09-18T18:00:00+08:00' },
  ],
  [
    '城管局褚局长，夜市油烟的事今天下班前报我',
    [],
    { isDispatch: true, targets: [CHENGGUAN], deadline: '2026-09-16T18:00:00+08:00' },
  ],
  ['教育局孙局长辛苦了，这次处理得很好', [], { isDispatch: false }],
  // targets from mentions
  [
    '@张局长 幸福里小区化粪池堵塞，请明天前处理',
    ['wxid_zhujian_zhang'],
    { isDispatch: true, targets: [ZHUJIAN], deadline: '2026-09-17T18:00:00+08:00' },
  ],
  [
    '@徐科长 请把加装电梯的进展今天下午4点前报我',
    ['wxid_zhujian_xu'],
    { isDispatch: true, targets: [ZHUJIAN], deadline: '2026-09-16T16:00:00+08:00' },
  ],
  [
    '@张局长 @徐科长 住建局请周五前拿出方案',
    ['wxid_zhujian_zhang', 'wxid_zhujian_xu'],
    { isDispatch: true, targets: [ZHUJIAN] },
  ],
  [
    '@褚局长 @刘组长 请城管局今晚处置，督导专班跟踪',
    ['wxid_chengguan_chu', 'wxid_sup_liu'],
    { isDispatch: true, targets: [CHENGGUAN], deadline: '2026-09-16T22:00:00+08:00' },
  ],
  [
    '@王副主任 @褚局长 占道经营问题请城管局抓紧整治',
    ['wxid_leader_wang', 'wxid_chengguan_chu'],
    { isDispatch: true, targets: [CHENGGUAN], urgent: false },
  ],
  ['@褚局长 请处理', ['wxid_chengguan_chu', 'wxid_unknown_person'], { isDispatch: true, targets: [CHENGGUAN] }],
  // targets from the text
  [
    '城管局、湖滨街道：林海公园占道经营，请三天内拿出整治方案。',
    [],
    { isDispatch: true, targets: [CHENGGUAN, HUBIN], deadline: '2026-09-19T18:00:00+08:00' },
  ],
  [
    '住建局：老旧小区改造进度滞后，下周一前报整改计划。',
    [],
    { isDispatch: true, targets: [ZHUJIAN], deadline: '2026-09-21T18:00:00+08:00' },
  ],
  [
    '请住建局和城东街道明天下午3点前联合到现场核查',
    [],
    { isDispatch: true, targets: [ZHUJIAN, '城东街道'], deadline: '2026-09-17T15:00:00+08:00' },
  ],
  ['要求卫健局与人社局2个工作日内答复', [], { isDispatch: true, targets: ['区人力资源和社会保障局', '区卫生健康局'] }],
  [
    '由住建局牵头，城管局、湖滨街道配合，本周五前完成整治。',
    [],
    { isDispatch: true, targets: [ZHUJIAN, CHENGGUAN, HUBIN], deadline: '2026-09-18T18:00:00+08:00' },
  ],
  [
    '牵头单位：交通局；配合单位：公安分局。请于10月9日前完成。',
    [],
    { isDispatch: true, targets: ['区交通运输局', '区公安分局'] },
  ],
  ['请燃气公司、湖滨街道明天前完成燃气管道排查', [], { isDispatch: true, targets: [HUBIN] }],
  ['请湖滨街道会同燃气公司尽快排查', [], { isDispatch: true, targets: [HUBIN], urgent: true, deadline: null }],
  ['城管局,湖滨街道,城管局：请明天反馈', [], { isDispatch: true, targets: [CHENGGUAN, HUBIN] }],
  ['请尤主任明天前反馈一下', [], { isDispatch: true, targets: [] }],
  ['城东街道朱主任：东关村停水的事请今天下班前反馈', [], { isDispatch: true, targets: ['城东街道'] }],
  [
    '群众反映城管局执法粗暴，请督导专班核实，周四前报我。',
    [],
    { isDispatch: true, targets: [], deadline: '2026-09-17T18:00:00+08:00' },
  ],
  ['@刘组长 请督导专班明天到城西街道现场督办重办工单', ['wxid_sup_liu'], { isDispatch: true, targets: [] }],
  ['教育局和公安分局要拿出校门口疏导方案', [], { isDispatch: true, targets: ['区公安分局', '区教育局'] }],
  ['市监局、教体局：请联合约谈机构负责人', [], { isDispatch: true, targets: ['区市场监督管理局', '区教育局'] }],
  ['民政局，高龄津贴发放延迟，请今天说明情况', [], { isDispatch: true, targets: ['区民政局'] }],
  [
    '按照区住建局要求，请湖滨街道明天前完成排查',
    [],
    { isDispatch: true, targets: [HUBIN], deadline: '2026-09-17T18:00:00+08:00' },
  ],
  [
    '城管局牵头、湖滨街道配合，立即开展整治。',
    [],
    { isDispatch: true, targets: [CHENGGUAN, HUBIN], urgent: true, deadline: null },
  ],
  [
    '这个问题转城管局办理，两日内反馈。',
    [],
    { isDispatch: true, targets: [CHENGGUAN], deadline: '2026-09-18T18:00:00+08:00' },
  ],
  ['请督导专班和城东街道明天到现场核查', [], { isDispatch: true, targets: ['城东街道'] }],
  ['请城管局、燃气公司、湖滨街道加强巡查', [], { isDispatch: true, targets: [CHENGGUAN, HUBIN] }],
  ['城管局要求物业公司整改，请湖滨街道跟进', [], { isDispatch: true, targets: [HUBIN] }],
  [
    '@褚局长 建设路夜市烧烤油烟扰民，群众连续投诉。',
    ['wxid_chengguan_chu'],
    { isDispatch: true, targets: [CHENGGUAN], deadline: null, urgent: false },
  ],
  ['@褚局长 林海公园的问题处理得怎么样了？', ['wxid_chengguan_chu'], { isDispatch: true, targets: [CHENGGUAN] }],
  ['@褚局长 10.20前反馈', ['wxid_chengguan_chu'], { isDispatch: true, deadline: '2026-10-20T18:00:00+08:00' }],
  ['请各单位明天下班前报送百日攻坚进展', [], { isDispatch: true, targets: [], deadline: '2026-09-17T18:00:00+08:00' }],
  // urgency
  ['@褚局长 请立即到场', ['wxid_chengguan_chu'], { isDispatch: true, urgent: true, deadline: null }],
  ['@褚局长 请马上处置', ['wxid_chengguan_chu'], { isDispatch: true, urgent: true }],
  ['@褚局长 请尽快答复群众', ['wxid_chengguan_chu'], { isDispatch: true, urgent: true }],
  ['@褚局长 请即刻组织人员', ['wxid_chengguan_chu'], { isDispatch: true, urgent: true }],
  [
    '@褚局长 请第一时间处置，下午4点前反馈',
    ['wxid_chengguan_chu'],
    { isDispatch: true, urgent: true, deadline: '2026-09-16T16:00:00+08:00' },
  ],
  ['@褚局长 请火速处理', ['wxid_chengguan_chu'], { isDispatch: true, urgent: true }],
  ['@褚局长 请及时处理，明天反馈', ['wxid_chengguan_chu'], { isDispatch: true, urgent: false }],
  ['@褚局长 请抓紧处理', ['wxid_chengguan_chu'], { isDispatch: true, urgent: false, deadline: null }],
  // not dispatches
  ['收到，马上安排执法中队到场。', [], { isDispatch: false, urgent: true }, 'wxid_chengguan_chu'],
  ['马上安排人员到场处置', [], { isDispatch: false, urgent: true }, 'wxid_chengguan_chu'],
  ['好的，我们尽快处理，明天前反馈', [], { isDispatch: false }, 'wxid_zhujian_zhang'],
  ['@李主任 收到，立即落实', ['wxid_leader_li'], { isDispatch: false, urgent: true }, 'wxid_zhujian_zhang'],
  ['城管局已第一时间到场处置，目前已恢复正常。', [], { isDispatch: false, urgent: true }, 'wxid_chengguan_chu'],
  ['感谢城西街道秦主任团队，问题解决得很好！', [], { isDispatch: false }],
  ['点赞湖滨街道！', [], { isDispatch: false }],
  ['大家辛苦了，今天重办工单明显减少。', [], { isDispatch: false }],
  ['大家辛苦了，马上就要月底了，继续保持！', [], { isDispatch: false, urgent: true }],
  ['收到', [], { isDispatch: false }],
  ['国庆值班表已发群文件，请各位知悉。', [], { isDispatch: false }],
  ['小助手，今天还有哪些单位没报日报？', [], { isDispatch: false }],
  ['各单位要高度重视12345热线工作。', [], { isDispatch: false }],
  ['@褚局长 马上到现场看看', ['wxid_chengguan_chu'], { isDispatch: true, urgent: true, targets: [CHENGGUAN] }],
  ['湖滨街道立即组织人员清理，今天下午已全部清理完毕。', [], { isDispatch: false, urgent: true }, 'wxid_hubin_you'],
  ['已安排执法队员马上到场，预计半小时内到达。', [], { isDispatch: false, urgent: true }, 'wxid_chengguan_chu'],
  ['第一时间处置得很好，为城管局点赞！', [], { isDispatch: false, urgent: true }],
  ['各单位国庆期间如遇突发情况要第一时间报告。', [], { isDispatch: false, urgent: true }],
  ['各位领导：明天上午9点召开热线工作推进会，请准时参加。', [], { isDispatch: false }],
  ['城管局：值班表已发群文件，请知悉。', [], { isDispatch: false }],
  ['@李主任 申请退办工单2件，请审批', ['wxid_leader_li'], { isDispatch: false }, 'wxid_zhujian_zhang'],
];

describe('parseDispatch: own cases from the contract', () => {
  it.each(CASES)('%s', (text, mentions, want, from) => {
    const got = parse(text, SENT, mentions, from ?? 'wxid_leader_li');
    expect(Object.keys(got).sort()).toEqual(['deadline', 'isDispatch', 'targets', 'urgent']);
    for (const [k, v] of Object.entries(want)) {
      if (k === 'deadline')
        expect(sameInstant(got.deadline, v as string | null), `deadline ${got.deadline}`).toBe(true);
      else expect(got[k as keyof DispatchParse], k).toEqual(v);
    }
  });

  it('sorts and de-duplicates canonical names', () => {
    const got = parse('@尤主任 @张局长 湖滨街道、住建局、区住建局：请明天反馈', SENT, [
      'wxid_hubin_you',
      'wxid_zhujian_zhang',
    ]);
    expect(got.targets).toEqual([ZHUJIAN, HUBIN]);
  });

  it('falls back to @名字 in the text when the app resolved no mentions', () => {
    expect(parse('@褚局长 请明天反馈', SENT, []).targets).toEqual([CHENGGUAN]);
  });

  it('gives the full object for a non-dispatch', () => {
    expect(parse('谢谢大家', SENT)).toEqual({ isDispatch: false, targets: [], deadline: null, urgent: false });
  });
});
