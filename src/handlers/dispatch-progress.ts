import { summary } from '../domain/texts/dispatch.js';
import { progressDetailText, progressListText, progressNotFoundText, type ProgressUnitItem } from '../domain/texts/dispatch.js';
import { type Dispatch, type DispatchEvent, dispatchByCode, dispatchEvents, openDispatches } from '../store/dispatches.js';
import { commandText, type HandlerContext, type MessageHandler, replyTo } from './context.js';
import { leaderName, stateText, unitLabel } from './dispatch-common.js';

const PROGRESS = /^(?:调度进展|调度进度|调度情况)\s*[:：]?\s*(?:([Dd]\s?\d{1,7}))?\s*[?？。]?$/;

function personName(ctx: HandlerContext, id: string | null): string {
  return id ? (ctx.roster.person(id)?.name ?? id) : '';
}

function eventText(ctx: HandlerContext, d: Dispatch, e: DispatchEvent): string | null {
  const unit = e.unitId ? unitLabel(ctx, e.unitId) : '';
  const who = personName(ctx, e.actorId);
  switch (e.kind) {
    case 'created':
      return `${leaderName(ctx, d.leaderId)}交办，转${d.targets.map((t) => unitLabel(ctx, t.unitId)).join('、')}`;
    case 'delivered': {
      const to = Array.isArray(e.detail.to) ? (e.detail.to as string[]).map((id) => personName(ctx, id)) : [];
      return `点对点送达${unit}${to.length > 0 ? `（${to.join('、')}）` : '（无联系人）'}`;
    }
    case 'ack':
      return `${unit}${who ? `（${who}）` : ''}签收`;
    case 'answer':
      return `${unit}${who ? `（${who}）` : ''}反馈：${summary(e.text ?? '', 40)}`;
    case 'forwarded':
      return `反馈已转报${leaderName(ctx, d.leaderId)}`;
    case 'ask-which':
      return `${unit}${who ? `（${who}）` : ''}回复未注明编号，已询问对应哪件调度`;
    case 'ack-reminder':
      return `提醒${unit}签收`;
    case 'due-reminder':
      return `到期前提醒${unit}`;
    case 'late':
      return `${unit}超时未反馈，已在群内催办`;
    case 'supervisors':
      return '已提请区督导专班督办';
    case 'leader-status':
      return `已向${leaderName(ctx, d.leaderId)}报告进展`;
    default:
      return null;
  }
}

/** `调度进展` (leaders and supervisors): open dispatches by unit; `调度进展 D12`: one in full. */
export const dispatchProgressHandler: MessageHandler = {
  name: 'dispatch-progress',
  matches: (msg, sender) => (sender.roles.includes('leader') || sender.roles.includes('supervisor')) && PROGRESS.test(commandText(msg)),
  async handle(msg, _sender, ctx) {
    const tz = ctx.config.timezone;
    const now = ctx.clock.now();
    const m = PROGRESS.exec(commandText(msg));
    const code = m?.[1]?.replace(/\s/g, '').toUpperCase();
    if (code) {
      const d = await dispatchByCode(ctx.db, code);
      if (!d) {
        await ctx.send(replyTo(msg, progressNotFoundText(code), `dispatch-progress:${msg.id}`));
        return;
      }
      const events = await dispatchEvents(ctx.db, d.id);
      const timeline = events.flatMap((e) => {
        const text = eventText(ctx, d, e);
        return text ? [{ at: e.at, text }] : [];
      });
      const text = progressDetailText({
        code: d.code,
        leaderName: leaderName(ctx, d.leaderId),
        createdAt: d.createdAt,
        text: d.text,
        urgent: d.urgent,
        deadline: d.deadline,
        deadlineGiven: d.deadlineGiven,
        status: d.status === 'answered' ? '各单位均已反馈' : '办理中',
        units: d.targets.map((t) => ({ unit: unitLabel(ctx, t.unitId), state: stateText(t, d.deadline, now, tz) })),
        timeline,
        tz,
      });
      await ctx.send(replyTo(msg, text, `dispatch-progress:${msg.id}`));
      return;
    }
    const open = await openDispatches(ctx.db);
    const byUnit = new Map<string, ProgressUnitItem[]>();
    for (const d of open) {
      for (const t of d.targets) {
        if (t.answeredAt) continue;
        const items = byUnit.get(t.unitId) ?? [];
        items.push({ code: d.code, text: d.text, state: stateText(t, d.deadline, now, tz), deadline: d.deadline });
        byUnit.set(t.unitId, items);
      }
    }
    const order = ctx.roster.units.map((u) => u.id);
    const units = [...byUnit.entries()]
      .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
      .map(([unitId, items]) => ({ unit: unitLabel(ctx, unitId), items }));
    await ctx.send(replyTo(msg, progressListText(units, open.length, tz), `dispatch-progress:${msg.id}`));
  },
};
