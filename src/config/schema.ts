import { z } from 'zod';

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

export const districtSchema = z
  .object({
    district: z.string().min(1),
    timezone: z.string().default('Asia/Shanghai'),
    group: z.object({ topic: z.string().min(1), id: z.string().optional() }),
    units: z.array(unitSchema).min(1),
    people: z.array(personSchema).min(1),
    routines: routinesSchema,
    outbox: outboxSchema,
    quietHours: quietHoursSchema,
    calendar: calendarSchema,
    inbound: z
      .object({ maxAgeSeconds: z.number().int().min(0).default(600) })
      .prefault({}),
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
