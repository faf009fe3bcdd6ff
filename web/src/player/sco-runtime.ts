import { Scorm12API, Scorm2004API } from 'scorm-again';

export type ScormVersion = 'SCORM_12' | 'SCORM_2004';

/** What the runtime reports to the player: the values the content set, and when. */
export interface RuntimeEvents {
  /** Content asked to commit (or finish): `values` are what it set since the last time. */
  commit(values: Record<string, string>, finished: boolean): void;
  /** 2004 navigation request made when the SCO terminated (continue, previous, choice…). */
  navigate?(request: string): void;
  /** A value the content set and the runtime accepted (the sequencing engine mirrors them). */
  set?(element: string, value: string): void;
}

interface Api {
  on(name: string, callback: (...args: unknown[]) => void): void;
  loadFromFlattenedJSON(json: Record<string, string>, element?: string): void;
  lmsGetValue?(element: string): string;
  getCMIValue(element: string): string;
  LMSFinish?(arg: string): string;
  Terminate?(arg: string): string;
  isInitialized(): boolean;
  isTerminated(): boolean;
}

const SESSION_TIME: Record<ScormVersion, string> = {
  SCORM_12: 'cmi.core.session_time',
  SCORM_2004: 'cmi.session_time',
};

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Seconds in the version's own session_time format. */
export function formatSessionTime(version: ScormVersion, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (version === 'SCORM_2004') return `PT${s}S`;
  return `${pad(Math.floor(s / 3600), 4)}:${pad(Math.floor((s % 3600) / 60), 2)}:${pad(s % 60, 2)}.00`;
}

/** Where the player can go from an item, which SCORM 2004 content may ask before offering to. */
export interface NavigationFacts {
  /** Every item of the course: a jump may go to any of them. */
  itemIds: string[];
  /** The items a choice may open from here (control modes allowing). */
  choiceIds: string[];
  /** A `continue` request would open another item. */
  canContinue: boolean;
  /** A `previous` request would open another item. */
  canGoBack: boolean;
}

interface NavigableApi {
  adl: { nav: { request_valid: { continue: string; previous: string } } };
}

/**
 * One item's SCORM runtime: a fresh scorm-again API loaded with the server's init values and
 * exposed as window.API / window.API_1484_11 for the content in the iframe. It tracks every
 * value the content sets, so each commit carries only what changed.
 */
export class ScoRuntime {
  readonly api: Api;
  private dirty: Record<string, string> = {};
  private readonly openedAt = Date.now();
  private sessionTimeSet = false;
  private finished = false;
  private closed = false;
  private navRequest: string | null = null;

  constructor(
    readonly version: ScormVersion,
    init: Record<string, string>,
    private readonly events: RuntimeEvents,
    /** Where the player can go from here, which 2004 content may ask before it offers to. */
    navigation: NavigationFacts | (() => NavigationFacts) = {
      itemIds: [],
      choiceIds: [],
      canContinue: false,
      canGoBack: false,
    },
  ) {
    // A sequenced course's answers change as the content reports: they are asked each time.
    const facts = typeof navigation === 'function' ? navigation : () => navigation;
    const settings = {
      lmsCommitUrl: false,
      autocommit: false,
      logLevel: 5,
      selfReportSessionTime: false,
      mastery_override: false,
    } as const;
    const api = (version === 'SCORM_12'
      ? new Scorm12API(settings as never)
      : new Scorm2004API(settings as never)) as unknown as Api;
    api.loadFromFlattenedJSON(init, '');
    if (version === 'SCORM_2004') {
      // Read-only for the content once initialized; set before, as the LMS's answer.
      const valid = (api as unknown as NavigableApi).adl.nav.request_valid;
      const now = facts();
      valid.continue = now.canContinue ? 'true' : 'false';
      valid.previous = now.canGoBack ? 'true' : 'false';
    }
    // Only what the runtime accepted is the learner's data. scorm-again calls its SetValue
    // listeners for refused values too (a read-only element, a location past 255 characters):
    // those must not reach the server, which would store what the content was told failed, or
    // refuse the commit. So the API's own SetValue is wrapped, and its answer decides.
    const set = version === 'SCORM_12' ? 'LMSSetValue' : 'SetValue';
    const methods = api as unknown as Record<string, (element: string, value: unknown) => string>;
    const setValue = methods[set]!.bind(api);
    methods[set] = (element: string, value: unknown) => {
      const result = setValue(element, value);
      if (String(result) === 'true') this.accepted(String(element), String(value));
      return result;
    };
    if (version === 'SCORM_2004') {
      // request_valid.choice / jump for a target: answered from the player's own facts, for any
      // identifier (scorm-again matches only [A-Za-z0-9_-] targets, and one list for both).
      const getValue = methods['GetValue']!.bind(api);
      methods['GetValue'] = (element: string) => {
        const flow = /^adl\.nav\.request_valid\.(continue|previous)$/.exec(String(element));
        if (flow && api.isInitialized()) {
          (api as unknown as { lastErrorCode: string }).lastErrorCode = '0';
          const now = facts();
          return (flow[1] === 'continue' ? now.canContinue : now.canGoBack) ? 'true' : 'false';
        }
        const asked = /^adl\.nav\.request_valid\.(choice|jump)\.\{target=(.+)\}$/.exec(
          String(element),
        );
        if (!asked || !api.isInitialized()) return getValue(element, undefined);
        (api as unknown as { lastErrorCode: string }).lastErrorCode = '0';
        const now = facts();
        const allowed = asked[1] === 'choice' ? now.choiceIds : now.itemIds;
        return allowed.includes(asked[2]!) ? 'true' : 'false';
      };
    }
    api.on(version === 'SCORM_12' ? 'LMSCommit' : 'Commit', () => this.emit(false));
    api.on(version === 'SCORM_12' ? 'LMSFinish' : 'Terminate', () => this.finish());
    this.api = api;
  }

