export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('import-tickets: 尚未实现 / not implemented yet (issue 4)\n');
  return 2;
}
