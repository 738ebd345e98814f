import { ticketKeys, cutWords, placeKeyOfWords, problemWordsOf, contentWordsOf } from './src/domain/clusters/keys.js';
import { keyHash } from './src/usecases/clusters.js';
const places = ['阳光幸福花园', '翠湖苑', '幸福路', '金色家园小区', '东方社区'];
const P = ['楼下垃圾长期无人清理', '夜间施工噪音扰民', '电梯经常故障停运'];
const short = (i: number) => ({ number: String(i), title: `诉求标题${i % 500}：小区环境问题`, content: `市民反映${places[i % 5]}${(i % 12) + 1}栋${P[i % 3]}，第${i}号诉求，希望尽快处理。`, assignedAt: new Date() });
const longTail = '来电人曾多次向物业反映，物业称由环卫负责，环卫称由物业负责，互相推诿，至今未解决。来电人希望相关部门尽快协调处理，明确责任，定期清运，并对周边环境进行整治。另外小区门口道路积水严重，雨天无法通行，希望一并处理。来电人表示如不解决将继续投诉。';
const long = (i: number) => ({ ...short(i), content: `来电人反映：位于城东街道${places[i % 5]}${(i % 12) + 1}栋的${P[i % 3]}，气味难闻，夏季蚊虫滋生，严重影响居民生活。${longTail}${longTail}第${i}号。` });
cutWords('预热');
for (const [name, mk] of [['short', short], ['long', long]] as const) {
  const ts = Array.from({ length: 50000 }, (_, i) => mk(i));
  console.log(name, 'content chars', ts[0]!.content.length);
  let t = performance.now();
  for (const x of ts) cutWords(`${x.title} ${x.content}`);
  console.log(' cut whole', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (const x of ts) { const w = cutWords(`${x.title} ${x.content}`); const p = placeKeyOfWords(w); problemWordsOf(w, p); contentWordsOf(w); }
  console.log(' old keys (whole text)', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (const x of ts) cutWords(`${x.title} ${x.content.slice(0, 200)}`);
  console.log(' cut 200', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (const x of ts) ticketKeys(x);
  console.log(' new keys', (performance.now() - t).toFixed(0));
  t = performance.now();
  for (const x of ts) keyHash(x);
  console.log(' hash', (performance.now() - t).toFixed(0));
}
