import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildCourierSchema } from '../schema.js';

describe('schema.graphql', () => {
  it('matches the schema the server builds (run `npm run schema` when this fails)', async () => {
    const built = printSchema(lexicographicSortSchema(await buildCourierSchema())) + '\n';
    const file = await readFile(new URL('../../../schema.graphql', import.meta.url), 'utf8');
    assert.equal(file, built);
  });
});
