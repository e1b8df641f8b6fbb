/** The sign-in form: a token for a session cookie. */
import { html, nothing } from 'lit';
import type { AnubhavConsole } from './anubhav-console.js';

export function renderSignIn(c: AnubhavConsole) {
  const m = c.m;
  const error = c.signInError;
  return html`<h2 tabindex="-1">${m.signInTitle}</h2>
    <p>${m.signInIntro}</p>
    ${error ? html`<div class="error-summary" role="alert" tabindex="-1">
      <h3>${m.errorSummaryTitle}</h3>
      <ul><li><a href="#token" @click=${focusTarget(c, 'token')}>${error}</a></li></ul>
    </div>` : nothing}
    <form class="sign-in" @submit=${c.handleSignIn} novalidate>
      <div class="field ${error ? 'invalid' : ''}">
        <label for="token">${m.tokenLabel}</label>
        <p class="hint" id="token-hint">${m.tokenHint}</p>
        ${error ? html`<p class="error" id="token-error">${error}</p>` : nothing}
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required
          aria-describedby=${error ? 'token-hint token-error' : 'token-hint'} aria-invalid=${error ? 'true' : 'false'}>
      </div>
      <button type="submit">${m.signIn}</button>
    </form>`;
}

/** An error summary's link moves focus to its field, inside the shadow root. */
export const focusTarget = (c: AnubhavConsole, id: string) => (e: Event) => {
  e.preventDefault();
  c.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
};
