import type { RefusedCommit, SaveState } from './commit-queue.js';
import { saveText } from './save-text.js';

/**
 * The player page's own elements (player/index.html): what the learner is told, and the frame
 * the content runs in. Nothing here decides; the player calls these to show what it decided.
 */
export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const DONE_TEXT: Record<string, string> = {
  COMPLETED: 'Completed',
  PASSED: 'Passed',
  FAILED: 'Failed',
};

/** Whether a registration status ends the course (and the player shows its result). */
export function isCourseDone(status: string): boolean {
  return status in DONE_TEXT;
}

/** The launch cannot go on: say why, and tell a dispatch launcher around us. */
export function showError(message: string, relay: string | null): void {
  $('player-error').textContent = message;
  $('player-error').hidden = false;
  $('player-main').hidden = true;
  if (relay && window.parent !== window)
    window.parent.postMessage({ type: 'courier:error', message }, relay);
}

export function showCourseTitle(title: string): void {
  document.title = title;
  $('course-title').textContent = title;
}

/** The save badge: the truth of what the server has. */
export function showSaveState(state: SaveState, pending: number, savedAt: Date | null): void {
  const el = $('save-status');
  el.textContent = saveText(state, pending, savedAt);
  el.dataset['state'] = state;
  el.dataset['pending'] = String(pending);
}

/** The launch token was refused and cannot be renewed: nothing more will be saved. */
export function showSessionEnded(): void {
  const el = $('session-ended');
  el.textContent =
    'This session can no longer be renewed, so what you do from now on is not saved. Reopen the course from its link to go on.';
  el.hidden = false;
}

/** A commit the server refused for its data was set aside: say so; the rest goes on. */
export function showRefused(refused: RefusedCommit): void {
  const el = $('data-problem');
  el.textContent = `Part of your progress could not be saved: the course sent data the server refused${
    refused.element ? ` (${refused.element})` : ''
  }. The rest of your progress is still being saved.`;
  el.hidden = false;
}

/** The course is done: its result, and whether all of it has reached the server yet. */
export function showCourseDone(status: string, saved: boolean): void {
  $('player-body').hidden = true;
  $('course-done-status').textContent = DONE_TEXT[status] ?? status;
  showCourseDoneSaved(saved);
  $('course-done').hidden = false;
  $('player-done').hidden = true;
}

export function showCourseDoneSaved(saved: boolean): void {
  $('course-done-saved').hidden = !saved;
}

/** Sequencing ended the session: Exit course, Suspend, or the end of the course's flow. */
export function showLeftCourse(suspended: boolean, placeKept: Promise<boolean>): void {
  $('player-body').hidden = true;
  const done = $('player-done');
  done.hidden = false;
  if (!suspended) {
    done.textContent = 'You have left the course. You can close this window.';
    return;
  }
  // Suspend All promises the place is kept: say so only once the server has the engine's state.
  done.textContent = 'Keeping your place…';
  void placeKept.then((kept) => {
    done.textContent = kept
      ? 'Your place is kept: open the course again to go on from here. You can close this window.'
      : 'Your place could not be saved, so the course will open at its start next time. Check your connection.';
    done.dataset['state'] = kept ? 'kept' : 'unsaved';
  });
}

/** The content asked to leave a course played in manifest order. */
export function showLeftContent(): void {
  blankFrame();
  $('player-done').hidden = false;
}

/** The sequencing note under the menu; null hides it. */
export function showSequencingNote(text: string | null): void {
  const note = $('seq-note');
  if (text !== null) note.textContent = text;
  note.hidden = text === null;
}

const frame = () => $<HTMLIFrameElement>('player-frame');

export function showInFrame(url: string, title: string): void {
  frame().src = url;
  frame().title = title;
}

export function blankFrame(): void {
  frame().src = 'about:blank';
}

/** Blanks the frame and waits until the content's unload handlers have run. */
export function unloadFrame(): Promise<void> {
  return new Promise<void>((resolve) => {
    frame().addEventListener('load', () => resolve(), { once: true });
    frame().src = 'about:blank';
  });
}

/** The navigation buttons beside the menu. */
export interface ControlHandlers {
  previous(): void;
  next(): void;
  exit(): void;
  exitAll(): void;
  suspendAll(): void;
}

export function bindControls(handlers: ControlHandlers): void {
  $('prev-item').addEventListener('click', () => handlers.previous());
  $('next-item').addEventListener('click', () => handlers.next());
  $('exit-item').addEventListener('click', () => handlers.exit());
  $('exit-all').addEventListener('click', () => handlers.exitAll());
  $('suspend-all').addEventListener('click', () => handlers.suspendAll());
}
