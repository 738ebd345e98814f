import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { z } from 'zod';
import { invalidConfigText, malformedConfigText, unreadableConfigText } from '../domain/texts/system.js';
import { type DistrictConfig, districtSchema } from './schema.js';

/** A config error whose message names the file and the bad key, in zh-CN and English. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`);
}

/** Validates an already-parsed district object. */
export function parseDistrict(raw: unknown, source = 'config'): DistrictConfig {
  const result = districtSchema.safeParse(raw);
  if (!result.success) {
    const issues = formatIssues(result.error);
    throw new ConfigError(invalidConfigText(source, issues), issues);
  }
  return result.data;
}

/** Reads a district file (.json, .yaml or .yml) and validates it. */
export function loadDistrictFile(path: string): DistrictConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(unreadableConfigText(path, (err as Error).message));
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(path) ? YAML.parse(text) : JSON.parse(text);
  } catch (err) {
    throw new ConfigError(malformedConfigText(path, /\.ya?ml$/i.test(path) ? 'YAML' : 'JSON', (err as Error).message));
  }
  return parseDistrict(raw, path);
}
