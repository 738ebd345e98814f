import { createInterface } from 'node:readline';
import type { App } from '../app.js';
import type { Roster } from '../domain/roster.js';
import type { MockWorld, SentRecord } from './mock-world.js';

const HELP = `模拟群“联系服务群众工作”已就绪。输入方式 / how to type:
  张局长: 今日受理12件，办结10件      以某人身份在群里发言 (name or contact id, then ':')
  私聊 张局长: 帮助                    以某人身份私聊机器人 (private to the bot)
  /as 张局长                           之后的无前缀消息都以此人身份发出 (default speaker)
  /file 刘组长: ./tickets.xlsx         以某人身份发文件
  /run report-reminder                 立即运行某项例行任务 (run a routine now)
  /who                                 名单 (the roster)      /quit 退出
消息里写 @张局长 会作为 @ 提醒发出。`;

/** Renders what the bot sent, @-mentions by name. */
export function renderSent(s: SentRecord, roster: Roster): string {
  const who = (id: string) => roster.person(id)?.name ?? id;
  const where = s.to === 'group' ? '[群]' : `[私聊 → ${who(s.to)}]`;
  const body = s.file ? `（文件）${s.file}` : s.text;
  const mentions = s.mentions.length > 0 ? `  (@ ${s.mentions.map(who).join('、')})` : '';
  return `${where} 督办助手: ${body}${mentions}`;
}

/** The terminal simulator: type as any roster person, see everything the bot says. */
export async function runTerminal(app: App, world: MockWorld, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const roster = app.roster;
  const print = (s: string) => output.write(`${s}\n`);
  world.onSent((s) => print(renderSent(s, roster)));
  const byName = (name: string) => roster.people.find((p) => p.name === name || p.id === name) ?? world.extraContacts.find((c) => c.name === name || c.id === name);
  const mentionIds = (text: string) => {
    const ids: string[] = [];
    for (const m of text.matchAll(/@([^\s@，,：:]+)/g)) {
      const p = roster.people.find((x) => x.name === m[1]);
      if (p) ids.push(p.id);
    }
    return ids;
  };
  let speaker: string | undefined;
  print(HELP);
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') continue;
    if (line === '/quit' || line === '/exit') break;
    if (line === '/help') { print(HELP); continue; }
    if (line === '/who') {
      for (const p of roster.people) print(`  ${p.name}  ${p.id}  ${p.roles.join('/')}${p.unit ? `  ${roster.unit(p.unit)?.name}` : ''}`);
      continue;
    }
    const as = /^\/as\s+(.+)$/.exec(line);
    if (as) {
      const p = byName((as[1] as string).trim());
      if (p) { speaker = p.id; print(`（之后以 ${p.name} 的身份发言）`); } else print('（名单中没有此人；/who 查看名单）');
      continue;
    }
    const runM = /^\/run\s+(\S+)$/.exec(line);
    if (runM) {
      const name = runM[1] as string;
      if (!app.scheduler.get(name)) print(`（没有名为 ${name} 的例行任务；可用：${app.scheduler.names().join('、') || '无'}）`);
      else await app.scheduler.runNow(name, `sim-${Date.now()}`);
      continue;
    }
    const fileM = /^\/file\s+([^:：]+)[:：]\s*(.+)$/.exec(line);
    if (fileM) {
      const p = byName((fileM[1] as string).trim());
      if (!p) { print('（名单中没有此人）'); continue; }
      try { world.sendFile(p.id, (fileM[2] as string).trim()); } catch (err) { print(`（无法读取文件：${(err as Error).message}）`); }
      continue;
    }
    const m = /^(私聊\s*)?([^:：\s]{1,40})[:：]\s*(.*)$/s.exec(line);
    const p = m ? byName((m[2] as string).trim()) : undefined;
    if (m && p) {
      const text = m[3] as string;
      world.say(p.id, text, m[1] ? { to: 'bot' } : { mentions: mentionIds(text) });
    } else if (speaker) {
      world.say(speaker, line, { mentions: mentionIds(line) });
    } else {
      print('（请用“姓名: 内容”的形式发言，或先 /as 姓名；/help 查看说明）');
    }
  }
}
