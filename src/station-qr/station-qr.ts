import { LitElement, html, svg, nothing } from 'lit';
import { fill, resolveLang, type QrMessages } from '../core/i18n.js';
import { PAPERS, POSTER_TEXT, type Paper } from '../core/poster.js';
import { ERROR_CORRECTIONS, qrMatrix, type QrMatrix } from '../core/qr.js';
import { qrExtent, qrPath } from '../core/qr-svg.js';
import { buildStationUrl, readableUrl, StationUrlError } from '../core/station-url.js';
import { enQr } from '../locales/en.js';
import { hiQr } from '../locales/hi.js';
import type { FileKind, PosterJob } from './print.js';
import { styles } from './station-qr.styles.js';

const QR_MESSAGES = { hi: hiQr, en: enQr };

/** The download buttons' files, in their order: the poster's first, then the code's. */
const KINDS: FileKind[] = ['poster.svg', 'poster.png', 'svg', 'png'];

/**
 * A QR code that opens the feedback form with one station already chosen,
 * with its caption, the readable URL and SVG/PNG downloads; or, with
 * `variant="poster"`, the printable A4/A5 station poster.
 *
 * @summary The QR block for a station page or poster.
 *
 * @slot logo - Poster only: a district or police logo in the centre of the code. With a logo the code uses error correction `H`.
 *
 * @csspart base - The figure around the code and caption.
 * @csspart code - The QR code's `<svg>`.
 * @csspart caption - The instruction, station and district names and URL.
 * @csspart url - The human-readable URL under the code.
 * @csspart downloads - The row of download buttons.
 * @csspart error - The message shown instead of the code when it cannot be made, and under the buttons when a download fails.
 * @csspart poster - Poster only: the printable sheet.
 *
 * @cssprop [--anubhav-accent=#0b5394] - Colour of the download buttons.
 * @cssprop [--anubhav-radius=8px] - Corner radius of the buttons.
 * @cssprop [--anubhav-font-scale=1] - Multiplies the base font size.
 * @cssprop [--anubhav-qr-color=#000] - Colour of the dark modules.
 * @cssprop [--anubhav-qr-background=#fff] - Colour behind the code.
 */
export class StationQr extends LitElement {
  static override styles = styles;

  // Declared without decorators: the decorator helpers cost every page
  // about 0.5 KiB gzip. Private state is `attribute: false` alone: outside
  // dev mode, all that `state: true` adds to it is that same flag.
  static override properties = {
    variant: { reflect: true },
    paper: { reflect: true },
    hasLogo: { attribute: false },
    downloadError: { attribute: false },
    busy: { attribute: false },
    station: {},
    formUrl: { attribute: 'form-url' },
    stationName: { attribute: 'station-name' },
    districtName: { attribute: 'district-name' },
    lang: { reflect: true },
    errorCorrection: { attribute: 'error-correction' },
    size: { type: Number },
  };

  // Public properties spell their values out rather than naming core's
  // aliases (Paper, ErrorCorrection, Lang): the manifest copies the text, and
  // editors and the generated framework types then offer the values.

  /** `code` (the QR block) or `poster` (the printable station poster). */
  variant: 'code' | 'poster' = 'code';

  /** Poster paper size, `A4` or `A5`. Add `@page { size: A5; margin: 0 }` to the printing page. */
  paper: 'A4' | 'A5' = 'A5';

  private hasLogo = false;
  /** The last download failed. */
  private downloadError = false;
  /** A download is being made; further presses wait for it. */
  private busy = false;

  /** The station id (required): ASCII letters, digits, `.`, `_` or `-`. */
  station = '';

  /**
   * The page that hosts `<anubhav-feedback>`; `station=<id>` is added to its
   * query. Recommended: the collector's hosted page, `https://<collector>/f`.
   */
  formUrl = '';

  /** The station's name, shown as the caption (always as text). */
  stationName = '';

  /** The district's name, shown under the station name. */
  districtName = '';

  /** `hi` or `en`; defaults to the nearest `[lang]` ancestor, then `hi`. */
  override lang!: 'hi' | 'en';

  /** QR error correction: `L`, `M`, `Q` or `H`. Unknown values fall back to `M`; a poster logo forces `H`. */
  errorCorrection: 'L' | 'M' | 'Q' | 'H' = 'M';

  /** Rendered width and height of the code in CSS pixels. */
  size = 200;

  /** The URL the code encodes, or `undefined` while the configuration is bad. */
  get url(): string | undefined {
    return this.code()?.url;
  }

  private cache?: { key: string; url: string; matrix: QrMatrix } | { key: string; error: string };

  /** Builds the URL and matrix once per configuration, not on every render. */
  private code(): { url: string; matrix: QrMatrix } | undefined {
    const ec = this.poster && this.hasLogo ? 'H' : ERROR_CORRECTIONS.includes(this.errorCorrection) ? this.errorCorrection : 'M';
    const key = `${this.formUrl}\n${this.station}\n${ec}`;
    if (this.cache?.key !== key) {
      try {
        if (!this.station) throw new StationUrlError('bad-station', 'the station attribute is required');
        if (!this.formUrl) throw new StationUrlError('bad-form-url', 'the form-url attribute is required');
        const url = buildStationUrl(this.formUrl, this.station, document.baseURI);
        this.cache = { key, url, matrix: qrMatrix(url, ec) };
      } catch (err) {
        this.cache = { key, error: err instanceof Error ? err.message : String(err) };
      }
    }
    return 'url' in this.cache! ? this.cache : undefined;
  }

  private get messages(): QrMessages {
    return QR_MESSAGES[resolveLang(this.lang, this.parentElement?.closest('[lang]')?.getAttribute('lang'))];
  }

