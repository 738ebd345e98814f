/** Shared setup for the dispatch-parser tests (not a test file itself). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDistrictFile } from '../src/config/load.js';
import { WorkCalendar } from '../src/domain/calendar.js';
import { type DispatchParse, parseDispatch } from '../src/domain/dispatch/parse.js';
import { Roster } from '../src/domain/roster.js';

export const ROSTER_PATH = join(import.meta.dirname, 'fixtures/roster.json');
export const FIXTURES_PATH = join(import.meta.dirname, 'fixtures/dispatches.sample.jsonl');

const config = loadDistrictFile(ROSTER_PATH);
export const roster = Roster.fromConfig(config);
export const calendar = new WorkCalendar(config.calendar);

export interface Labelled {
  input: { id: string; text: string; sentAt: string; from?: string; mentions?: string[] };
  expect: { isDispatch: boolean; targets?: string[]; deadline?: string | null; urgent?: boolean };
}

export function fixtures(): Labelled[] {
  return readFileSync(FIXTURES_PATH, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Labelled);
}

export function parse(text: string, sentAt: string, mentions: string[] = [], from = 'wxid_leader_li'): DispatchParse {
  return parseDispatch({ text, sentAt, from, mentions }, roster, calendar);
}

/** Same instant (or both null). */
export function sameInstant(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return a == null && b == null;
  return Date.parse(a) === Date.parse(b);
}
