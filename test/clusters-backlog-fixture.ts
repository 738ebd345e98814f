/**
 * A district's first export for repeat warnings (issue 18 §1): November's tickets, 15 places where one problem came
 * back (5 at 区城管局, 4 at 区住建局, 4 at 区生态环境分局, 1 at 区公安分局, 1 at 城东街道 itself; 5 in
 * each of 城东街道, 城西街道 and 湖滨街道), one 和平路 ticket at 区市场监管局, one repeated call in nearly the
 * same words (并单), and tickets that repeat nothing. Rows as the 12345 platform exports them.
 */

export interface BacklogTicket {
  number: string;
  title: string;
  content: string;
  unit: string;
  street: string;
  /** 2026-11-DD 09:00 */
  day: number;
}

interface Place {
  unit: string;
  street: string;
  /** Title and content of each ticket, in the order they came (and its 承办单位 when not the place's). */
  calls: ReadonlyArray<readonly [string, string, string?]>;
}

/** Largest first, so that the order of the list is the order here. */
export const PLACES: Record<string, Place> = {
  阳光花园: {
    unit: '区住建局',
    street: '城东街道',
    calls: [
      ['电梯故障', '来电人反映阳光花园小区3栋电梯经常故障停运，老人上下楼困难，希望尽快维修。'],
      ['电梯停运', '阳光花园5栋电梯又坏了，停运两天无人维修。'],
      ['电梯困人', '市民称阳光花园小区电梯故障困人，要求彻底检修电梯。'],
      ['电梯维修不及时', '阳光花园7栋电梯故障，物业报修后迟迟不修。'],
      ['小区电梯问题', '阳光花园小区电梯故障频繁，存在安全隐患，请有关部门检修。'],
      ['电梯坏了', '反映阳光花园2栋电梯停运一周，维修一直没有进展。'],
      ['电梯异响', '阳光花园小区电梯运行异响后故障停运，担心安全。'],
      ['电梯停运', '阳光花园9栋电梯故障停运，家中有病人出行不便，请尽快维修。'],
    ],
  },
  和平路: {
    unit: '区城管局',
    street: '城东街道',
    calls: [
      ['占道经营', '和平路菜市场门口摊贩占道经营，影响通行。'],
      ['流动摊贩占道', '市民反映和平路早上流动摊贩占道经营，行人无法通行。'],
      ['占道摆摊', '和平路人行道被摊贩占道经营，影响通行，希望城管整治。'],
      ['商贩占道', '和平路两侧摊贩占道经营，车辆通行困难。'],
      ['占道经营问题', '反映和平路夜间摊贩占道经营，影响通行。'],
      ['占道经营', '和平路学校门口摊贩占道经营，影响学生通行安全。'],
      ['占道经营', '和平路商铺出店经营，摊贩占道经营，人行道无法通行。', '区市场监管局'],
    ],
  },
  建设路: {
    unit: '区生态环境分局',
    street: '城东街道',
    calls: [
      ['夜间施工噪音', '建设路工地夜间施工噪音扰民，凌晨还在作业。'],
      ['工地噪音', '市民反映建设路工地夜间施工噪音很大，无法入睡。'],
      ['施工扰民', '建设路在建工地夜间施工噪音扰民，希望查处。'],
      ['夜间施工', '建设路工地晚上十一点后仍在施工，噪音扰民。'],
      ['噪音投诉', '建设路工地夜间施工机械噪音严重，影响休息。'],
      ['工地夜间作业', '反映建设路工地夜间施工噪音问题多次未解决。'],
    ],
  },
  翠湖苑: {
    unit: '区住建局',
    street: '城东街道',
    calls: [
      ['水压低', '翠湖苑高层二次供水水压低，楼上经常没水。'],
      ['二次供水', '市民反映翠湖苑二次供水设备故障，水压不足。'],
      ['供水水压不足', '翠湖苑12楼以上水压低，二次供水不正常。'],
      ['停水', '翠湖苑二次供水水压低，早晚用水高峰没水。'],
      ['水压问题', '反映翠湖苑二次供水水压低问题长期未解决。'],
    ],
  },
  人民路: {
    unit: '区城管局',
    street: '城西街道',
    calls: [
      ['路灯不亮', '人民路东段路灯不亮，晚上出行不安全，希望尽快维修。'],
      ['路灯损坏', '市民反映人民路东段路灯损坏不亮，无人维修。'],
      ['路灯故障', '人民路东段多处路灯故障不亮，请尽快维修。'],
      ['路灯问题', '人民路东段路灯晚上不亮，行人看不清路面，希望维修。'],
      ['路灯不亮', '反映人民路东段路灯多盏不亮，一直无人维修。'],
    ],
  },
  金色家园: {
    unit: '区住建局',
    street: '城西街道',
    calls: [
      ['楼顶漏水', '金色家园顶楼漏水，下雨天屋内渗水严重。'],
      ['房屋漏水', '市民反映金色家园顶楼漏水，维修基金申请不下来。'],
      ['漏水', '金色家园6栋顶楼漏水，墙面发霉。'],
      ['屋顶渗漏', '金色家园顶楼漏水问题反映多次，物业不处理。'],
    ],
  },
  滨江花园: {
    unit: '区城管局',
    street: '湖滨街道',
    calls: [
      ['垃圾清运', '来电人反映滨江花园小区垃圾长期无人清运，气味难闻，蚊蝇很多，希望尽快处理。'],
      ['垃圾堆放', '滨江花园垃圾堆放无人清运，气味难闻。'],
      ['垃圾清运不及时', '滨江花园北门垃圾清运不及时，气味难闻。'],
      ['垃圾清运', '来电人反映滨江花园小区垃圾长期无人清运，气味难闻，蚊蝇很多，希望尽快处理。'],
    ],
  },
  东风路: {
    unit: '区生态环境分局',
    street: '城西街道',
    calls: [
      ['工厂异味', '东风路化工厂排放刺鼻异味，晚上更严重。'],
      ['刺鼻气味', '市民反映东风路工厂异味刺鼻，影响居民健康。'],
      ['异味扰民', '东风路工厂排放异味，开窗都能闻到。'],
      ['空气异味', '反映东风路工厂夜间排放异味，希望环保部门查处。'],
    ],
  },
  锦绣花园: {
    unit: '区住建局',
    street: '湖滨街道',
    calls: [
      ['物业不作为', '锦绣花园物业不作为，公共设施损坏不修。'],
      ['物业服务差', '市民反映锦绣花园物业服务差，物业不作为。'],
      ['物业问题', '锦绣花园物业收费不作为，小区环境脏乱。'],
    ],
  },
  幸福家园: {
    unit: '城东街道',
    street: '城东街道',
    calls: [
      ['路面破损', '幸福家园小区内路面破损坑洼，老人容易摔倒。'],
      ['道路坑洼', '幸福家园小区道路路面破损，雨天积水。'],
      ['小区路面', '反映幸福家园小区路面破损多年未修。'],
    ],
  },
  解放街: {
    unit: '区城管局',
    street: '城西街道',
    calls: [
      ['烧烤油烟', '解放街夜市烧烤油烟扰民，窗户不敢开。'],
      ['油烟扰民', '市民反映解放街烧烤摊油烟很大，影响居民。'],
      ['夜市油烟', '解放街夜市烧烤油烟问题严重，希望整治。'],
    ],
  },
  紫薇苑: {
    unit: '区城管局',
    street: '湖滨街道',
    calls: [
      ['违章搭建', '紫薇苑一楼住户违章搭建阳光房，占用公共绿地。'],
      ['违建', '市民反映紫薇苑有住户违章搭建，侵占绿地。'],
      ['私搭乱建', '紫薇苑小区有住户违章搭建，占用绿地，请城管拆除。'],
    ],
  },
  张家村: {
    unit: '区生态环境分局',
    street: '湖滨街道',
    calls: [
      ['河道污水', '张家村河道有污水直排，河水发黑发臭。'],
      ['污水排放', '市民反映张家村河道污水排放，水体发臭。'],
      ['河道污染', '张家村旁河道被污水污染，鱼都死了。'],
    ],
  },
  红星路: {
    unit: '区公安分局',
    street: '城西街道',
    calls: [
      ['KTV噪音', '红星路KTV夜间噪音扰民，音响声很大。'],
      ['噪音扰民', '市民反映红星路KTV噪音扰民到凌晨。'],
      ['娱乐场所噪音', '红星路KTV音响噪音扰民，多次投诉无果。'],
    ],
  },
  李家村: {
    unit: '区生态环境分局',
    street: '湖滨街道',
    calls: [
      ['养殖场臭味', '李家村养猪场臭味很重，村民无法开窗。'],
      ['养殖污染', '市民反映李家村养猪场臭味扰民，粪污乱排。'],
      ['臭味扰民', '李家村养猪场臭味问题，希望环保部门处理。'],
    ],
  },
};

