/** Texts about the bot itself (errors, start-up), zh-CN; operator texts carry an English line too. */

/** Answer to a message a handler failed on (the record is kept). */
export const HANDLER_ERROR_TEXT = '抱歉，这条消息暂时未能处理，已记录在案，工作人员会尽快核查。';

/** Printed when Redis cannot be reached at start. */
export const REDIS_MISSING_HELP = [
  '无法连接 Redis。督办机器人需要 Redis 来排队收发消息。请先启动 Redis：',
  '  docker compose up -d redis        （使用本仓库的 compose 文件）',
  '  或 sudo apt-get install -y redis-server && sudo service redis-server start   （Debian/Ubuntu）',
  '然后重新运行。如 Redis 不在本机，请设置 REDIS_URL。',
  '',
  'Cannot reach Redis. The bot needs Redis for its message queues. Start one:',
  "  docker compose up -d redis        (with this repo's compose file)",
  '  or sudo apt-get install -y redis-server && sudo service redis-server start   (Debian/Ubuntu)',
  'then run again. If Redis is elsewhere, set REDIS_URL.',
].join('\n');

/** The environment variables failed their checks (the issues, one a line). */
export function invalidEnvText(issues: readonly string[]): string {
  return `环境变量有误 / invalid environment:\n  ${issues.join('\n  ')}`;
}

/** The district file failed its checks (the issues, one a line). */
export function invalidConfigText(source: string, issues: readonly string[]): string {
  return `配置文件有误 / invalid district config (${source}):\n  ${issues.join('\n  ')}`;
}

/** The district file could not be read. */
export function unreadableConfigText(path: string, error: string): string {
  return `无法读取配置文件 / cannot read config file ${path}: ${error}`;
}

/** The district file is not valid YAML or JSON. */
export function malformedConfigText(path: string, format: 'YAML' | 'JSON', error: string): string {
  return `配置文件格式错误 / config file ${path} is not valid ${format}: ${error}`;
}
