/** `cli simulate`: the terminal simulator (the same as `npm start` without a chat token). */
export async function run(_argv: string[]): Promise<number> {
  process.env.SIMULATOR = 'true';
  await import('../server.js');
  return new Promise<number>(() => undefined);
}
