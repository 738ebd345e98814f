import { z } from 'zod';
import { campaignSchema } from './campaign-schema.js';

/** "HH:mm" in the district's time zone. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm, e.g. "18:00"');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const roleSchema = z.enum(['leader', 'head', 'liaison', 'supervisor', 'discipline']);
export type Role = z.infer<typeof roleSchema>;

export const unitSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  kind: z.enum(['department', 'street']),
  field: z.string().optional(),
  reports: z.boolean().default(true),
});
export type UnitConfig = z.infer<typeof unitSchema>;

export const personSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  roles: z.array(roleSchema).min(1),
  unit: z.string().optional(),
  title: z.string().optional(),
});
export type PersonConfig = z.infer<typeof personSchema>;

export const routinesSchema = z
  .object({
    reportReminder: clockTime.default('17:30'),
    reportDeadline: clockTime.default('18:00'),
    reportEscalation: clockTime.default('18:30'),
    dailySummary: clockTime.default('18:40'),
    /** Where the daily summary goes: the group, or each leader point-to-point. */
    dailySummaryTo: z.enum(['group', 'leaders']).default('group'),
    ticketNag: z.array(clockTime).default(['09:00', '15:00']),
    dispatchCheckMinutes: z.number().int().min(5).max(240).default(30),
    /** dual-check (双派单 follow-up) every N minutes through the dispatch working hours. */
    dualCheckMinutes: z.number().int().min(5).max(240).default(30),
    /** weekly-summary: this weekday (1 = Monday … 5 = Friday) at this time, or the last working day before it. */
    weeklySummary: clockTime.default('17:00'),
    weeklySummaryWeekday: z.number().int().min(1).max(7).default(5),
    /** monthly-review (回头看 and 月评比): the first working day of each month at this time. */
    monthlyReview: clockTime.default('09:00'),
  })
  .prefault({});

export const reportsSchema = z
  .object({
    /** A satisfaction or on-time rate below this is listed among the anomalies. */
    lowRate: z.number().min(0).max(100).default(90),
    /** Confirm each report to its sender point-to-point. */
    confirm: z.boolean().default(true),
    /** Also post a one-line receipt in the group (off by default: no flooding). */
    groupReceipt: z.boolean().default(false),
    /** Remind liaisons too (not only heads) in the 17:30 reminder. */
    remindLiaisons: z.boolean().default(true),
    /** The 18:40 daily summary as text, as an image card (table and chart), or both. */
    summaryFormat: z.enum(['text', 'image', 'both']).default('text'),
    /**
     * A correction sent after the day's summary went out: a short 更正 note to whoever got the
     * summary ('note'), or listed in the next daily summary ('summary').
     */
    lateCorrection: z.enum(['note', 'summary']).default('note'),
    /**
     * Figures far from the unit's own recent days are questioned in the confirmation (请核实) and listed in the
     * summary until confirmed.
     */
    historyChecks: z
      .object({
        enabled: z.boolean().default(true),
        /** How many of the unit's recent working days to compare with. */
        days: z.number().int().min(3).max(120).default(20),
        /** Fewer reported days than this: no check (a new unit has no history). */
        minDays: z.number().int().min(1).max(120).default(5),
        /** 受理 at least this many times the median of those days (and above minReceived) is questioned. */
        receivedFactor: z.number().min(1.5).default(10),
        /** 受理 below this is never questioned (3 against a median of 0 is not news). */
        minReceived: z.number().int().min(0).default(10),
        /** A 满意率 this many points below the median of those days is questioned. */
        satisfactionDrop: z.number().min(0).max(100).default(10),
      })
      .prefault({}),
  })
  .prefault({});

/** Where console links point when the district file does not say: the bot's own address. */
export function consolePublicUrl(c: { publicUrl?: string | undefined }, http?: { host: string; port: number }): string {
  if (c.publicUrl) return c.publicUrl;
  const host = !http || http.host === '0.0.0.0' || http.host === '::' ? '127.0.0.1' : http.host;
  return `http://${host}:${http?.port ?? 8787}`;
}

