/**
 * The console's calls to the collector. Same origin, with the session
 * cookie; each change carries the session's CSRF token. A failure is an
 * `ApiError` with the collector's own message, which the console shows.
 */
import type { OfficeSession } from '../core/office.js';

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly issues: { path: string; message: string }[] = []) {
    super(message);
  }
}

export class OfficeApi {
  /** The CSRF token of the current session. */
  csrf = '';

  /** `base` gives where the collector's `/api/` lives: '' for the same origin. */
  constructor(private base: () => string = () => '', private onSignedOut: () => void = () => {}) {}

  url(path: string) {
    return `${this.base()}${path}`;
  }

  async call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, extra: Record<string, string> = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method, headers, signal, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'the collector could not be reached; check the connection');
    }
    if (response.status === 204) return undefined as T;
    const data = await response.json().catch(() => undefined) as { message?: string; issues?: ApiError['issues'] } | undefined;
    if (!response.ok) {
      // A session that ended (idle, signed out elsewhere, revoked) sends the
      // console back to its sign-in form, except for the sign-in itself.
      if (response.status === 401 && path !== '/api/session') this.onSignedOut();
      throw new ApiError(response.status, data?.message ?? `HTTP ${response.status}`, data?.issues);
    }
    return data as T;
  }

  get = <T>(path: string, signal?: AbortSignal) => this.call<T>('GET', path, undefined, signal);

  async signIn(token: string): Promise<OfficeSession> {
    const session = await this.call<OfficeSession>('POST', '/api/session', { token });
    this.csrf = session.csrf ?? '';
    return session;
  }

  /** The session this browser already has, or `undefined`. */
  async resume(): Promise<OfficeSession | undefined> {
    try {
      const session = await this.call<OfficeSession>('GET', '/api/session');
      this.csrf = session.csrf ?? '';
      return session;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return undefined;
      throw err;
    }
  }

  async signOut() {
    await this.call('DELETE', '/api/session').catch(() => {});
    this.csrf = '';
  }
}