/** Tickets that repeat nothing (one each). */
const SINGLES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['社保卡补办', '市民咨询社保卡丢失后如何补办。', '区人社局', '城东街道'],
  ['学校收费', '反映某小学课后服务收费问题。', '区教育局', '城西街道'],
  ['医院排队', '市民反映区人民医院挂号排队时间过长。', '区卫健局', '湖滨街道'],
  ['公交线路', '希望增开到新港镇的公交线路。', '区交通局', '新港镇'],
  ['噪音扰民', '阳光花园楼下广场舞音响声音太大。', '区城管局', '城东街道'],
  ['井盖缺失', '幸福路一处井盖缺失，存在安全隐患。', '区城管局', '城西街道'],
];

/** A 13-digit ticket number: 202611, the day, a running number. */
function numberOf(day: number, seq: number): string {
  return `202611${String(day).padStart(2, '0')}${String(seq).padStart(5, '0')}`;
}

/** The backlog: each place's calls spread over November, the singles among them. */
export function backlogTickets(): BacklogTicket[] {
  const out: BacklogTicket[] = [];
  let seq = 100;
  let p = 0;
  for (const x of Object.values(PLACES)) {
    x.calls.forEach(([title, content, unit], i) => {
      // Days 2..28, the first call of each place a day apart from the others'.
      const day = Math.min(28, 2 + ((p + i * 3) % 27));
      out.push({ number: numberOf(day, ++seq), title, content, unit: unit ?? x.unit, street: x.street, day });
    });
    p++;
  }
  SINGLES.forEach(([title, content, unit, street], i) => {
    const day = 3 + i * 4;
    out.push({ number: numberOf(day, ++seq), title, content, unit, street, day });
  });
  return out.sort((a, b) => a.day - b.day || a.number.localeCompare(b.number));
}

