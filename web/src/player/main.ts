import './player.css';
import {
  AuthError,
  beaconBodies,
  CommitQueue,
  type CommitAck,
  type RefusedCommit,
  type RuntimeCommit,
} from './commit-queue.js';
import {
  fetchPlayerSession,
  renewLaunch,
  reportRuntimeProblem,
  saveSequencingState,
  sendCommit,
  type PlayerItem,
  type PlayerSession,
} from './player-api.js';
import { safeStorage } from './safe-storage.js';
import { saveText } from './save-text.js';
import { ScoRuntime, type NavigationFacts } from './sco-runtime.js';
import { Sequencer, type MenuEntry, type Outcome } from './sequencer.js';
import { SequencingStateSaver } from './sequencing-state-saver.js';

/**
 * The learner's player: hosts each item in an iframe with the SCORM API beside it, keeps every
 * commit until the server has it, flushes with a beacon when the page goes away, and (inside a
 * dispatch package) relays results to the host LMS's launcher.
 */
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const session = safeStorage('sessionStorage');
const durable = safeStorage('localStorage');

interface LaunchParams {
  token: string;
  relay: string | null;
}

/** The token comes in the fragment (never sent to servers); keep it for reloads of this tab. */
function readLaunchParams(): LaunchParams | null {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (token) {
    const params = { token, relay: fragment.get('relay') };
    session.setItem('courier.launch', JSON.stringify(params));
    history.replaceState(null, '', location.pathname + location.search);
    return params;
  }
  const stored = session.getItem('courier.launch');
  return stored ? (JSON.parse(stored) as LaunchParams) : null;
}

function showError(message: string, relay: string | null): void {
  $('player-error').textContent = message;
  $('player-error').hidden = false;
  $('player-main').hidden = true;
  if (relay && window.parent !== window)
    window.parent.postMessage({ type: 'courier:error', message }, relay);
}

const DONE_TEXT: Record<string, string> = {
  COMPLETED: 'Completed',
  PASSED: 'Passed',
  FAILED: 'Failed',
};

async function start(): Promise<void> {
  const params = readLaunchParams();
  if (!params)
    return showError('This launch link has expired or is not valid. Ask for a new link.', null);
  let playerSession: PlayerSession;
  try {
    playerSession = await fetchPlayerSession(params.token);
  } catch (err) {
    const expired = err instanceof AuthError;
    return showError(
      expired
        ? 'This launch link has expired or is not valid. Ask for a new link.'
        : 'The course could not be loaded. Check your connection and reload the page.',
      params.relay,
    );
  }
  new Player(playerSession, params).run();
}

