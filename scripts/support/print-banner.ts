export type BannerRow = { part: string; where: string; mode: string };

/** The start-up banner: what runs where, and which parts are embedded. */
export function printBanner(title: string, rows: BannerRow[]): void {
  const partWidth = Math.max(...rows.map((row) => row.part.length));
  const whereWidth = Math.max(...rows.map((row) => row.where.length));
  const line = '─'.repeat(partWidth + whereWidth + 30);
  console.log(`\n${title}\n${line}`);
  for (const row of rows)
    console.log(`  ${row.part.padEnd(partWidth)}  ${row.where.padEnd(whereWidth)}  ${row.mode}`);
  console.log(`${line}\n`);
}
