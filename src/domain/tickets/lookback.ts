/**
 * 回头看 (first working day of the month): which of last month's unresolved and 不满意 tickets
 * are re-dispatched to their units, and which are left out because something already pursues
 * them the same morning:
 * - open and overdue: the daily ticket-nag (即时/书面/现场/提请督办) lists or escalates them at
 *   09:00 — re-dispatching them too would send the unit two or three contradictory messages
 *   about one ticket in the same minute; those the unit reported done (awaiting the platform)
 *   are in the nag's list, marked, and counted apart for the oversight;
 * - with an open 双派单 round: both sides are already on it; re-dispatching it to the 承办单位
 *   alone would bypass the round.
 * - open with a 退办 / 不再办理 a leader approved: the platform moves it; the unit has nothing to do.
 * Left-out tickets are still counted for the leaders and the supervision team, by reason.
 * When no nag runs, reported-done tickets re-dispatched carry （单位已报办结，待平台确认）, never 未办结.
 */
import { lookbackWhy } from '../texts/dual.js';

export interface LookbackInput {
  number: string;
  title: string;
  unitId: string;
  done: boolean;
  rating: string | null;
  reportedDone: boolean;
  dualCode: string | null;
  /** A leader approved its 退办 / 不再办理 (not reopened since). */
  returnApproved?: boolean;
}

export interface LookbackLine {
  number: string;
  title: string;
  /** Why it is listed: 未办结 / 不满意 / 单位已报办结，待平台确认. */
  why: string;
}

export interface LookbackPlan {
  /** Unit → the tickets re-dispatched to it. */
  redispatch: Map<string, LookbackLine[]>;
  /** Tickets the daily nag pursues (open, overdue, not reported done), by unit. */
  nagged: Map<string, string[]>;
  /** Open tickets the unit reported done, listed (marked) by the daily nag: by unit. */
  awaiting: Map<string, string[]>;
  /** Tickets with an open 双派单 round: number and round code. */
  dual: Array<{ number: string; unitId: string; code: string }>;
  /** Open tickets whose 退办 / 不再办理 was approved (waiting for the platform), by unit. */
  returned: Map<string, string[]>;
}

/** `nagRuns`: the ticket-nag runs today (it is configured): open overdue tickets are its own. */
export function planLookback(tickets: readonly LookbackInput[], nagRuns: boolean): LookbackPlan {
  const plan: LookbackPlan = {
    redispatch: new Map(),
    nagged: new Map(),
    awaiting: new Map(),
    dual: [],
    returned: new Map(),
  };
  for (const t of tickets) {
    if (t.dualCode) {
      plan.dual.push({ number: t.number, unitId: t.unitId, code: t.dualCode });
      continue;
    }
    const open = !t.done;
    if (open && t.returnApproved === true) {
      plan.returned.set(t.unitId, [...(plan.returned.get(t.unitId) ?? []), t.number]);
      continue;
    }
    if (open && nagRuns) {
      const m = t.reportedDone ? plan.awaiting : plan.nagged;
      m.set(t.unitId, [...(m.get(t.unitId) ?? []), t.number]);
      continue;
    }
    const why = lookbackWhy(open, t.reportedDone, t.rating === '不满意');
    plan.redispatch.set(t.unitId, [
      ...(plan.redispatch.get(t.unitId) ?? []),
      { number: t.number, title: t.title, why },
    ]);
  }
  return plan;
}