class Player {
  private readonly queue: CommitQueue;
  private runtime: ScoRuntime | null = null;
  private current: PlayerItem | null = null;
  private readonly items: PlayerItem[];
  private courseComplete = false;
  /** Set from pagehide until the page shows again: commits made meanwhile go out by beacon. */
  private leaving = false;
  /** 4th-edition shared data written in this session, by target id: the next SCO reads it. */
  private readonly sharedStores = new Map<string, string>();
  private savedAt: Date | null = null;
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
    this.sequencer =
      session.scormVersion === 'SCORM_2004' && session.sequencing
        ? new Sequencer(
            session.sequencing,
            session.sequencingState ? JSON.stringify(session.sequencingState) : null,
          )
        : null;
    this.stateSaver = this.sequencer
      ? new SequencingStateSaver(session.attemptId, {
          store: safeStorage('sessionStorage'),
          send: saveSequencingState,
          token: () => this.queue.currentToken(),
        })
      : null;
    this.queue = new CommitQueue(session.attemptId, params.token, {
      store: durable,
      send: sendCommit,
      renew: async (token) => {
        const renewed = await renewLaunch(token);
        if (renewed) this.persistToken(renewed.token);
        return renewed;
      },
      onState: (state, pending) => {
        const el = $('save-status');
        el.textContent = saveText(state, pending, this.savedAt);
        el.dataset['state'] = state;
        el.dataset['pending'] = String(pending);
        if (state === 'expired') this.showSessionEnded();
        if (this.ended) $('course-done-saved').hidden = state !== 'saved';
      },
      onAck: (commit, ack) => {
        this.savedAt = new Date();
        this.relay(commit, ack);
        if (commit.finished && ack.registration && DONE_TEXT[ack.registration.status])
          this.endCourse(ack.registration.status);
      },
      onRefused: (refused) => this.showRefused(refused),
      parkAfterMs: session.parkAfterSeconds * 1000,
    });
  }

  run(): void {
    document.title = this.session.courseTitle;
    $('course-title').textContent = this.session.courseTitle;
    this.renderMenu();
    this.scheduleRenewal(new Date(this.session.tokenExpiresAt));
    // Leftovers of an earlier page of this attempt go first, then those of earlier launches.
    void this.queue.flush();
    for (const attemptId of CommitQueue.leftoverAttempts(
      durable as Storage,
      this.session.attemptId,
    )) {
      void new CommitQueue(attemptId, '', {
        store: durable,
        send: sendCommit,
        renew: renewLaunch,
      }).flush();
    }
    window.addEventListener('pagehide', () => {
      this.leaving = true;
      this.flushOnExit();
    });
    window.addEventListener('pageshow', () => (this.leaving = false));
    // Much content commits only when it finishes (golf's Run-time Basic Calls, many authoring
    // tools): what it set goes out on this clock, so the admin sees the learner move.
    setInterval(() => this.runtime?.commitUnsaved(), this.session.autocommitSeconds * 1000);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.flushOnExit();
    });
    $('prev-item').addEventListener('click', () => this.step(-1));
    $('next-item').addEventListener('click', () => this.step(1));
    $('exit-item').addEventListener('click', () => void this.sequence('exit'));
    $('exit-all').addEventListener('click', () => void this.sequence('exitAll'));
    $('suspend-all').addEventListener('click', () => void this.sequence('suspendAll'));
    (window as unknown as { courierPlayer: unknown }).courierPlayer = {
      flush: () => {
        this.runtime?.commitUnsaved();
        return this.queue.flush();
      },
      pending: () => this.queue.pending().length,
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
    $('seq-note').hidden = true;
    await this.unloadContent(request === 'suspendAll' ? { 'cmi.exit': 'suspend' } : {});
    this.apply(this.sequencer.request(request, target));
  }

  /** Blanks the frame, waits until the content's unload handlers have run, ends the attempt. */
  private async unloadContent(extra: Record<string, string>): Promise<void> {
    const runtime = this.runtime;
    if (!runtime) return;
    const frame = $<HTMLIFrameElement>('player-frame');
    await new Promise<void>((resolve) => {
      frame.addEventListener('load', () => resolve(), { once: true });
      frame.src = 'about:blank';
    });
    runtime.end(extra);
    if (this.runtime === runtime) this.runtime = null;
  }

  private apply(outcome: Outcome): void {
    // Every outcome may have changed what the next session needs: attempts, statuses, the suspension.
    if (this.sequencer) this.stateSaver?.save(this.sequencer.snapshot());
    const note = $('seq-note');
    switch (outcome.kind) {
      case 'deliver': {
        const item = this.items.find((i) => i.id === outcome.activityId);
        if (item) this.open(item);
        return;
      }
      case 'ended':
        return this.leaveSequencedCourse(outcome.suspended);
      case 'refused':
        note.textContent = 'The course’s rules do not allow that now.';
        break;
      case 'waiting':
        this.current = null;
        note.textContent = 'Choose where to go next.';
        break;
    }
    note.hidden = false;
    this.renderMenu();
  }

  /** Sequencing ended the session (Exit course, Suspend, or the end of the course's flow). */
  private leaveSequencedCourse(suspended: boolean): void {
    this.runtime?.close();
    this.runtime = null;
    this.current = null;
    $<HTMLIFrameElement>('player-frame').src = 'about:blank';
    if (this.ended) return;
    $('player-body').hidden = true;
    const done = $('player-done');
    done.hidden = false;
    if (!suspended) {
      done.textContent = 'You have left the course. You can close this window.';
      return;
    }
    done.textContent = 'Keeping your place…';
    void (this.stateSaver?.flush() ?? Promise.resolve(true)).then((kept) => {
      done.textContent = kept
        ? 'Your place is kept: open the course again to go on from here. You can close this window.'
        : 'Your place could not be saved, so the course will open at its start next time. Check your connection.';
      done.dataset['state'] = kept ? 'kept' : 'unsaved';
    });
  }

  private persistToken(token: string): void {
    session.setItem('courier.launch', JSON.stringify({ ...this.params, token }));
  }

  private scheduleRenewal(expiresAt: Date): void {
    const half = Math.max(10_000, (expiresAt.getTime() - Date.now()) / 2);
    setTimeout(async () => {
      let renewed: Awaited<ReturnType<typeof renewLaunch>>;
      try {
        renewed = await renewLaunch(this.queue.currentToken());
      } catch {
        // Unreachable is not refused: try again in a minute.
        return this.scheduleRenewal(new Date(Date.now() + 120_000));
      }
      if (!renewed) return this.showSessionEnded();
      this.queue.setToken(renewed.token);
      this.persistToken(renewed.token);
      this.scheduleRenewal(new Date(renewed.expiresAt));
    }, half);
  }

  /** The launch token was refused and cannot be renewed: nothing more will be saved. */
  private showSessionEnded(): void {
    const el = $('session-ended');
    el.textContent =
      'This session can no longer be renewed, so what you do from now on is not saved. Reopen the course from its link to go on.';
    el.hidden = false;
  }

  /** A commit the server refused for its data was set aside: say so, report it, go on. */
  private showRefused(refused: RefusedCommit): void {
    const el = $('data-problem');
    el.textContent = `Part of your progress could not be saved: the course sent data the server refused${
      refused.element ? ` (${refused.element})` : ''
    }. The rest of your progress is still being saved.`;
    el.hidden = false;
    void this.report(refused, 3);
  }

  private async report(refused: RefusedCommit, tries: number): Promise<void> {
    try {
      await reportRuntimeProblem(refused, this.queue.currentToken());
    } catch (err) {
      if (tries > 1 && !(err instanceof AuthError)) {
        await new Promise((r) => setTimeout(r, 5_000));
        return this.report(refused, tries - 1);
      }
      console.error(`Courier could not record a refused commit: ${String(err)}`);
    }
  }

  /** The content finished and the course is done: say so, with the result, and close the SCO. */
  private endCourse(status: string): void {
    if (this.ended) return;
    this.ended = true;
    this.runtime?.close();
    this.runtime = null;
    $<HTMLIFrameElement>('player-frame').src = 'about:blank';
    $('player-body').hidden = true;
    $('course-done-status').textContent = DONE_TEXT[status] ?? status;
    $('course-done-saved').hidden = this.queue.pending().length > 0;
    $('course-done').hidden = false;
    $('player-done').hidden = true;
  }

  private renderMenu(): void {
    if (this.sequencer) return this.renderSequencedMenu(this.sequencer);
    const menu = $('item-menu');
    const visible = this.items.filter((i) => i.visible);
    // isvisible="false" keeps an item out of the menu, not out of the flow: packages that hide
    // every item (golf remediation: flow only, no choice) still need Previous and Next.
    $('player-nav').hidden = this.items.length < 2;
    const index = this.current ? this.items.indexOf(this.current) : -1;
    $<HTMLButtonElement>('prev-item').disabled = !this.canGoBack(index);
    $<HTMLButtonElement>('next-item').disabled = index >= this.items.length - 1;
    $('menu-note').hidden = this.items.every((i) => i === this.current || this.choosable(i));
    menu.hidden = visible.length === 0;
    menu.replaceChildren(
      ...visible.map((item) => {
        const li = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset['testid'] = `item-${item.id}`;
        button.textContent = `${item.completed ? '✓ ' : ''}${item.title}`;
        button.className = item === this.current ? 'current' : item.completed ? 'completed' : '';
        button.setAttribute('aria-current', item === this.current ? 'step' : 'false');
        // Control modes may put an item out of the menu's reach (choice="false", or behind the
        // learner under forwardOnly): it stays in the menu, focusable, and says why.
        const locked = item !== this.current && !this.choosable(item);
        if (locked) {
          button.setAttribute('aria-disabled', 'true');
          button.setAttribute('aria-describedby', 'menu-note');
          button.classList.add('locked');
        }
        button.addEventListener('click', () => {
          if (!locked) this.open(item);
        });
        li.append(button);
        return li;
      }),
    );
  }

  /**
   * The course's tree: clusters as headings over their items, hidden ones left out, and each
   * item the rules keep out of reach greyed with the reason beside it. The buttons are those
   * the engine allows and the package's hideLMSUI leaves.
   */
  private renderSequencedMenu(sequencer: Sequencer): void {
    const hide = new Set(sequencer.hiddenControls());
    const delivered = this.runtime !== null;
    $('player-nav').hidden = false;
    const buttons: Array<[string, string, boolean]> = [
      ['prev-item', 'previous', sequencer.canGoBack()],
      ['next-item', 'continue', sequencer.canContinue()],
      ['exit-item', 'exit', delivered],
      ['exit-all', 'exitAll', true],
      ['suspend-all', 'suspendAll', delivered],
    ];
    for (const [id, token, allowed] of buttons) {
      const button = $<HTMLButtonElement>(id);
      button.hidden = hide.has(token);
      button.disabled = !allowed;
    }
    $('menu-note').hidden = true;
    const build = (entries: MenuEntry[], depth: number): HTMLLIElement[] =>
      entries
        .filter((entry) => !entry.hidden)
        .map((entry) => {
          const li = document.createElement('li');
          if (!entry.leaf) {
            const heading = document.createElement('span');
            heading.className = 'cluster';
            heading.setAttribute('role', 'heading');
            heading.setAttribute('aria-level', String(depth + 2));
            heading.textContent = entry.title;
            const list = document.createElement('ol');
            list.append(...build(entry.children, depth + 1));
            li.append(heading, list);
            return li;
          }
          const button = document.createElement('button');
          button.type = 'button';
          button.dataset['testid'] = `item-${entry.id}`;
          button.textContent = `${entry.completed ? '✓ ' : ''}${entry.title}`;
          button.className = entry.current ? 'current' : entry.completed ? 'completed' : '';
          button.setAttribute('aria-current', entry.current ? 'step' : 'false');
          li.append(button);
          if (entry.locked && !entry.current) {
            const reason = document.createElement('small');
            reason.id = `reason-${entry.id}`;
            reason.className = 'lock-reason';
            reason.dataset['testid'] = `reason-${entry.id}`;
            reason.textContent = entry.locked;
            button.setAttribute('aria-disabled', 'true');
            button.setAttribute('aria-describedby', reason.id);
            button.classList.add('locked');
            li.append(reason);
          } else if (!entry.current) {
            button.addEventListener('click', () => void this.sequence('choice', entry.id));
          }
          return li;
        });
    const menu = $('item-menu');
    menu.hidden = false;
    menu.replaceChildren(...build(sequencer.menu(), 0));
  }

  /** What sequenced content may ask of adl.nav.request_valid, from the engine as it stands. */
  private sequencedFacts(sequencer: Sequencer): NavigationFacts {
    return {
      itemIds: this.items.map((i) => i.id),
      choiceIds: this.items.filter((i) => sequencer.canChoose(i.id)).map((i) => i.id),
      canContinue: sequencer.canContinue(),
      canGoBack: sequencer.canGoBack(),
    };
  }

  /**
   * Whether a choice (the menu, or the content's `{target=…}choice`) may open `item` now: its
   * cluster allows choice, and it is not behind the learner in a forwardOnly cluster.
   */
  private choosable(item: PlayerItem): boolean {
    if (!item.choice) return false;
    const current = this.current;
    return !(current?.forwardOnly && this.items.indexOf(item) < this.items.indexOf(current));
  }

  /** Previous is allowed from item `index`: there is one, and no controlMode forwardOnly forbids it. */
  private canGoBack(index: number): boolean {
    return index > 0 && !this.items[index]!.forwardOnly;
  }

  private step(delta: number): void {
    if (this.sequencer) return void this.sequence(delta < 0 ? 'previous' : 'continue');
    const list = this.items;
    const index = list.indexOf(this.current!);
    if (delta < 0 && !this.canGoBack(index)) return;
    const next = list[index + delta];
    if (next) this.open(next);
  }

  /** Leaves the current item properly (its last values committed), then starts `item`. */
  private open(item: PlayerItem): void {
    const frame = $<HTMLIFrameElement>('player-frame');
    if (this.runtime) {
      frame.src = 'about:blank';
      this.runtime.close();
    }
    this.current = item;
    const sessionId = crypto.randomUUID();
    // The session's init was built at launch; shared data written since then must carry over.
    const init = { ...item.init };
    for (const [key, target] of Object.entries(item.init)) {
      const map = /^adl\.data\.(\d+)\.id$/.exec(key);
      const value = map ? this.sharedStores.get(target) : undefined;
      if (value !== undefined) init[`adl.data.${map![1]}.store`] = value;
    }
    this.sequencer?.open(init);
    const sequencer = this.sequencer;
    // The content being left still talks to its own runtime from its unload handler, after the
    // next item has opened (eXeLearning completes, commits and finishes there): what it says
    // belongs to its own item and session, and its navigation request no longer steers.
    const index = this.items.indexOf(item);
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
        ? () => this.sequencedFacts(sequencer)
        : {
            itemIds: this.items.map((i) => i.id),
            choiceIds: this.items.filter((i) => this.choosable(i)).map((i) => i.id),
            canContinue: index < this.items.length - 1,
            canGoBack: this.canGoBack(index),
          },
    );
    runtime.install(window as never);
    this.runtime = runtime;
    frame.src = item.launchUrl;
    frame.title = item.title;
    // An asset never talks to the API, and opening it is what completes it: say it was opened.
    if (item.scormType === 'asset') this.enqueue(item, sessionId, {}, false);
    this.renderMenu();
  }

  private navigate(request: string): void {
    if (this.sequencer) {
      const choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
      setTimeout(
        () => void (choice ? this.sequence(choice[2]!, choice[1]) : this.sequence(request)),
      );
      return;
    }
    const list = this.items;
    const index = list.indexOf(this.current!);
    const choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
    if (choice) {
      const target = this.items.find((i) => i.id === choice[1]);
      // A jump is the content's own way; a choice obeys the clusters' controlMode.
      if (target && (choice[2] === 'jump' || this.choosable(target)))
        setTimeout(() => this.open(target));
    } else if (request === 'continue' && list[index + 1])
      setTimeout(() => this.open(list[index + 1]!));
    else if (request === 'previous' && this.canGoBack(index))
      setTimeout(() => this.open(list[index - 1]!));
    else if (/^(exit|exitAll|suspendAll|abandon|abandonAll)$/.test(request)) {
      $<HTMLIFrameElement>('player-frame').src = 'about:blank';
      $('player-done').hidden = false;
    }
  }

  private enqueue(
    item: PlayerItem,
    sessionId: string,
    values: Record<string, string>,
    finished: boolean,
  ): void {
    for (const [key, value] of Object.entries(values)) {
      const store = /^adl\.data\.(\d+)\.store$/.exec(key);
      const target = store ? item.init[`adl.data.${store[1]}.id`] : undefined;
      if (target) this.sharedStores.set(target, value);
    }
    this.queue.enqueue({
      scoId: item.id,
      sessionId,
      cmi: values,
      ...(finished ? { finished: true } : {}),
    });
    // Content often finishes from its own unload handler, after ours ran: send that by beacon too.
    if (this.leaving) this.beaconPending();
  }

  /** On the way out: commit what the content set, then beacon everything pending. */
  private flushOnExit(): void {
    // While leaving, enqueue beacons by itself.
    this.runtime?.commitOnLeave();
    if (!this.leaving || this.queue.pending().length > 0) this.beaconPending();
  }

  private beaconPending(): void {
    const pending = this.queue.pending();
    if (pending.length === 0) return;
    for (const body of beaconBodies(this.queue.currentToken(), pending)) {
      const sent = navigator.sendBeacon?.(
        '/api/runtime/commits',
        new Blob([body], { type: 'text/plain' }),
      );
      if (!sent) {
        void fetch('/api/runtime/commits', {
          method: 'POST',
          body,
          keepalive: true,
          headers: { 'content-type': 'text/plain' },
        }).catch(() => {});
      }
    }
  }

  /** Tells a dispatch launcher (our parent frame) what the learner achieved. */
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
    const is12 = this.session.scormVersion === 'SCORM_12';
    const rt = this.runtime;
    const lesson = is12 ? rt.get('cmi.core.lesson_status') : '';
    const num = (v: string) => (v === '' ? null : Number(v));
    window.parent.postMessage(
      {
        type: 'courier:runtime',
        version: this.session.scormVersion,
        scoId: commit.scoId,
        event: commit.finished ? 'finish' : 'commit',
        courseFinished: this.courseComplete,
        status: {
          completion: is12
            ? /completed|passed|failed/.test(lesson)
              ? 'completed'
              : 'incomplete'
            : rt.get('cmi.completion_status'),
          success: is12
            ? lesson === 'passed' || lesson === 'failed'
              ? lesson
              : 'unknown'
            : rt.get('cmi.success_status'),
          score: is12
            ? {
                raw: num(rt.get('cmi.core.score.raw')),
                min: num(rt.get('cmi.core.score.min')),
                max: num(rt.get('cmi.core.score.max')),
                scaled: null,
              }
            : {
                raw: num(rt.get('cmi.score.raw')),
                min: num(rt.get('cmi.score.min')),
                max: num(rt.get('cmi.score.max')),
                scaled: num(rt.get('cmi.score.scaled')),
              },
          location: rt.get(is12 ? 'cmi.core.lesson_location' : 'cmi.location'),
          sessionTime: rt.sessionSeconds(),
          progress: is12 ? null : num(rt.get('cmi.progress_measure')),
        },
        registration: ack.registration,
      },
      relayTo,
    );
  }
}

void start();