  /** Puts the API where content looks for it. */
  install(win: Window & { API?: unknown; API_1484_11?: unknown }): void {
    if (this.version === 'SCORM_12') win.API = this.api;
    else win.API_1484_11 = this.api;
  }

  /** Commits the values set since the last commit, with a session time: the learner is leaving. */
  commitUnsaved(): void {
    if (this.hasUnsaved()) this.events.commit(this.takeUnsaved(), false);
  }

  /**
   * The learner is leaving the page: commits what the content set and, where the content has
   * said nothing of its session time, the time spent so far, so that a session the content never
   * finishes (its unload handler failed, or it has none) still counts.
   */
  commitOnLeave(): void {
    if (this.hasUnsaved() || (this.api.isInitialized() && !this.sessionTimeSet))
      this.events.commit(this.takeUnsaved(), false);
  }

  private hasUnsaved(): boolean {
    return Object.keys(this.dirty).length > 0;
  }

  /** The values set since the last commit, with a session time. */
  private takeUnsaved(): Record<string, string> {
    const values = { ...this.dirty };
    this.dirty = {};
    if (!this.sessionTimeSet) values[SESSION_TIME[this.version]] = this.elapsed();
    return values;
  }

  /**
   * The player moves to another item: commits what the content set, without claiming it
   * finished. The content may still set values, commit and finish from its unload handler,
   * which runs after this; those calls are still reported.
   */
  close(): void {
    if (this.finished || this.closed) return;
    this.closed = true;
    if (this.hasUnsaved() || this.api.isInitialized())
      this.events.commit(this.takeUnsaved(), false);
  }

  /**
   * Sequencing ended the attempt after the content unloaded (the learner moved on): what the
   * content set goes out as the attempt's end, as if it had terminated, so the server applies
   * the End Attempt defaults too. `extra` adds the LMS's own values (a Suspend All's exit).
   */
  end(extra: Record<string, string> = {}): void {
    if (this.finished || this.closed) return;
    this.closed = true;
    this.finished = true;
    if (this.hasUnsaved() || this.api.isInitialized())
      this.events.commit({ ...this.takeUnsaved(), ...extra }, true);
  }

  /** A value as the runtime holds it (for the relay to the host LMS). */
  get(element: string): string {
    try {
      return String(this.api.getCMIValue(element) ?? '');
    } catch {
      return '';
    }
  }

  sessionSeconds(): number {
    return (Date.now() - this.openedAt) / 1000;
  }

  private elapsed(): string {
    return formatSessionTime(this.version, this.sessionSeconds());
  }

  private accepted(element: string, value: string): void {
    if (element !== 'adl.nav.request') this.events.set?.(element, value);
    if (element === 'adl.nav.request') this.navRequest = value;
    // adl.data.n.store: a 4th-edition shared data store, kept by the server across SCOs.
    else if (element.startsWith('cmi.') || /^adl\.data\.\d+\.store$/.test(element))
      this.track(element, value);
  }

  private track(element: string, value: string): void {
    if (element === SESSION_TIME[this.version]) this.sessionTimeSet = true;
    this.dirty[element] = value;
  }

  private emit(finished: boolean): void {
    const values = finished ? this.takeUnsaved() : { ...this.dirty };
    if (!finished) this.dirty = {};
    if (!finished && Object.keys(values).length === 0) return;
    this.events.commit(values, finished);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.emit(true);
    if (this.navRequest && this.navRequest !== '_none_') this.events.navigate?.(this.navRequest);
  }
}
