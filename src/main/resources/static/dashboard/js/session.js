// The token the platform hands over: from the URL fragment into sessionStorage (never a cookie,
// a query string or a log), and out of the address bar at once.

const KEY = 'groupchat.dashboard.token';
let expiredBecause = null;
const listeners = [];

export function takeFromFragment() {
  const hash = window.location.hash;
  if (!hash.startsWith('#')) return;
  const params = new URLSearchParams(hash.slice(1));
  const token = params.get('token');
  if (token) {
    sessionStorage.setItem(KEY, token);
    expiredBecause = null;
  }
  history.replaceState(history.state, '', window.location.pathname + window.location.search);
}

export function signIn(token) {
  sessionStorage.setItem(KEY, token.trim());
  expiredBecause = null;
}

export function signOut(reason) {
  sessionStorage.removeItem(KEY);
  expiredBecause = reason || null;
  listeners.forEach((listener) => listener(reason));
}

export function onSignOut(listener) {
  listeners.push(listener);
}

export function reason() {
  return expiredBecause;
}

function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** The token when there is one that has not expired; an expired one signs out with a reason. */
export function token() {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  const body = claims(stored);
  if (!body || !body.sub) {
    signOut('That token could not be read. Paste the whole token, or open the link from the token command again.');
    return null;
  }
  if (typeof body.exp === 'number' && body.exp * 1000 <= Date.now()) {
    signOut('Your session has expired. Sign in again with a new token.');
    return null;
  }
  return stored;
}

export function user() {
  const stored = token();
  if (!stored) return null;
  const body = claims(stored);
  return { id: body.sub, name: body.name || body.sub };
}
