/**
 * `npm run -s cli -- parse-dispatch --roster <file> < in.jsonl > out.jsonl`
 *
 * One JSON line out per input line, same order, `id` copied through. A malformed line gives
 * {"id": <id or null>, "error": "<reason>"} and the run goes on. Only JSON Lines on stdout.
 */
import { loadDistrictFile } from '../config/load.js';
import { WorkCalendar } from '../domain/calendar.js';
import { normalizeSentAt } from '../domain/dispatch/deadline.js';
import { parseDispatch } from '../domain/dispatch/parse.js';
import { Roster } from '../domain/roster.js';
import { readOption } from '../lib/args.js';
import { mapJsonLines } from './jsonl.js';

type Id = string | number | null;

function idOf(obj: Record<string, unknown>): Id {
  const id = obj.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** Checks one input object and parses it, or says what is wrong with it. */
export function handleDispatchLine(
  obj: unknown,
  roster: Roster,
  calendar: WorkCalendar,
  tz: string,
): Record<string, unknown> {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    return { id: null, error: 'input line is not a JSON object' };
  const o = obj as Record<string, unknown>;
  const id = idOf(o);
  if (typeof o.text !== 'string') return { id, error: 'missing or invalid "text" (expected a string)' };
  if (typeof o.sentAt !== 'string')
    return { id, error: 'missing or invalid "sentAt" (expected an ISO 8601 date-time)' };
  const sentAt = normalizeSentAt(o.sentAt, tz);
  if (sentAt === null)
    return { id, error: `invalid "sentAt": ${JSON.stringify(o.sentAt).slice(0, 60)} is not an ISO 8601 date-time` };
  let mentions: string[] = [];
  if (o.mentions !== undefined && o.mentions !== null) {
    if (!Array.isArray(o.mentions) || !o.mentions.every((m) => typeof m === 'string')) {
      return { id, error: 'invalid "mentions" (expected an array of contact id strings)' };
    }
    mentions = o.mentions as string[];
  }
  const from = typeof o.from === 'string' ? o.from : undefined;
  const r = parseDispatch({ text: o.text, sentAt, from, mentions }, roster, calendar, tz);
  return { id, isDispatch: r.isDispatch, targets: r.targets, deadline: r.deadline, urgent: r.urgent };
}

export async function run(argv: string[]): Promise<number> {
  const rosterPath = readOption(argv, 'roster');
  if (rosterPath === undefined) {
    process.stderr.write(
      'usage: npm run -s cli -- parse-dispatch --roster <roster.json|district.yaml> < in.jsonl > out.jsonl\n',
    );
    return 2;
  }
  let roster: Roster;
  let calendar: WorkCalendar;
  let tz: string;
  try {
    const config = loadDistrictFile(rosterPath);
    roster = Roster.fromConfig(config);
    calendar = new WorkCalendar(config.calendar);
    tz = config.timezone;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  await mapJsonLines(process.stdin, (obj) => handleDispatchLine(obj, roster, calendar, tz));
  return 0;
}
