import { graphql } from './gql/gql.js';
import type { LaunchDispatchMutation } from './gql/graphql.js';

/**
 * The script inside a dispatch package. It runs in the recipient LMS: finds that LMS's SCORM
 * API, asks Courier for a launch for its learner, shows Courier's player in an iframe, and
 * relays what the player reports (status, score, location, session time) to the host API, so
 * both LMSs end with the result. Built as one classic script for ES2017 (vite.launcher.config.ts)
 * so it runs in any LMS's browser.
 */

const LAUNCH_DISPATCH = graphql(`
  mutation LaunchDispatch($key: String!, $learner: LearnerInput!) {
    launchDispatch(key: $key, learner: $learner) {
      url
    }
  }
`);

/** What the package's index.html sets before loading this script. */
interface DispatchConfig {
  server: string;
  key: string;
  format: 'scorm12' | 'scorm2004';
}

/** The host LMS's SCORM 1.2 `API`. */
interface Scorm12Api {
  LMSInitialize(arg: ''): unknown;
  LMSGetValue(element: string): unknown;
  LMSSetValue(element: string, value: string): unknown;
  LMSCommit(arg: ''): unknown;
  LMSFinish(arg: ''): unknown;
}

/** The host LMS's SCORM 2004 `API_1484_11`. */
interface Scorm2004Api {
  Initialize(arg: ''): unknown;
  GetValue(element: string): unknown;
  SetValue(element: string, value: string): unknown;
  Commit(arg: ''): unknown;
  Terminate(arg: ''): unknown;
}

/** The host API whatever its version, as the launcher uses it. */
interface HostApi {
  init(): boolean;
  get(element: string): string;
  set(element: string, value: string | number): void;
  commit(): void;
  finish(): void;
}

type Score = { raw: number | null; min: number | null; max: number | null; scaled: number | null };

/** The player's `courier:runtime` message (see the player's relay). */
interface RuntimeMessage {
  type: 'courier:runtime';
  event: 'commit' | 'finish';
  courseFinished: boolean;
  status?: {
    completion?: string;
    success?: string;
    score?: Partial<Score>;
    location?: string;
    sessionTime?: number | string;
    progress?: number | null;
  };
  registration?: { status: string; progress: number | null; score: Partial<Score> | null } | null;
}

interface ErrorMessage {
  type: 'courier:error';
  message?: string;
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: Array<{ extensions?: { code?: string } }>;
}

/** A frame as the launcher reads it: the package's config, and the host LMS's API. */
type LauncherWindow = Window & {
  COURIER_DISPATCH?: DispatchConfig;
  API?: Scorm12Api;
  API_1484_11?: Scorm2004Api;
};

const REFUSALS: Record<string, string> = {
  DISPATCH_REVOKED: 'This course is no longer available here.',
  DISPATCH_EXPIRED: 'This course is no longer available here: its access period has ended.',
  DISPATCH_LIMIT_REACHED: 'This course has reached the number of learners it was licensed for.',
  NOT_FOUND: 'This course package is not valid any more.',
};

const cfg = (window as LauncherWindow).COURIER_DISPATCH!;
const is2004 = cfg.format === 'scorm2004';
const serverOrigin = new URL(cfg.server).origin;
const messageEl = document.getElementById('courier-message')!;
const frame = document.getElementById('courier-frame') as HTMLIFrameElement;

function say(text: string): void {
  messageEl.textContent = text;
  messageEl.hidden = false;
}

/** Walks up the frames (at most 12) for the host's API of the package's version. */
function findApi(start: Window | null): Scorm12Api | Scorm2004Api | null {
  let win = start;
  for (let hops = 0; win && hops < 12; hops++) {
    try {
      const frameWindow = win as LauncherWindow;
      const api = is2004 ? frameWindow.API_1484_11 : frameWindow.API;
      if (api) return api;
    } catch {
      // A cross-origin ancestor: keep walking.
    }
    if (!win.parent || win.parent === win) break;
    win = win.parent;
  }
  return null;
}

/** One face over either version's API. */
function hostOf(api: Scorm12Api | Scorm2004Api): HostApi {
  if (is2004) {
    const a = api as Scorm2004Api;
    return {
      init: () => String(a.Initialize('')) === 'true',
      get: (k) => String(a.GetValue(k) || ''),
      set: (k, v) => void a.SetValue(k, String(v)),
      commit: () => void a.Commit(''),
      finish: () => void a.Terminate(''),
    };
  }
  const a = api as Scorm12Api;
  return {
    init: () => String(a.LMSInitialize('')) === 'true',
    get: (k) => String(a.LMSGetValue(k) || ''),
    set: (k, v) => void a.LMSSetValue(k, String(v)),
    commit: () => void a.LMSCommit(''),
    finish: () => void a.LMSFinish(''),
  };
}

/** Seconds from a SCORM 1.2 timespan, an ISO 8601 duration or a number; null when neither. */
function seconds(value: number | string | undefined): number | null {
  if (typeof value === 'number') return value;
  if (!value) return null;
  const hms = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value);
  if (hms) return Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
  const iso =
    /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      value,
    );
  if (!iso) return null;
  const n = (i: number) => Number(iso[i] || 0);
  return n(1) * 31536000 + n(2) * 2592000 + n(3) * 86400 + n(4) * 3600 + n(5) * 60 + n(6);
}

