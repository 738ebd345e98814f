/**
 * Five weeks of tickets as a platform exports them with 问题分类 and 事发地址, for 本周热点 (issue 18):
 * the weekly summary of Friday 2026-11-27 looks at 11-21 … 11-27 against the four weeks before.
 * 物业管理 rises (3, 4, 3, 4 → 9) at 阳光花园 (1, 1, 1, 1 → 5), 噪声污染 is new this week (5), 垃圾清运
 * stays flat (4 a week, each at its own place).
 */
import { addDays } from '../src/domain/calendar.js';

export const HOTSPOT_HEADER = [
  '工单编号',
  '诉求标题',
  '诉求内容',
  '承办单位',
  '属地镇街',
  '派单时间',
  '办理时限',
  '办理状态',
  '满意度',
  '诉求分类',
  '事发地址',
];

/** The Friday of the weekly summary. */
export const SUMMARY_DAY = '2026-11-27';

const FLAT_PLACES = ['锦绣小区', '幸福家园', '和平新村', '翠湖苑'];
const OTHER_PLACES = ['滨江花园', '东方家园', '紫荆苑', '香樟小区', '青山新村', '春晖小区', '南湖家园'];

/** Rows of the export, oldest week first. */
export function hotspotRows(): unknown[][] {
  const rows: unknown[][] = [];
  let n = 0;
  const add = (
    week: number,
    i: number,
    t: { title: string; content: string; unit: string; category: string; address: string },
  ) => {
    n++;
    const day = addDays(SUMMARY_DAY, -7 * week - (i % 6));
    const due = addDays(day, 5);
    const done = week > 0;
    rows.push([
      `2026${day.slice(5, 7)}${day.slice(8, 10)}${String(n).padStart(5, '0')}`,
      t.title,
      t.content,
      t.unit,
      '城东街道',
      `${day} ${String(9 + (i % 8)).padStart(2, '0')}:30`,
      `${due} 18:00`,
      done ? '已办结' : '办理中',
      done ? '满意' : '',
      t.category,
      t.address,
    ]);
  };
  const property = [3, 4, 3, 4, 9];
  const atSunny = [1, 1, 1, 1, 5];
  for (let w = 4; w >= 0; w--) {
    const week = w;
    const count = property[4 - w] as number;
    for (let i = 0; i < count; i++) {
      const sunny = i < (atSunny[4 - w] as number);
      const place = sunny ? '阳光花园小区' : (OTHER_PLACES[(i + w) % OTHER_PLACES.length] as string);
      const building = `${(i % 5) + 1}栋`;
      add(week, i, {
        title: '物业服务不到位',
        content: `市民反映${place}${building}物业长期不打扫楼道，电梯故障无人维修，希望督促物业整改。`,
        unit: '区住建局',
        category: '城乡建设-物业管理-物业服务',
        address: `城东街道${place}${building}`,
      });
    }
    for (let i = 0; i < 4; i++)
      add(week, i + 1, {
        title: '垃圾清运不及时',
        content: `市民反映${FLAT_PLACES[i]}门口垃圾桶满溢，清运不及时，气味较大。`,
        unit: '区城市管理局',
        category: '城市管理-垃圾清运',
        address: `城东街道${FLAT_PLACES[i]}`,
      });
    if (w === 0)
      for (let i = 0; i < 5; i++)
        add(0, i + 2, {
          title: '夜间施工噪音扰民',
          content: `市民反映${OTHER_PLACES[i]}旁工地夜间施工，噪音很大影响休息。`,
          unit: '区生态环境分局',
          category: '生态环境/噪声污染',
          address: `城东街道${OTHER_PLACES[i]}附近工地`,
        });
  }
  return rows;
}
