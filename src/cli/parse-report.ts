/**
 * `npm run -s cli -- parse-report --roster <file> < in.jsonl > out.jsonl`
 * One output line per input line, `id` copied; a malformed line gives {"id", "error"}.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadDistrictFile } from '../config/load.js';
import { type CampaignItem, campaignItems } from '../domain/campaign/items.js';
import { campaignOfMessage } from '../domain/campaign/report.js';
import { parseReport } from '../domain/report/parse.js';
import { Roster } from '../domain/roster.js';
import { readOption } from '../lib/args.js';
import { mapJsonLines } from './jsonl.js';

const DEFAULT_ROSTER = '../shared/fixtures/roster.json';

type Id = string | number | null;

function idOf(obj: unknown): Id {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return null;
  const id = (obj as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** The district file's 百日攻坚 items (none in the shared roster): a report's campaign part is read for them. */
export interface CampaignSetup {
  items: readonly CampaignItem[];
  name: string;
}

/**
 * Validates one input object; returns the parse or an error line. With campaign items, a lead unit's report
 * whose campaign part gives figures also gets `campaign` (after the contract's fields, which never change).
 */
export function handleReportLine(
  obj: unknown,
  roster: Roster,
  tz?: string,
  campaign?: CampaignSetup,
): Record<string, unknown> {
  const id = idOf(obj);
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    return { id, error: 'input line is not a JSON object' };
  const o = obj as Record<string, unknown>;
  if (typeof o.text !== 'string') return { id, error: 'missing or invalid "text" (expected a string)' };
  if (typeof o.sentAt !== 'string' || o.sentAt.trim() === '' || Number.isNaN(Date.parse(o.sentAt))) {
    return { id, error: 'missing or invalid "sentAt" (expected an ISO 8601 time)' };
  }
  if (o.from !== undefined && o.from !== null && typeof o.from !== 'string')
    return { id, error: 'invalid "from" (expected a string)' };
  const from = typeof o.from === 'string' ? o.from : undefined;
  const parsed = parseReport({ text: o.text, sentAt: o.sentAt, ...(from !== undefined ? { from } : {}) }, roster, tz);
  const c =
    campaign === undefined ? null : campaignOfMessage(o.text, parsed.unit, from, roster, campaign.items, campaign.name);
  if (c === null) return { id, ...parsed };
  const byId = new Map(campaign?.items.map((i) => [i.id, i]));
  const items = c.items.map((p) => {
    const it = byId.get(p.item);
    return { item: p.item, name: it?.name ?? p.item, today: p.today, cumulative: p.cumulative, measure: it?.measure };
  });
  return { id, ...parsed, campaign: { items } };
}

export async function run(argv: string[]): Promise<number> {
  const rosterPath = readOption(argv, 'roster') ?? (existsSync(DEFAULT_ROSTER) ? DEFAULT_ROSTER : undefined);
  if (rosterPath === undefined) {
    process.stderr.write(
      'usage: npm run -s cli -- parse-report --roster <roster.json|district.yaml> < in.jsonl > out.jsonl\n',
    );
    return 2;
  }
  let roster: Roster;
  let tz: string | undefined;
  let campaign: CampaignSetup | undefined;
  try {
    const district = loadDistrictFile(resolve(rosterPath));
    roster = Roster.fromConfig(district);
    tz = (district as { timezone?: string }).timezone;
    const items = campaignItems(district.campaign, district.units);
    if (items.length > 0) campaign = { items, name: district.campaign.name };
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  await mapJsonLines(process.stdin, (obj) => handleReportLine(obj, roster, tz, campaign));
  return 0;
}