/** The web console (issue 8): where its links point and how long they last. */
export const consoleSchema = z
  .object({
    /**
     * Base address in the login links the bot sends (no trailing slash). Absent: the bot's own
     * HTTP address (HTTP_HOST and HTTP_PORT, set at start; see consolePublicUrl).
     */
    publicUrl: z.string().url().optional(),
    /** A login link works once, within this many minutes. */
    linkMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** A console session lasts this many hours. */
    sessionHours: z
      .number()
      .min(0.25)
      .max(24 * 30)
      .default(12),
    /**
     * Host names the console (and the simulator page) answer to, besides publicUrl's and the
     * loopback names: any other Host header is refused (DNS rebinding).
     */
    allowedHosts: z.array(z.string().min(1)).default([]),
  })
  .prefault({});

export const outboxSchema = z
  .object({
    /** Messages per minute per chat account; 0 turns the limiter off (replay). */
    perMinute: z.number().int().min(0).max(600).default(12),
    attempts: z.number().int().min(1).max(20).default(6),
    backoffMs: z.number().int().min(100).default(2000),
  })
  .prefault({});

/**
 * What one member can cost the bot (issue 14): answers per sender, repeated messages, and the
 * files the bot accepts. Defaults hold for a district group of ~100 people.
 */
export const limitsSchema = z
  .object({
    /**
     * Messages of one person the bot answers within `answerWindowMinutes`; beyond, one "稍后再试" notice, then quiet.
     */
    answersPerSender: z.number().int().min(1).max(1000).default(10),
    answerWindowMinutes: z
      .number()
      .min(1)
      .max(24 * 60)
      .default(10),
    /** The same answer to the same person again within this many minutes is not sent (a repeated message). */
    repeatMinutes: z
      .number()
      .min(0)
      .max(24 * 60)
      .default(5),
    /** A received file larger than this is not stored (enforced while it is written). */
    fileMaxBytes: z
      .number()
      .int()
      .min(1024)
      .max(200 * 1024 * 1024)
      .default(20 * 1024 * 1024),
    /** Stored files are deleted after this many days (the audit keeps their hash, name and sender). */
    fileKeepDays: z.number().min(0.01).max(3650).default(30),
    /** A spreadsheet whose worksheets unpack to more than this is refused before it is read (zip bomb). */
    xlsxMaxUncompressedBytes: z
      .number()
      .int()
      .min(1024 * 1024)
      .max(2 * 1024 * 1024 * 1024)
      .default(64 * 1024 * 1024),
    /** A ticket list with more rows than this is refused. */
    xlsxMaxRows: z.number().int().min(100).max(1_000_000).default(200_000),
  })
  .prefault({});

export const quietHoursSchema = z
  .object({ start: clockTime.default('22:00'), end: clockTime.default('07:30') })
  .prefault({});

export const calendarSchema = z
  .object({
    /** Official holidays (days off) the bundled calendar lacks or gets wrong. */
    holidays: z.array(isoDay).default([]),
    /** Make-up working days (调休上班) the bundled calendar lacks. */
    workdays: z.array(isoDay).default([]),
    /** Years whose official schedule is fully given here (so no "calendar missing" warning). */
    years: z.array(z.number().int().min(2000).max(2100)).default([]),
  })
  .prefault({});

export const ticketFieldNames = [
  'number',
  'title',
  'content',
  'unit',
  'street',
  'grid',
  'assignedAt',
  'deadline',
  'status',
  'rating',
  'reopenCount',
  'category',
  'subcategory',
  'address',
] as const;
export type TicketField = (typeof ticketFieldNames)[number];

