/** The terminal simulator's own texts (its help, clock and routine lines); never sent to a chat. */
import { WEEKDAY_NAMES } from '../time.js';

export const SIM_HELP =
  `模拟群“联系服务群众工作”已就绪。输入方式：
  张局长: 今日受理12件，办结10件        以某人身份在群里发言（姓名或微信号，后加冒号）
  私聊 张局长: 帮助                      以某人身份私聊机器人
  /as 张局长                             之后不带姓名的消息都以此人身份发出
  /file 刘组长: ./tickets.xlsx           以某人身份发文件（工单导出表等）
  /recall 张局长                         某人撤回其刚发的一条消息（如撤回一条日报）
多行消息：行末写 \\ 接着输入下一行；或 /paste（/paste 张局长、/paste 私聊 张局长）后粘贴多行，单独一行 . 结束
模拟时钟：
  /clock                                 现在的模拟时间、是否工作日、接下来的例行任务
  /advance 30m   /advance 2h   /advance 1d   /advance 18:40
                                         拨快时钟；途经的例行任务（17:30 提醒、18:00 截止、18:30 提请督办、18:40 ` +
  `汇总…）按时运行
  /run report-reminder                   在当前模拟时间立即运行某项例行任务
  /play test/fixtures/campaign-two-weeks.jsonl
                                         按时间顺序演练一个场景文件（cli replay 的格式），时钟随之拨快
陌生人：名单外的人也可发言（新进群的人、代班的同事），机器人不认识也不听其指令：
  wxid_new_guy: 大家好                   以名单外的微信号（wxid_ 开头）在群里发言
  /as 陌生人                             以群里的陌生成员发言
  /who 名单与群里的陌生成员      /help 本说明      /quit 退出
消息里写 @张局长 会作为 @ 提醒发出。`;

