/**
 * The group chat id the channel learned (from the first @-message in the group), kept in a small
 * JSON file beside the received files: channel state, not data (the store is SQL only).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface GroupState {
  groupChatId: string;
  learnedAt: string;
  botId: string;
}

/** The learned group chat id, or undefined (no file, or an unreadable one). */
export function readLearnedGroup(file: string): string | undefined {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<GroupState>;
    return typeof s.groupChatId === 'string' && s.groupChatId !== '' ? s.groupChatId : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the learned group chat id (written whole, then renamed: never half a file). */
export function saveLearnedGroup(file: string, groupChatId: string, botId: string, at: Date): void {
  mkdirSync(dirname(file), { recursive: true });
  const state: GroupState = { groupChatId, learnedAt: at.toISOString(), botId };
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}