function pad(n: number, width: number): string {
  let s = String(n);
  while (s.length < width) s = '0' + s;
  return s;
}

/** A session time in the host's format: ISO 8601 for 2004, HHHH:MM:SS.SS for 1.2. */
function formatTime(seconds: number): string {
  const total = Math.max(0, seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (is2004) return `PT${hours}H${minutes}M${Math.round((total % 60) * 100) / 100}S`;
  const cs = Math.round((total % 60) * 100);
  return `${pad(hours, 4)}:${pad(minutes, 2)}:${pad(Math.floor(cs / 100), 2)}.${pad(cs % 100, 2)}`;
}

const foundApi = findApi(window) ?? (window.opener ? findApi(window.opener as Window) : null);
const host = foundApi && hostOf(foundApi);
let lastSessionSeconds = 0;
let finished = false;

/** Writes what the player reported into the host's CMI; the registration's word wins. */
function relay(host: HostApi, msg: RuntimeMessage): void {
  const s = msg.status ?? {};
  const reg = msg.registration ?? null;
  let completion = s.completion;
  let success = s.success;
  if (reg && reg.status) {
    completion =
      reg.status === 'NOT_STARTED' || reg.status === 'IN_PROGRESS' ? 'incomplete' : 'completed';
    success = reg.status === 'PASSED' ? 'passed' : reg.status === 'FAILED' ? 'failed' : success;
  }
  const score: Partial<Score> = (reg && reg.score) || s.score || {};
  if (is2004) {
    if (completion === 'completed' || completion === 'incomplete')
      host.set('cmi.completion_status', completion);
    if (success === 'passed' || success === 'failed') host.set('cmi.success_status', success);
    if (score.scaled != null) host.set('cmi.score.scaled', score.scaled);
    if (score.raw != null) host.set('cmi.score.raw', score.raw);
    if (score.min != null) host.set('cmi.score.min', score.min);
    if (score.max != null) host.set('cmi.score.max', score.max);
    const progress = reg && reg.progress != null ? reg.progress : s.progress;
    if (progress != null) host.set('cmi.progress_measure', progress);
    if (s.location) host.set('cmi.location', String(s.location).slice(0, 1000));
  } else {
    const status =
      success === 'passed' || success === 'failed'
        ? success
        : completion === 'completed'
          ? 'completed'
          : 'incomplete';
    host.set('cmi.core.lesson_status', status);
    const raw =
      score.raw != null
        ? score.raw
        : score.scaled != null
          ? Math.round(score.scaled * 10000) / 100
          : null;
    if (raw != null) {
      host.set('cmi.core.score.raw', raw);
      host.set('cmi.core.score.min', score.min != null ? score.min : 0);
      host.set('cmi.core.score.max', score.max != null ? score.max : 100);
    }
    if (s.location) host.set('cmi.core.lesson_location', String(s.location).slice(0, 255));
  }
  const t = seconds(s.sessionTime);
  if (t != null) lastSessionSeconds = t;
  host.commit();
}

/** Ends the host's session once, with the player's last session time. */
function finishHost(): void {
  if (finished || !host) return;
  finished = true;
  if (lastSessionSeconds > 0)
    host.set(is2004 ? 'cmi.session_time' : 'cmi.core.session_time', formatTime(lastSessionSeconds));
  host.commit();
  host.finish();
}

function start(): void {
  if (!host)
    return say('This course must be opened from your learning platform (no SCORM API was found).');
  if (!host.init())
    return say(
      'Your learning platform did not start the course session. Close this window and try again.',
    );
  const learner = {
    id: host.get(is2004 ? 'cmi.learner_id' : 'cmi.core.student_id'),
    name: host.get(is2004 ? 'cmi.learner_name' : 'cmi.core.student_name') || null,
  };
  if (!learner.id)
    return say('Your learning platform did not tell us who you are, so the course cannot start.');
  fetch(`${cfg.server}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: LAUNCH_DISPATCH.toString(),
      variables: { key: cfg.key, learner },
    }),
  })
    .then((res) => res.json() as Promise<GraphQLBody<LaunchDispatchMutation>>)
    .then((body) => {
      if (body.errors && body.errors.length) {
        const code = body.errors[0]?.extensions?.code ?? '';
        // Nothing is reported to the host LMS: the learner did not do the course.
        if (!is2004) host.set('cmi.core.lesson_status', 'incomplete');
        return say(REFUSALS[code] ?? 'The course could not start. Please try again later.');
      }
      if (!body.data) return say('The course could not start. Please try again later.');
      const origin = window.location.origin;
      const relayTo = origin && origin !== 'null' ? origin : '*';
      frame.src = `${body.data.launchDispatch.url}&relay=${encodeURIComponent(relayTo)}`;
      frame.hidden = false;
    })
    .catch(() =>
      say('The course server could not be reached. Check your connection and reopen the course.'),
    );
}

window.addEventListener('message', (event: MessageEvent<RuntimeMessage | ErrorMessage | null>) => {
  if (event.origin !== serverOrigin || event.source !== frame.contentWindow) return;
  const msg = event.data;
  if (msg?.type === 'courier:runtime') {
    if (host) relay(host, msg);
    if (msg.event === 'finish' && msg.courseFinished) finishHost();
  } else if (msg?.type === 'courier:error') {
    say(msg.message || 'The course could not start.');
  }
});
window.addEventListener('pagehide', finishHost);
window.addEventListener('beforeunload', finishHost);
start();