/** Tickets (issue 4): column headers, nagging, the escalation ladder, 退办 approvals. */
export const ticketsSchema = z
  .object({
    /**
     * The district's own column names per field, tried before the built-in vocabulary
     * (src/domain/tickets/vocabulary.ts), which knows the usual platforms' names. Compared after
     * normalising (full/half width, blanks, 繁體, a trailing note in brackets); exact first, then "contains".
     */
    columns: z
      .object({
        number: z.array(z.string().min(1)).default([]),
        title: z.array(z.string().min(1)).default([]),
        content: z.array(z.string().min(1)).default([]),
        unit: z.array(z.string().min(1)).default([]),
        street: z.array(z.string().min(1)).default([]),
        grid: z.array(z.string().min(1)).default([]),
        assignedAt: z.array(z.string().min(1)).default([]),
        deadline: z.array(z.string().min(1)).default([]),
        status: z.array(z.string().min(1)).default([]),
        rating: z.array(z.string().min(1)).default([]),
        reopenCount: z.array(z.string().min(1)).default([]),
        category: z.array(z.string().min(1)).default([]),
        subcategory: z.array(z.string().min(1)).default([]),
        address: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .prefault({}),
    /**
     * The district's own status words meaning finished (no nagging), added to the vocabulary's; matched as substrings.
     */
    doneStatuses: z
      .array(z.string().min(1))
      .default(['已办结', '办结', '已归档', '已完成', '已关闭', '已回访', '已评价', '结案', '已退办']),
    /**
     * group: one group message @-mentioning the heads concerned, each unit's list privately; head: the lists privately
     * only.
     */
    nagTo: z.enum(['group', 'head']).default('group'),
    /** Working days overdue at which each step after 即时督办 (the digest) is taken. */
    ladder: z
      .object({
        written: z.number().int().min(0).max(60).default(1),
        onSite: z.number().int().min(0).max(60).default(3),
        referral: z.number().int().min(0).max(60).default(5),
      })
      .prefault({}),
    digestMaxItems: z.number().int().min(1).max(100).default(10),
    /**
     * 三色督办: blue this many working days before the deadline day (one 蓝色提醒 per ticket and
     * deadline, 0 = none); red after this many extensions or 不满意 ratings.
     */
    colours: z
      .object({
        blueLeadWorkdays: z.number().int().min(0).max(10).default(1),
        redExtensions: z.number().int().min(1).max(10).default(2),
        redUnsatisfied: z.number().int().min(1).max(10).default(2),
      })
      .prefault({}),
    approvalResendHours: z.number().min(0.1).max(240).default(4),
    /** How many rejected rows the import answer lists one by one. */
    maxRejectedListed: z.number().int().min(1).max(200).default(20),
  })
  .prefault({});

/** Repeat warnings (issue 18 §1): tickets of one place and one problem within a window. */
export const clustersSchema = z
  .object({
    /** Off: no places recorded, no warnings. */
    enabled: z.boolean().default(true),
    /** Tickets of one place and problem that make a cluster. */
    minSize: z.number().int().min(2).max(50).default(3),
    /** Days back from the import in which the tickets count. */
    windowDays: z.number().int().min(1).max(365).default(30),
    /** Share of the shorter ticket's problem words the other must have (same problem). */
    similarity: z.number().min(0.1).max(1).default(0.5),
    /** Word sameness from which two tickets are one citizen's request repeated (并单 suggested). */
    mergeSimilarity: z.number().min(0.1).max(1).default(0.9),
    /** A dismissed cluster (忽略 C12) warns again once it has grown by this many tickets. */
    regrow: z.number().int().min(1).max(50).default(2),
    /**
     * An import with more warnings than this (a backlog's first import) sends each recipient one message listing
     * them, instead of one message per cluster.
     */
    maxDetailed: z.number().int().min(1).max(100).default(1),
    /** In that message to the group, the largest clusters listed at most (the rest are counted). */
    maxListedInGroup: z.number().int().min(1).max(100).default(10),
  })
  .strict()
  .prefault({});

/**
 * 本周热点 (issue 18 §1): with the weekly summary, the categories and places whose tickets rose most in the last
 * 7 days against the weeks before (src/domain/hotspots/rising.ts).
 */
export const hotspotsSchema = z
  .object({
    /** Off: no 本周热点 section, no chart. */
    enabled: z.boolean().default(true),
    /** Weeks before the last 7 days that make the comparison (their mean). */
    historyWeeks: z.number().int().min(2).max(12).default(4),
    /** Fewest tickets in the last 7 days for a category or place to be listed. */
    minCount: z.number().int().min(1).max(10_000).default(3),
    /** Fewest tickets more than the weeks before's mean. */
    minIncrease: z.number().min(0).max(10_000).default(3),
    /** Least rise above that mean, as a share (0.5 = +50 %). */
    minRise: z.number().min(0).max(100).default(0.5),
    /** Most categories and most places listed. */
    maxListed: z.number().int().min(1).max(20).default(5),
    /**
     * Each week before must hold at least this share of the last 7 days' tickets with a category (a place), or that
     * kind is not compared (数据不全): a list that only lately has a 问题分类 column never makes everything "rise".
     */
    minHistoryShare: z.number().min(0).max(1).default(0.25),
    /** Send the chart card (a PNG) with the list when something rose. */
    chart: z.boolean().default(true),
  })
  .strict()
  .prefault({});

/** 四个必到 (issue 18 §2): when a ticket calls for a visit by the unit's head, and the visit's working-day steps. */
export const visitsSchema = z
  .object({
    /** Reopened (重办) this many times or more calls for a visit. */
    reopenTimes: z.number().int().min(1).max(20).default(2),
    /** The visit is due this many working days after the item is opened. */
    dueWorkdays: z.number().int().min(1).max(30).default(5),
    /** The head is reminded on these working days before the due day (0: on the due day itself). */
    remindWorkdaysBefore: z.array(z.number().int().min(0).max(30)).max(10).default([1, 0]),
    /** Unrecorded this many working days past the due day: the supervision team is told (once). */
    escalateWorkdaysAfter: z.number().int().min(1).max(30).default(1),
  })
  .strict()
  .superRefine((v, ctx) => {
    v.remindWorkdaysBefore.forEach((n, i) => {
      if (n >= v.dueWorkdays)
        ctx.addIssue({
          code: 'custom',
          path: ['remindWorkdaysBefore', i],
          message:
            `a reminder ${n} working days before the due day comes before the item is opened ` +
            `(dueWorkdays ${v.dueWorkdays})`,
        });
    });
  })
  .prefault({});

/** Leaders' point-to-point dispatches (issue 5): answer windows and follow-up times. */
export const dispatchSchema = z
  .object({
    /** A dispatch with no deadline is due at the end of this many working days after it was given. */
    defaultAnswerWorkdays: z.number().int().min(1).max(20).default(1),
    /** An urgent dispatch with no deadline is due this many hours after it was given. */
    urgentAnswerHours: z.number().min(0.25).max(72).default(2),
    /** Not acknowledged (收到/签收) within this time: one reminder point-to-point. */
    ackWithinMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
    urgentAckWithinMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** This long before the deadline without an answer: one reminder point-to-point. */
    remindBeforeDeadlineMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
    urgentRemindBeforeDeadlineMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
    /** dispatch-check acts within these hours on working days (the end is the end of a working day). */
    workingHours: z.object({ start: clockTime.default('08:30'), end: clockTime.default('18:00') }).prefault({}),
  })
  .prefault({});

/** 双派单-双倒查-双问责 (issue 6). */
export const dualSchema = z
  .object({
    /** Each side answers by the end of this many working days after the round is made. */
    deadlineWorkdays: z.number().int().min(1).max(20).default(2),
    /** Not signed (签收) within this many hours of delivery: one reminder point-to-point. */
    ackWithinHours: z.number().min(0.25).max(72).default(4),
    /** The round (of a ticket) from which supervision and discipline get the case (双问责). */
    accountabilityRound: z.number().int().min(2).max(20).default(3),
  })
  .prefault({});

/** 月评比 (monthly ranking). */
export const rankingSchema = z
  .object({
    /**
     * The share of the month's working days the bot was running for the district below which
     * the month's ranking is a trial (试运行/数据不完整): sent to the leaders and the supervision
     * team only, never published (or shamed) in the group.
     */
    minCoverage: z.number().min(0).max(1).default(0.8),
  })
  .prefault({});

/** Formal notices (issue 18 §4): 《催办通知书》 for 书面督办, 《督办函》 for 提请督办, as Word files. */
export const noticesSchema = z
  .object({
    /** The issuing office, the document's heading and signature (e.g. 示范区12345热线工作专班). */
    office: z.string().min(1).max(40).default('12345热线工作专班'),
    /** The number's prefix: 督〔2026〕1号. */
    numberPrefix: z.string().min(1).max(8).default('督'),
    /** Working days the unit has to answer a notice in writing. */
    answerWorkdays: z.number().int().min(1).max(20).default(2),
    /**
     * 抄送: the leader in charge of a unit's field, by unit id or by the unit's `field`; the first rule that
     * names the unit (else its field) wins; a unit no rule names is copied to every leader.
     */
    cc: z
      .array(
        z.object({
          leader: z.string().min(1),
          units: z.array(z.string().min(1)).default([]),
          fields: z.array(z.string().min(1)).default([]),
        }),
      )
      .default([]),
  })
  .prefault({});

export const districtSchema = z
  .object({
    district: z.string().min(1),
    timezone: z.string().default('Asia/Shanghai'),
    /** `botName`: the name people @ the bot by in the group, for the texts that say so (default 督办助手). */
    group: z.object({ topic: z.string().min(1), id: z.string().optional(), botName: z.string().min(1).optional() }),
    units: z.array(unitSchema).min(1),
    people: z.array(personSchema).min(1),
    routines: routinesSchema,
    reports: reportsSchema,
    ranking: rankingSchema,
    outbox: outboxSchema,
    quietHours: quietHoursSchema,
    calendar: calendarSchema,
    dispatch: dispatchSchema,
    dual: dualSchema,
    inbound: z.object({ maxAgeSeconds: z.number().int().min(0).default(600) }).prefault({}),
    tickets: ticketsSchema,
    clusters: clustersSchema,
    visits: visitsSchema,
    console: consoleSchema,
    limits: limitsSchema,
    notices: noticesSchema,
    hotspots: hotspotsSchema,
    campaign: campaignSchema,
  })
  .superRefine((d, ctx) => {
    const unitIds = new Map<string, number>();
    d.units.forEach((u, i) => {
      if (unitIds.has(u.id)) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `duplicate unit id "${u.id}"` });
      }
      unitIds.set(u.id, i);
    });
    const aliasOwner = new Map<string, string>();
    d.units.forEach((u, i) => {
      const names = [u.name, ...u.aliases];
      names.forEach((a, j) => {
        const owner = aliasOwner.get(a);
        if (owner !== undefined && owner !== u.id) {
          ctx.addIssue({
            code: 'custom',
            path: j === 0 ? ['units', i, 'name'] : ['units', i, 'aliases', j - 1],
            message: `name or alias "${a}" resolves to two units ("${owner}" and "${u.id}")`,
          });
        }
        aliasOwner.set(a, u.id);
      });
    });
    d.notices.cc.forEach((r, i) => {
      r.units.forEach((u, j) => {
        if (!unitIds.has(u))
          ctx.addIssue({ code: 'custom', path: ['notices', 'cc', i, 'units', j], message: `unknown unit id "${u}"` });
      });
      const p = d.people.find((x) => x.id === r.leader);
      if (p === undefined || !p.roles.includes('leader'))
        ctx.addIssue({
          code: 'custom',
          path: ['notices', 'cc', i, 'leader'],
          message: `"${r.leader}" is not a leader`,
        });
    });
    d.campaign.items.forEach((it, i) => {
      const lead = d.units.find((u) => u.id === it.lead);
      if (lead === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['campaign', 'items', i, 'lead'],
          message: `unknown unit id "${it.lead}"`,
        });
      else if (it.field === undefined && lead.field === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['campaign', 'items', i, 'field'],
          message: `no field: unit "${lead.id}" has none, give the item its field`,
        });
    });
    const personIds = new Set<string>();
    d.people.forEach((p, i) => {
      if (personIds.has(p.id)) {
        ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], message: `duplicate person id "${p.id}"` });
      }
      personIds.add(p.id);
      if (p.unit !== undefined && !unitIds.has(p.unit)) {
        ctx.addIssue({ code: 'custom', path: ['people', i, 'unit'], message: `unknown unit id "${p.unit}"` });
      }
      const needsUnit = p.roles.some((r) => r === 'head' || r === 'liaison');
      if (needsUnit && p.unit === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['people', i, 'unit'],
          message: `person "${p.id}" is a ${p.roles.join('/')} but has no unit`,
        });
      }
    });
  });

export type DistrictConfig = z.infer<typeof districtSchema>;
