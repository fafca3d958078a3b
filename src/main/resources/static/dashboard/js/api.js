// The public REST API, as the mobile app uses it. A refusal becomes an ApiError carrying the
// problem document; 401 signs out (expired or revoked token).
import * as session from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `The server answered ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.detail = this.message;
    this.errors = (problem && problem.errors) || [];
  }
}

export async function call(method, path, body) {
  const token = session.token();
  if (!token) throw new ApiError(401, { detail: session.reason() || 'Sign in first.' });
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch('/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { detail: 'The service cannot be reached. Check your connection and try again.' });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.status === 401) {
    session.signOut('Your session has expired or the token is no longer valid. Sign in again.');
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const patch = (path, body) => call('PATCH', path, body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path) => call('DELETE', path);

export function group(id) {
  return `/groups/${encodeURIComponent(id)}`;
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
