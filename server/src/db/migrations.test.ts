import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

describe('migrations', () => {
  let courier: TestCourier;
  before(async () => {
    courier = await startTestCourier();
  });
  after(async () => {
    await courier.stop();
  });

  it('leave the database exactly as the entities describe it', async () => {
    const diff = await courier.services.orm.schema.getUpdateSchemaSQL({ wrap: false });
    assert.equal(diff.trim(), '', `entities and migrations disagree; add a migration:\n${diff}`);
  });

  it('are recorded, so a restart applies nothing twice', async () => {
    const pending = await courier.services.orm.getMigrator().getPendingMigrations();
    assert.deepEqual(pending, []);
  });
});