/** A row under HEADER (test/ticket-helpers.ts). */
export function backlogRow(t: BacklogTicket): unknown[] {
  const day = `2026-11-${String(t.day).padStart(2, '0')}`;
  return [t.number, t.title, t.content, t.unit, t.street, '', `${day} 09:00`, '2026-12-20 18:00', '办理中', '', 0];
}

/** Ten more places, three calls each about the lights of a stairwell (区住建局, 湖滨街道): for lists that run long. */
export function moreTickets(): BacklogTicket[] {
  const places = ['海棠苑', '桂花苑', '丁香苑', '玉兰苑', '芙蓉苑', '石榴苑', '梧桐苑', '银杏苑', '香樟苑', '枫林苑'];
  const calls = (p: string) => [
    ['楼道灯不亮', `${p}3栋楼道灯不亮，晚上上下楼不安全。`],
    ['楼道照明', `市民反映${p}楼道灯不亮，晚上上下楼摸黑。`],
    ['楼道灯损坏', `${p}小区楼道灯不亮已经一个月，老人摸黑上楼。`],
  ];
  return places.flatMap((p, k) =>
    calls(p).map(([title, content], i) => {
      const day = 18 + k + i;
      return {
        number: numberOf(day, 500 + k * 3 + i),
        title: title as string,
        content: content as string,
        unit: '区住建局',
        street: '湖滨街道',
        day,
      };
    }),
  );
}
