/** Every text writes a time as 12月1日16:00 (no space between the day and the time). */
import { describe, expect, it } from 'vitest';
import { formatAt, formatDeadline, formatShort } from '../src/domain/time.js';

const TZ = 'Asia/Shanghai';

describe('M月D日HH:MM everywhere', () => {
  it.each([
    ['2026-12-01T08:00:00Z', '12月1日16:00'],
    ['2026-11-30T01:05:00Z', '11月30日09:05'],
  ])('%s', (at, want) => {
    expect(formatShort(at, TZ)).toBe(want);
    expect(formatAt(at, TZ)).toBe(want);
    expect(formatDeadline(at, TZ)).toBe(want);
  });
  it('a deadline at midnight is the end of the day before, also without a space', () => {
    expect(formatDeadline('2026-12-02T16:00:00Z', TZ)).toBe('12月2日24:00');
    expect(formatDeadline('2026-12-02T10:00:00Z', TZ, { weekday: true })).toBe('12月2日（星期三）18:00');
  });
});
