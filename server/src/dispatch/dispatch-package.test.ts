import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readDispatchLauncher } from './dispatch-package.js';

describe('readDispatchLauncher', () => {
  it('reads the launcher the web build wrote, and says how to build it when it is missing', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'courier-web-dist-'));
    try {
      await assert.rejects(readDispatchLauncher(dist), /not built .*npm run build -w web/);
      await mkdir(path.join(dist, 'dispatch-launcher'));
      await writeFile(
        path.join(dist, 'dispatch-launcher/courier-launcher.js'),
        '(function(){})();',
      );
      // A failed read is not remembered: once built, the launcher is found.
      assert.equal((await readDispatchLauncher(dist)).toString(), '(function(){})();');
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });
});
