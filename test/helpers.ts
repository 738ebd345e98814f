import { join } from 'node:path';
import pino from 'pino';
import { loadDistrictFile } from '../src/config/load.js';
import type { DistrictConfig } from '../src/config/schema.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SHARED = join(import.meta.dirname, '../../shared');
export const ROSTER_PATH = join(SHARED, 'fixtures/roster.json');
export const REPO = join(import.meta.dirname, '..');

export function rosterConfig(overrides: Partial<DistrictConfig> = {}): DistrictConfig {
  return { ...loadDistrictFile(ROSTER_PATH), ...overrides };
}

/** Logs go nowhere unless TEST_LOG is set. */
export function testLogger(): pino.Logger {
  return pino({ level: process.env.TEST_LOG ?? 'silent' });
}

export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 10_000, stepMs = 20): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
