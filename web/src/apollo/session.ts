/** The dashboard's session token, kept in localStorage so a reload stays signed in. */
const KEY = 'courier.token';

export function getToken(): string | null {
  return localStorage.getItem(KEY);
}

export function setToken(token: string): void {
  localStorage.setItem(KEY, token);
}

export function signOut(): void {
  localStorage.removeItem(KEY);
  window.location.assign('/');
}
