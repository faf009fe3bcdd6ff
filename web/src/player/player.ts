import type { CommitAck, RuntimeCommit } from './commit-queue.js';
import { FlatNavigation } from './flat-navigation.js';
import type { LaunchParams } from './launch-params.js';
import { relayToLauncher } from './launcher-relay.js';
import { saveSequencingState, type PlayerItem, type PlayerSession } from './player-api.js';
import { renderFlatMenu, renderSequencedMenu } from './player-menu.js';
import {
  bindControls,
  blankFrame,
  isCourseDone,
  showCourseDone,
  showCourseDoneSaved,
  showCourseTitle,
  showInFrame,
  showLeftContent,
  showLeftCourse,
  showSequencingNote,
  unloadFrame,
} from './player-view.js';
import { ProgressSync } from './progress-sync.js';
import { ScoRuntime } from './sco-runtime.js';
import { Sequencer, type Outcome } from './sequencer.js';
import { SequencingStateSaver } from './sequencing-state-saver.js';
import { safeStorage } from './safe-storage.js';
import { SharedData } from './shared-data.js';

/**
 * The learner's player: hosts each item in an iframe with the SCORM API beside it (ScoRuntime),
 * keeps every commit until the server has it (ProgressSync), goes where the course's navigation
 * allows (FlatNavigation, or the Sequencer for sequenced 2004 courses), and inside a dispatch
 * package relays results to the host LMS's launcher. The page itself is player-view's.
 */
export class Player {
  private readonly sync: ProgressSync;
  private runtime: ScoRuntime | null = null;
  private current: PlayerItem | null = null;
  private readonly items: PlayerItem[];
  private readonly flat: FlatNavigation;
  private readonly shared = new SharedData();
  private courseComplete = false;
  /** The course ended (content finished, course done): the SCO is gone, nothing opens again. */
  private ended = false;
  /** SCORM 2004 with a sequencing definition: scorm-again's engine decides what opens when. */
  private readonly sequencer: Sequencer | null;
  /** Keeps the engine's state on the server, for the next launch on any device. */
  private readonly stateSaver: SequencingStateSaver | null;

  constructor(
    private readonly session: PlayerSession,
    private readonly params: LaunchParams,
  ) {
    this.items = session.items;
    this.flat = new FlatNavigation(this.items);
    this.sequencer =
      session.scormVersion === 'SCORM_2004' && session.sequencing
        ? new Sequencer(
            session.sequencing,
            session.sequencingState ? JSON.stringify(session.sequencingState) : null,
          )
        : null;
    this.sync = new ProgressSync(session, params, {
      onState: (state) => {
        if (this.ended) showCourseDoneSaved(state === 'saved');
      },
      onAck: (commit, ack) => {
        this.relay(commit, ack);
        if (commit.finished && ack.registration && isCourseDone(ack.registration.status))
          this.endCourse(ack.registration.status);
      },
      beforeLeave: () => this.runtime?.commitOnLeave(),
    });
    this.stateSaver = this.sequencer
      ? new SequencingStateSaver(session.attemptId, {
          store: safeStorage('sessionStorage'),
          send: saveSequencingState,
          token: () => this.sync.currentToken(),
        })
      : null;
  }

  run(): void {
    showCourseTitle(this.session.courseTitle);
    this.renderMenu();
    this.sync.start();
    // Much content commits only when it finishes (golf's Run-time Basic Calls, many authoring
    // tools): what it set goes out on this clock, so the admin sees the learner move.
    setInterval(() => this.runtime?.commitUnsaved(), this.session.autocommitSeconds * 1000);
    bindControls({
      previous: () => this.step(-1),
      next: () => this.step(1),
      exit: () => void this.sequence('exit'),
      exitAll: () => void this.sequence('exitAll'),
      suspendAll: () => void this.sequence('suspendAll'),
    });
    (window as unknown as { courierPlayer: unknown }).courierPlayer = {
      flush: () => {
        this.runtime?.commitUnsaved();
        return this.sync.flush();
      },
      pending: () => this.sync.pending(),
    };
    if (this.params.relay && window.parent !== window)
      window.parent.postMessage({ type: 'courier:ready' }, this.params.relay);
    if (this.sequencer) this.apply(this.sequencer.start());
    else this.open(this.items.find((i) => i.id === this.session.startItemId) ?? this.items[0]!);
  }

  /**
   * A navigation request of a sequenced course (a button, the menu, or the content's own as it
   * ended): the content leaves first, so what its unload handler reports reaches the engine's
   * End Attempt, then the engine says what opens next.
   */
  private async sequence(request: string, target?: string): Promise<void> {
    if (!this.sequencer || this.ended) return;
    showSequencingNote(null);
    await this.unloadContent(request === 'suspendAll' ? { 'cmi.exit': 'suspend' } : {});
    this.apply(this.sequencer.request(request, target));
  }

  /** Blanks the frame, waits until the content's unload handlers have run, ends the attempt. */
  private async unloadContent(extra: Record<string, string>): Promise<void> {
    const runtime = this.runtime;
    if (!runtime) return;
    await unloadFrame();
    runtime.end(extra);
    if (this.runtime === runtime) this.runtime = null;
  }

