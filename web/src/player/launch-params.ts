import { safeStorage } from './safe-storage.js';

const tab = safeStorage('sessionStorage');
const KEY = 'courier.launch';

/** What the launch link carries: the launch token, and the dispatch launcher to relay to. */
export interface LaunchParams {
  token: string;
  relay: string | null;
}

/** The token comes in the fragment (never sent to servers); keep it for reloads of this tab. */
export function readLaunchParams(): LaunchParams | null {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (token) {
    const params = { token, relay: fragment.get('relay') };
    tab.setItem(KEY, JSON.stringify(params));
    history.replaceState(null, '', location.pathname + location.search);
    return params;
  }
  const stored = tab.getItem(KEY);
  return stored ? (JSON.parse(stored) as LaunchParams) : null;
}

/** A renewed token replaces the launch's, so a reload of this tab goes on with it. */
export function persistLaunchToken(params: LaunchParams, token: string): void {
  tab.setItem(KEY, JSON.stringify({ ...params, token }));
}
