import { join } from 'node:path';
import pino from 'pino';
import { loadDistrictFile } from '../src/config/load.js';
import type { DistrictConfig } from '../src/config/schema.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The suite's own copies of the shared samples (roster, labelled reports and dispatches). */
export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const ROSTER_PATH = join(FIXTURES, 'roster.json');
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

/** mulberry32: a small seeded generator, so that a fuzz failure reproduces from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A message's text without the 三色督办 mark it may open with (【蓝色提醒】 / 【黄色预警】 / 【红色督办】). */
export function unmarked(text: string): string {
  return text.replace(/^(?:@\S+\s+)*【(?:蓝色提醒|黄色预警|红色督办)】/, (m) => m.replace(/【[^】]+】$/, ''));
}
