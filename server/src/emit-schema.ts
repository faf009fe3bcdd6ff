import { readFile, writeFile } from 'node:fs/promises';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildCourierSchema } from './schema.js';

/**
 * Writes schema.graphql (sorted) from the code; with --check, fails when the file is stale.
 * The web's codegen reads that file, so it must always match what the server serves.
 */
async function main(): Promise<void> {
  const file = new URL('../../schema.graphql', import.meta.url);
  const sdl = printSchema(lexicographicSortSchema(await buildCourierSchema())) + '\n';
  if (process.argv.includes('--check')) {
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current !== sdl) {
      console.error('schema.graphql is stale: run `npm run schema` and commit it');
      process.exit(1);
    }
    console.log('schema.graphql is up to date');
    return;
  }
  await writeFile(file, sdl);
  console.log('wrote schema.graphql');
}

await main();
