import type { SaveState } from './commit-queue.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The badge's words: the truth of what the server has, never a reassurance it has not earned. */
export function saveText(state: SaveState, pending: number, savedAt: Date | null): string {
  const waiting = `${pending} waiting`;
  switch (state) {
    case 'saved':
      return savedAt
        ? `Saved at ${pad2(savedAt.getHours())}:${pad2(savedAt.getMinutes())}`
        : 'All progress saved';
    case 'saving':
      return `Saving… ${waiting}`;
    case 'offline':
      return `Not sent yet — ${waiting}, retrying`;
    case 'unsaved':
      return `Not saved — your progress has not reached the server (${waiting}); still trying`;
    case 'expired':
      return `Not saved — your session has ended (${waiting}); reopen the course to keep saving`;
  }
}