  private apply(outcome: Outcome): void {
    // Every outcome may have changed what the next session needs: attempts, statuses, the suspension.
    if (this.sequencer) this.stateSaver?.save(this.sequencer.snapshot());
    switch (outcome.kind) {
      case 'deliver': {
        const item = this.items.find((i) => i.id === outcome.activityId);
        if (item) this.open(item);
        return;
      }
      case 'ended':
        return this.leaveSequencedCourse(outcome.suspended);
      case 'refused':
        showSequencingNote('The course’s rules do not allow that now.');
        break;
      case 'waiting':
        this.current = null;
        showSequencingNote('Choose where to go next.');
        break;
    }
    this.renderMenu();
  }

  /** Sequencing ended the session (Exit course, Suspend, or the end of the course's flow). */
  private leaveSequencedCourse(suspended: boolean): void {
    this.runtime?.close();
    this.runtime = null;
    this.current = null;
    blankFrame();
    if (this.ended) return;
    showLeftCourse(suspended, this.stateSaver?.flush() ?? Promise.resolve(true));
  }

  /** The content finished and the course is done: say so, with the result, and close the SCO. */
  private endCourse(status: string): void {
    if (this.ended) return;
    this.ended = true;
    this.runtime?.close();
    this.runtime = null;
    blankFrame();
    showCourseDone(status, this.sync.pending() === 0);
  }

  private renderMenu(): void {
    if (this.sequencer)
      return renderSequencedMenu(
        this.sequencer,
        this.runtime !== null,
        (id) => void this.sequence('choice', id),
      );
    renderFlatMenu(this.flat, this.current, (item) => this.open(item));
  }

  private step(delta: number): void {
    if (this.sequencer) return void this.sequence(delta < 0 ? 'previous' : 'continue');
    const next = this.flat.resolve(delta < 0 ? 'previous' : 'continue', this.current);
    if (next?.kind === 'open') this.open(next.item);
  }

  /** Leaves the current item properly (its last values committed), then starts `item`. */
  private open(item: PlayerItem): void {
    if (this.runtime) {
      blankFrame();
      this.runtime.close();
    }
    this.current = item;
    const sessionId = crypto.randomUUID();
    const init = this.shared.initFor(item);
    this.sequencer?.open(init);
    const sequencer = this.sequencer;
    // The content being left still talks to its own runtime from its unload handler, after the
    // next item has opened (eXeLearning completes, commits and finishes there): what it says
    // belongs to its own item and session, and its navigation request no longer steers.
    const runtime = new ScoRuntime(
      this.session.scormVersion,
      init,
      {
        commit: (values, finished) => this.enqueue(item, sessionId, values, finished),
        navigate: (request) => {
          if (this.runtime === runtime) this.navigate(request);
        },
        set: (element, value) => {
          if (this.runtime === runtime) sequencer?.mirror(element, value);
        },
      },
      sequencer
        ? () => ({
            itemIds: this.items.map((i) => i.id),
            choiceIds: this.items.filter((i) => sequencer.canChoose(i.id)).map((i) => i.id),
            canContinue: sequencer.canContinue(),
            canGoBack: sequencer.canGoBack(),
          })
        : this.flat.facts(item),
    );
    runtime.install(window as never);
    this.runtime = runtime;
    showInFrame(item.launchUrl, item.title);
    // An asset never talks to the API, and opening it is what completes it: say it was opened.
    if (item.scormType === 'asset') this.enqueue(item, sessionId, {}, false);
    this.renderMenu();
  }

  /** The content's own navigation request, made as it ended: acted on once it has gone. */
  private navigate(request: string): void {
    if (this.sequencer) {
      const choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
      setTimeout(
        () => void (choice ? this.sequence(choice[2]!, choice[1]) : this.sequence(request)),
      );
      return;
    }
    const next = this.flat.resolve(request, this.current);
    if (next?.kind === 'open') setTimeout(() => this.open(next.item));
    else if (next?.kind === 'leave') showLeftContent();
  }

  private enqueue(
    item: PlayerItem,
    sessionId: string,
    values: Record<string, string>,
    finished: boolean,
  ): void {
    this.shared.record(item, values);
    this.sync.enqueue(item, sessionId, values, finished);
  }

  /** Marks items done as the server acknowledges them, and tells a dispatch launcher. */
  private relay(commit: RuntimeCommit, ack: CommitAck): void {
    const item = this.items.find((i) => i.id === commit.scoId);
    if (item && ack.registration) {
      const done = ['COMPLETED', 'PASSED', 'FAILED'].includes(ack.registration.status);
      this.courseComplete = done;
      const scoDone =
        item.scormType === 'asset' ||
        /completed|passed|failed/.test(
          commit.cmi['cmi.core.lesson_status'] ?? commit.cmi['cmi.completion_status'] ?? '',
        );
      if (scoDone && !item.completed) {
        item.completed = true;
        this.renderMenu();
      }
    }
    const relayTo = this.params.relay;
    if (!relayTo || window.parent === window || !this.runtime) return;
    relayToLauncher(relayTo, this.runtime, commit, ack, this.courseComplete);
  }
}
