// The dashboard's shell: sign-in, routing between the overview and a group's tabs (real paths, so
// a reload or a shared link lands on the same screen), and the header.
import * as session from './session.js';
import * as api from './api.js';
import { h, clear } from './dom.js';
import { overview } from './overview.js';
import * as notices from './notices.js';

// Each tab's module (and the libraries it needs: STOMP, the QR code) loads when the tab opens, so
// that the overview does not wait for them.
const TABS = [
  ['insights', 'Insights', () => import('./insights.js').then((m) => m.insights)],
  ['live', 'Live feed', () => import('./live.js').then((m) => m.liveFeed)],
  ['members', 'Members', () => import('./members.js').then((m) => m.members)],
  ['reports', 'Reports', () => import('./reports.js').then((m) => m.reports)],
  ['settings', 'Settings', () => import('./settings.js').then((m) => m.settings)],
  ['audit', 'Audit log', () => import('./audit.js').then((m) => m.auditLog)],
];

const main = document.getElementById('main');
let leaving = [];

export function navigate(path) {
  history.pushState(null, '', path);
  render();
}

function cleanup() {
  leaving.forEach((stop) => stop());
  leaving = [];
}

function onLeave(stop) {
  leaving.push(stop);
}

function header() {
  const user = session.user();
  const who = document.getElementById('who');
  const out = document.getElementById('sign-out');
  who.textContent = user ? `Signed in as ${user.name}` : '';
  out.hidden = !user;
}

function signInScreen() {
  const reason = session.reason();
  const input = h('textarea', { id: 'token-input', rows: 4, autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    reason ? h('p', { class: 'outcome fail', role: 'alert', id: 'sign-in-reason' }, reason) : null,
    h('p', {}, 'Open the dashboard from your platform, or paste a token. On a development machine, ',
      h('code', {}, 'java -jar target/groupchat.jar token <you> --name=<Name> --dashboard'),
      ' prints a link that signs you in.'),
    h('div', { class: 'field' }, h('label', { for: 'token-input' }, 'Token'), input),
    h('button', { type: 'submit', id: 'sign-in-button' }, 'Sign in'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!input.value.trim()) return;
    session.signIn(input.value);
    render();
  });
  clear(main, form);
  header();
}

function route() {
  const path = window.location.pathname.replace(/\/+$/, '');
  const match = path.match(/^\/dashboard\/groups\/([^/]+)(?:\/([a-z]+))?$/);
  if (match) return { groupId: decodeURIComponent(match[1]), tab: match[2] || 'insights' };
  return { overview: true };
}

async function groupScreen(groupId, tabName) {
  const tab = TABS.find(([name]) => name === tabName) || TABS[0];
  const title = h('h1', {}, 'Group');
  const nav = h('nav', { class: 'tabs', 'aria-label': 'Group sections' },
    TABS.map(([name, label]) => h('a', {
      href: `/dashboard/groups/${encodeURIComponent(groupId)}/${name}`, 'data-nav': true,
      'aria-current': name === tab[0] ? 'page' : null,
    }, label)));
  const body = h('section', { class: 'tab-body', 'aria-label': tab[1] });
  clear(main, h('p', {}, h('a', { href: '/dashboard', 'data-nav': true }, '← All groups')), title, nav, body);
  try {
    const [group, screen] = await Promise.all([api.get(api.group(groupId)), tab[2]()]);
    title.textContent = group.name;
    document.title = `${group.name} · ${tab[1]} · groupchat`;
    await screen(body, group, { onLeave, navigate, refreshTitle: (name) => { title.textContent = name; } });
  } catch (error) {
    if (error.status === 401) return;
    clear(body, h('p', { class: 'outcome fail', role: 'alert' }, error.detail));
  }
}

export async function render() {
  cleanup();
  header();
  if (!session.token()) {
    signInScreen();
    return;
  }
  notices.start();
  const where = route();
  if (where.overview) {
    document.title = 'Your groups · groupchat';
    await overview(main, { navigate });
  } else {
    await groupScreen(where.groupId, where.tab);
  }
  main.focus({ preventScroll: true });
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-nav]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', render);
// a new hand-over while the page is open (only the fragment changes, so the page does not reload)
window.addEventListener('hashchange', () => {
  if (!window.location.hash.includes('token=')) return;
  notices.stop();
  session.takeFromFragment();
  render();
});
document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut('You signed out.');
});
session.onSignOut(() => {
  cleanup();
  notices.stop();
  signInScreen();
});

session.takeFromFragment();
render();