  private get poster() {
    return this.variant === 'poster';
  }

  private get paperSize(): Paper {
    return this.paper in PAPERS ? this.paper : 'A5';
  }

  override render() {
    const m = this.messages;
    const code = this.code();
    if (!code) {
      const error = this.cache && 'error' in this.cache ? this.cache.error : '';
      return html`<p part="error" class="error" role="alert">${m.error} ${error}</p>`;
    }
    const n = qrExtent(code.matrix);
    const size = Math.min(2000, Math.max(64, Number(this.size) || 200));
    const station = this.stationName || fill(m.stationFallback, { id: this.station });
    const readable = readableUrl(code.url);
    const image = html`
      <svg part="code" role="img" aria-label=${fill(m.label, { station, url: readable })}
        viewBox="0 0 ${n} ${n}" width=${size} height=${size} shape-rendering="crispEdges">
        ${svg`<path fill="currentColor" d=${qrPath(code.matrix)}></path>`}
      </svg>`;
    // Each button reads "Poster (SVG)", and is named for assistive technology
    // with its station too ("Poster (SVG) of Civil Lines"), so that a list of
    // a page's buttons tells the stations apart. The name keeps the visible
    // words whole (WCAG 2.5.3), so a voice user can say what they see.
    const downloads = html`
      <div class="downloads" part="downloads" aria-busy=${this.busy}>
        ${(this.poster ? KINDS : KINDS.slice(2)).map((kind) => {
          const label = `${kind.startsWith('poster') ? m.poster : m.code} (${kind.slice(-3).toUpperCase()})`;
          return html`<button type="button" aria-label=${fill(m.named, { label, station })} @click=${() => this.download(kind)}>${label}</button>`;
        })}
        ${this.downloadError ? html`<p class="error" part="error" role="alert">${m.downloadFailed}</p>` : nothing}
      </div>`;
    if (this.poster) {
      return html`
        <div class="sheet ${this.paperSize}">
          <article class="poster" part="poster" lang="hi">
            <header class="band"><h2>${POSTER_TEXT.heading}</h2><p>${POSTER_TEXT.subheadingHi}</p><p lang="en">${POSTER_TEXT.subheadingEn}</p></header>
            <p class="instruction"><strong>${POSTER_TEXT.instructionHi}</strong><span lang="en">${POSTER_TEXT.instructionEn}</span></p>
            <p class="station">${this.stationName}</p>
            <p class="district">${this.districtName}</p>
            <div class="code">${image}<div class="logo" ?hidden=${!this.hasLogo}><slot name="logo" @slotchange=${this.handleLogo}></slot></div></div>
            <p class="url" part="url" lang="en">${readable}</p>
            <p class="emergency"><span>${POSTER_TEXT.emergencyHi}</span><span lang="en">${POSTER_TEXT.emergencyEn}</span></p>
          </article>
        </div>
        ${downloads}`;
    }
    return html`
      <figure part="base">
        ${image}
        <figcaption part="caption">
          <p class="instruction">${m.instruction}</p>
          ${this.stationName ? html`<p class="station">${this.stationName}</p>` : nothing}
          ${this.districtName ? html`<p class="district">${this.districtName}</p>` : nothing}
          <p class="url" part="url">${readable}</p>
        </figcaption>
        ${downloads}
      </figure>`;
  }

  private handleLogo = (e: Event) => {
    this.hasLogo = (e.target as HTMLSlotElement).assignedElements().length > 0;
  };

  /**
   * Downloads the code as a standalone SVG file, black on white. Resolves to
   * `true` once the file is handed to the browser; to `false` when the
   * configuration is bad, another download is being made, or the file could
   * not be made (then a message shows under the buttons). The same holds
   * for the other downloads.
   */
  downloadSvg(): Promise<boolean> {
    return this.download('svg');
  }

  /** Downloads the code as a PNG, 300 dpi across A5 (1748 px square). */
  downloadPng(): Promise<boolean> {
    return this.download('png');
  }

  /** Poster only: downloads the poster as a print-ready SVG in millimetres, the slotted `<img>` logo embedded. */
  downloadPosterSvg(): Promise<boolean> {
    return this.download('poster.svg');
  }

  /** Poster only: downloads the poster as a PNG at 300 dpi, with the slotted `<img>` logo. */
  downloadPosterPng(): Promise<boolean> {
    return this.download('poster.png');
  }

  /**
   * Makes one file with the print module, loaded on first use, and saves
   * it. One at a time: on slow data a second press would otherwise queue a
   * second download. Everything is read before the first wait, so the file
   * matches the station shown when it was pressed. A failure is shown under
   * the buttons, afresh each time so that screen readers hear it again: the
   * print file did not load (the drop-in was copied without
   * `station-qr-print.js`, or the network failed), or the logo cannot be
   * drawn (broken, or from another website without CORS).
   */
  private async download(kind: FileKind) {
    const code = this.code();
    if (!code || this.busy) return false;
    const job: PosterJob = {
      paper: this.paperSize,
      station: { name: this.stationName, district: this.districtName, url: readableUrl(code.url) },
      logo: this.querySelector('img[slot="logo"]'),
    };
    const name = `anubhav-qr-${this.station}.${kind}`;
    this.busy = true;
    let blob: Blob | null = null;
    try {
      // Only a message already shown needs taking down before it can be shown anew.
      if (this.downloadError) {
        this.downloadError = false;
        await this.updateComplete;
      }
      blob = await (await import('./print.js')).makeFile(kind, code.matrix, job);
    } catch {
      // Shown under the buttons. A missing print file or a broken logo also shows as a failed request in the console.
    } finally {
      this.busy = false;
    }
    if (!blob) {
      this.downloadError = true;
      return false;
    }
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    return true;
  }
}