/** 2026年11月30日（星期一）16:30 */
export function simTimeText(day: string, hhmm: string, weekday: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日（星期${WEEKDAY_NAMES[weekday]}）${hhmm}`;
}

export function simClockText(when: string, workday: boolean, running: boolean, next: string[]): string {
  const lines = [`模拟时间：${when}，${workday ? '工作日' : '休息日（例行任务运行但不催报）'}`];
  lines.push(
    running
      ? '模拟时钟随真实时间走；用 /advance 拨快（如 /advance 30m、/advance 18:40）。'
      : '模拟时钟已停住；用 /advance 拨快。',
  );
  if (next.length > 0) lines.push(`接下来的例行任务：${next.join('、')}`);
  return lines.join('\n');
}

export function simDayLine(day: string, weekday: number, workday: boolean): string {
  const [, m, d] = day.split('-').map(Number) as [number, number, number];
  return `──── ${m}月${d}日（星期${WEEKDAY_NAMES[weekday]}）${workday ? '工作日' : '休息日'} ────`;
}

export const simRoutineSent = (at: string, name: string, n: number) => `[${at} ${name}] 已运行，发送 ${n} 条消息：`;
export const simRoutineSilent = (at: string, name: string) => `[${at} ${name}] 已运行，无消息发送`;
export const simRoutineStuck = (at: string, name: string) =>
  `[${at} ${name}] 30 秒内未处理完（可能出错后在重试），详见日志`;
export const simFrequentSilent = (parts: string[]) => `（其间 ${parts.join('、')}，均无消息发送）`;
export const simFrequentPart = (name: string, n: number) => `${name} 运行 ${n} 次`;
export const SIM_ADVANCE_USAGE =
  '用法：/advance 30m、/advance 2h、/advance 1d、/advance 1h30m，或 /advance 18:40（今天的某个时刻）';
export const simUnknownRoutine = (name: string, known: string[]) =>
  `（没有名为 ${name} 的例行任务；可用：${known.join('、') || '无'}）`;
export const SIM_NO_SUCH_PERSON =
  '（名单中没有此人；/who 查看名单。名单外的人请用其微信号发言，如 wxid_new_guy: 大家好，或 /as 陌生人）';
export const SIM_NEED_SPEAKER = '（请用“姓名: 内容”的形式发言，或先 /as 姓名；/help 查看说明）';
export const simSpeakAs = (name: string) => `（之后以 ${name} 的身份发言）`;
export const simStrangerJoined = (id: string) =>
  `（${id} 不在名单上：作为群里的陌生成员发言，机器人不认识，也不听其指令）`;
/** A private message from a contact not on the roster: the bot does not answer such chats. */
export const simStrangerPrivate = (id: string) =>
  `（${id} 不在名单上：作为名单外联系人私聊机器人，机器人不认识，不回复名单外人员的私聊）`;
export const SIM_PASTE_START = '（粘贴多行消息，单独一行 . 结束；/cancel 放弃）';
export const SIM_PASTE_CANCELLED = '（已放弃这条多行消息）';
export const simFileError = (reason: string) => `（无法读取文件：${reason}）`;
export const SIM_WHO_STRANGERS = '群里不在名单上的成员（机器人不认识，不听其指令）：';
export const SIM_WHO_HINT = '  任何 wxid_ 开头的微信号都可直接发言（如 wxid_new_guy: 大家好），会作为新成员进群。';
export const SIM_STILL_BUSY = '（机器人 30 秒内未处理完，稍后的回复会陆续显示；详见日志）';
export const SIM_NOTHING_TO_RECALL = '（此人在本次模拟中还没有发过消息，无可撤回）';
export const SIM_UNKNOWN_COMMAND = '（没有这个命令；/help 查看说明）';

export function simBannerText(start: string, tz: string, workday: boolean, logFile: string | undefined): string {
  const lines = [`模拟时钟从 ${start} 开始（${tz}）；/clock 查看，/advance 拨快。`];
  if (!workday)
    lines.push(
      '今天是休息日：例行任务照常运行，但不催报日报。演练一个工作日请用 npm start -- --at "2026-11-30 08:30"。',
    );
  if (logFile) lines.push(`机器人的日志写入 ${logFile}（设置 LOG_LEVEL，如 LOG_LEVEL=info，则输出到终端）。`);
  return lines.join('\n');
}
export const simBadChannelText = (c: string) => `--channel "${c}" 看不懂：请写 --channel wechaty 或 --channel wecom`;
export const simBadAtText = (at: string, tz: string) =>
  `--at "${at}" 看不懂：请写成 --at "2026-11-30 16:30"（${tz} 时间）`;

/** Start-up refusals (stderr, for whoever installs the bot): zh-CN first, then English. */
export const NO_CHAT_TOKEN = [
  '未配置聊天令牌 WECHATY_PUPPET_SERVICE_TOKEN，督办助手不启动（正式运行不会自动改用模拟器）。',
  '请在 .env 中填写令牌后重启；只想试用模拟器，请在源码目录运行 npm start，或设置 SIMULATOR=1。',
  'No chat token (WECHATY_PUPPET_SERVICE_TOKEN): not starting. The bot never falls back to the simulator;',
  'set the token, or run the simulator on purpose (`npm start` in a checkout, or SIMULATOR=1).',
].join('\n');

export const SIMULATOR_ON_DATABASE = [
  '模拟器不在已配置的数据库（DATABASE_URL）上运行：那是正式数据。模拟器使用自己的数据目录，请去掉 DATABASE_URL；',
  '确需在该数据库上演练，请另设 SIMULATOR_FORCE=1。',
  'The simulator does not run on a configured DATABASE_URL (production data). Unset it (the simulator keeps its own',
  'data folder), or set SIMULATOR_FORCE=1 to run it there on purpose.',
].join('\n');

/** `/advance 25:00`: no such time of day. */
export const simBadTime = (s: string) => `时间“${s}”无效`;
/** `/advance 08:00` when it is later already today. */
export const simTimePassed = (s: string, now: string, tomorrow: string) =>
  `今天 ${s} 已过（现在 ${now}）；要到明天，请用 /advance 1d 或 /advance ${tomorrow} ${s}`;
/** `/advance 2026-13-01 08:30`: not a day and time. */
export const simBadDayTime = (s: string) => `时间“${s}”无效，请写成 2026-12-01 08:30`;
export const SIM_ONLY_FORWARD = '模拟时钟只能向前拨';
export const SIM_ADVANCE_HOW_FAR = '请写要拨快多久，如 /advance 30m、/advance 2h、/advance 1d 或 /advance 18:40';
/** `/advance soon`: not a span. */
export const simBadSpan = (s: string) => `看不懂“${s}”：请写 30m、2h、1d、1h30m 或 18:40`;
export const SIM_ADVANCE_TOO_FAR = '一次最多拨快 62 天';

/** The simulator's own Redis, started because none answered where configured (zh-CN and English). */
export function privateRedisStartedText(configured: string, port: number, dir: string): string {
  return [
    `${configured} 上没有 Redis，已为模拟器在本机启动一个专用的 Redis（127.0.0.1:${port}，数据在 ${dir}），` +
      `退出时一并停止。`,
    `No Redis at ${configured}: started a private one for the simulator (127.0.0.1:${port}, data in ${dir}); ` +
      `it stops when the bot stops.`,
  ].join('\n');
}

/** Where a message the bot sent went, in the simulator's transcript. */
export const SIM_IN_GROUP = '群';
export const simPrivateTo = (name: string) => `私聊 → ${name}`;
export const simFileLine = (file: string) => `（文件）${file}`;
/** One message the bot sent, as the transcript shows it. */
export const simSentLine = (at: string | undefined, where: string, body: string, mentions: string) =>
  `[${at ? `${at} ` : ''}${where}] 督办助手: ${body}${mentions}`;
/** A contact not on the roster, by name (and id when it differs). */
export const simStrangerName = (name: string, id?: string) =>
  id === undefined ? `${name}（不在名单上）` : `${name}（${id}，不在名单上）`;
/** A routine due next (tomorrow said when not today). */
export const simNextRoutine = (tomorrow: boolean, hhmm: string, routine: string) =>
  `${tomorrow ? '明天 ' : ''}${hhmm} ${routine}`;
/** A remark of the simulator's in the transcript, in brackets. */
export const simAside = (text: string) => `（${text}）`;
export const simNowText = (time: string) => `（模拟时间：${time}）`;

/** The help's part for the WeCom AI-bot world (CHAT_CHANNEL=wecom or --channel wecom). */
export const simHelpWecom = (bot: string) =>
  `企业微信智能机器人模式：与真实平台一样，机器人只看得到群里 @${bot} 的消息和所有私聊消息，` +
  `文件只能私聊发送，也看不到撤回：
  张局长: @${bot} 今日受理12件，办结10件   在群里 @机器人 报送（不带 @ 的群消息机器人看不到）
  私聊 张局长: 今日受理12件，办结10件     私聊报送，同样计为本单位日报
  /file 私聊 刘组长: ./tickets.xlsx       私聊发文件（群里发的文件机器人看不到）
  张局长: [签收]                          点卡片上的按钮：此人能看到的（群里的和发给他的）` +
  `最近一张带“签收”按钮、尚未点过的卡片
  先 /as 张局长，之后直接输入 [签收] 亦可。`;

/** A group message the WeCom bot did not see. */
export const simNotMentioned = (bot: string) =>
  `（机器人没有看到这条消息：群消息须 @${bot} 才会推送给机器人，或改为私聊）`;
/** A file sent in the group on WeCom. */
export const SIM_GROUP_FILE_NOT_SEEN =
  '（机器人没有看到这个文件：企业微信只把私聊发给机器人的文件推送给它；请用 /file 私聊 姓名: 路径）';
/** /recall on WeCom. */
export const SIM_NO_RECALL = '（企业微信智能机器人看不到撤回，本模式不模拟撤回）';
/** A button press where the chat has no cards (Wechaty). */
export const SIM_NO_CARDS = '（本渠道没有卡片按钮；卡片只在企业微信智能机器人模式下出现）';
export const simNoCardToPress = (button: string) => `（此人看不到带“${button}”按钮的卡片）`;
export const simCardAlreadyPressed = (button: string) => `（此人能看到的带“${button}”按钮的卡片都已点过）`;
/** Who pressed what, before the bot's answer. */
export const simPressed = (name: string, button: string, title: string) =>
  `（${name} 点了卡片“${title}”上的“${button}”）`;
/** A card the bot sent, in the transcript. */
export const simCardBody = (title: string, text: string, buttons: readonly string[]) =>
  `【卡片】${title}${text ? `\n${text}` : ''}` +
  `${buttons.length > 0 ? `\n${buttons.map((b) => `[${b}]`).join(' ')}` : ''}`;
/** A card the bot changed after a press. */
export const simCardUpdateLine = (
  at: string | undefined,
  where: string,
  title: string,
  text: string,
  who: string,
  status?: string,
) =>
  `[${at ? `${at} ` : ''}${where}] 督办助手更新卡片（${who}可见）：${title}${text ? `，${text}` : ''}` +
  `${status ? ` [${status}]` : ''}`;
export const SIM_CARD_FOR_ALL = '所有人';
/** The banner's line in the WeCom world. */
export const simWecomBanner = (bot: string) =>
  `模拟企业微信智能机器人（长连接）：群里须 @${bot} 机器人才看得到，也可私聊；卡片按钮用“姓名: [签收]”点击。`;

/** `/play`: each line as it is played (the time, who, and what). */
export const simPlaySaid = (hhmm: string, who: string, privately: boolean, text: string) =>
  `[${hhmm}] ${privately ? '私聊 ' : ''}${who}: ${text}`;
export const simPlayRecall = (hhmm: string, who: string) => `[${hhmm}] （${who} 撤回了一条消息）`;
export const simPlayBadLine = (n: number, why: string) => `（场景第${n}行无法演练：${why}）`;
export const simPlayed = (n: number, path: string) => `（场景 ${path} 已演练完毕，共${n}条消息）`;
