/**
 * The live stream as a controller: one `EventSource` on `/api/stream` while
 * the console is connected and signed in. The browser reconnects by itself
 * and sends `Last-Event-ID`, so the collector replays what was missed; on
 * `reload` (too much was missed) the console reloads its view instead.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CaseSummary } from '../core/office.js';

export class LiveController implements ReactiveController {
  /** Whether the stream is open now; shown to the user, who may rely on it. */
  connected = false;
  private source?: EventSource;

  constructor(
    private host: ReactiveControllerHost,
    private url: () => string,
    private onCase: (c: CaseSummary) => void,
    private onReload: () => void,
  ) {
    host.addController(this);
  }

  start() {
    if (this.source) return;
    const source = new EventSource(this.url(), { withCredentials: true });
    this.source = source;
    source.onopen = () => this.set(true);
    // A dropped connection is retried by the browser (readyState
    // CONNECTING). A refused one (401 after the session ended) is CLOSED
    // for good, and the console's next request sends it to sign-in.
    source.onerror = () => this.set(false);
    source.addEventListener('feedback', (e) => {
      try {
        this.onCase(JSON.parse((e as MessageEvent<string>).data) as CaseSummary);
      } catch {
        // A malformed event is skipped; the inbox reload picks the case up.
      }
    });
    source.addEventListener('reload', () => this.onReload());
  }

  stop() {
    this.source?.close();
    this.source = undefined;
    this.set(false);
  }

  private set(connected: boolean) {
    if (this.connected === connected) return;
    this.connected = connected;
    this.host.requestUpdate();
  }

  hostDisconnected() {
    this.stop();
  }
}
