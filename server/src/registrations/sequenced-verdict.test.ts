import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  commit,
  importOk,
  registerAndLaunch,
  type LaunchInfo,
} from '@courier/tests/support/api.js';
import { forcedSequentialPackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

describe('a sequenced SCORM 2004 course is judged by its rollup, through the real server', () => {
  let courier: TestCourier;
  let token: string;
  let courseId: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
    courseId = await importOk(courier, token, await forcedSequentialPackage());
  });
  after(async () => {
    await courier.stop();
  });

  /** Commits one item's values in order; returns the registration as the commit answered. */
  async function send(
    launch: LaunchInfo,
    seq: number,
    scoId: string,
    cmi: Record<string, string>,
    finished = false,
  ) {
    const res = await commit(courier, launch, seq, cmi, { scoId, finished });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!.commitRuntime.registration as {
      status: string;
      score: { scaled: number | null; raw: number | null } | null;
      completedAt: string | null;
    };
  }

  /** Plays the three content SCOs as golf's pages do: each reports completed and passed, then ends. */
  async function playContent(launch: LaunchInfo) {
    let seq = 0;
    for (const item of ['playing_item', 'etiquette_item', 'handicapping_item']) {
      const r = await send(
        launch,
        ++seq,
        item,
        {
          'cmi.completion_status': 'completed',
          'cmi.success_status': 'passed',
          'cmi.exit': 'normal',
        },
        true,
      );
      assert.equal(r.status, 'IN_PROGRESS', `after ${item} the quiz is still to come`);
    }
    // The quiz page reports completed as soon as it opens, before any answer.
    const opened = await send(launch, ++seq, 'assessment_item', {
      'cmi.completion_status': 'completed',
    });
    assert.equal(
      opened.status,
      'COMPLETED',
      'completed, not yet satisfied: no verdict before the quiz',
    );
    assert.notEqual(opened.completedAt, null);
    return { seq, completedAt: opened.completedAt };
  }

  it('is FAILED after the only quiz is failed, though every content SCO passed and the quiz said completed', async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'fails-quiz' });
    const { seq, completedAt } = await playContent(launch);
    const judged = await send(
      launch,
      seq + 1,
      'assessment_item',
      {
        'cmi.success_status': 'failed',
        'cmi.score.scaled': '0.4',
        'cmi.score.raw': '40',
        'cmi.exit': 'normal',
      },
      true,
    );
    assert.equal(judged.status, 'FAILED');
    assert.equal(judged.score?.scaled, 0.4, 'the quiz alone weighs in the course measure');
    assert.equal(judged.completedAt, completedAt, 'completedAt keeps the first completion');
  });

  it('is PASSED after a passing quiz', async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'passes-quiz' });
    const { seq } = await playContent(launch);
    const judged = await send(
      launch,
      seq + 1,
      'assessment_item',
      { 'cmi.success_status': 'passed', 'cmi.score.scaled': '0.9', 'cmi.exit': 'normal' },
      true,
    );
    assert.equal(judged.status, 'PASSED');
    assert.equal(judged.score?.scaled, 0.9);
  });

  it('gives no verdict to a quiz passed while the content before it is untouched', async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'skips-ahead' });
    const r = await send(
      launch,
      1,
      'assessment_item',
      {
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'passed',
        'cmi.exit': 'normal',
      },
      true,
    );
    assert.equal(r.status, 'IN_PROGRESS', 'satisfied needs every contributing activity satisfied');
  });

  it('imports the whitespace-padded identifiers collapsed, and keeps the sequencing definition', async () => {
    const rows: Array<{
      items: Array<{ identifier: string }>;
      sequencing: {
        root: {
          id: string;
          children: Array<{
            id: string;
            sequencingIdRef: string | null;
            sequencingControls: { objectiveMeasureWeight: number };
          }>;
        };
      };
    }> = await courier.services.orm.em
      .fork()
      .execute('SELECT items, sequencing FROM courses WHERE id = ?', [courseId]);
    const [row] = rows;
    assert.equal(row!.items[0]!.identifier, 'playing_item');
    const children = row!.sequencing.root.children;
    assert.deepEqual(
      children.map((c) => [c.id, c.sequencingIdRef, c.sequencingControls.objectiveMeasureWeight]),
      [
        ['playing_item', 'content_seq_rules', 0],
        ['etiquette_item', 'content_seq_rules', 0],
        ['handicapping_item', 'content_seq_rules', 0],
        ['assessment_item', null, 1],
      ],
    );
  });
});
