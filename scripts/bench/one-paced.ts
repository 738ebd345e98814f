/**
 * `npm run bench:paced`: the 18:00–18:40 evening through the outbox under 20 messages a minute,
 * with and without combining confirmations (the rows `npm run bench` prints; see paced.ts).
 */
import { join } from 'node:path';
import { loadDistrictFile } from '../../src/config/load.js';
import { pacedEvening, pacedRows } from './paced.js';

const config = loadDistrictFile(join(import.meta.dirname, '../../config/district.example.yaml'));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const withC = await pacedEvening(config, redisUrl, true);
const without = await pacedEvening(config, redisUrl, false);
if (process.env.TIMELINE)
  for (const r of [withC, without]) {
    console.log(r.coalesce ? 'with combining:' : 'without combining:');
    for (const t of r.timeline)
      console.log(`  ${t.due} queued ${t.queued} taken ${t.taken} sent ${t.sent}  ${t.purpose}`);
  }
for (const [what, value, target] of pacedRows(withC, without))
  console.log(`${what}: ${value}${target ? `   (target ${target})` : ''}`);
process.exit(0);
