import { LitElement, html, svg, nothing } from 'lit';
import { fill, resolveLang, type QrMessages } from '../core/i18n.js';
import { PAPERS, POSTER_TEXT, type Paper } from '../core/poster.js';
import { ERROR_CORRECTIONS, qrMatrix, type ErrorCorrection, type QrMatrix } from '../core/qr.js';
import { qrExtent, qrPath } from '../core/qr-svg.js';
import { buildStationUrl, readableUrl, StationUrlError } from '../core/station-url.js';
import { enQr } from '../locales/en.js';
import { hiQr } from '../locales/hi.js';
import type { PosterJob } from './print.js';
import { styles } from './station-qr.styles.js';

type PrintModule = typeof import('./print.js');

const QR_MESSAGES = { hi: hiQr, en: enQr };

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
 * @csspart error - The message shown instead of the code when it cannot be made.
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
  // about 0.5 KiB gzip.
  static override properties = {
    variant: { reflect: true },
    paper: { reflect: true },
    hasLogo: { state: true, attribute: false },
    downloadError: { state: true, attribute: false },
    station: {},
    formUrl: { attribute: 'form-url' },
    stationName: { attribute: 'station-name' },
    districtName: { attribute: 'district-name' },
    lang: { reflect: true },
    errorCorrection: { attribute: 'error-correction' },
    size: { type: Number },
  };

  /** `code` (the QR block) or `poster` (the printable station poster). */
  variant: 'code' | 'poster' = 'code';

  /** Poster paper size, `A4` or `A5`. Add `@page { size: A5; margin: 0 }` to the printing page. */
  paper: Paper = 'A5';

  private hasLogo = false;
  private downloadError = false;

  /** The station id (required): ASCII letters, digits, `.`, `_` or `-`. */
  station = '';

  /** The page that hosts `<anubhav-feedback>`; `station=<id>` is added to its query. */
  formUrl = '';

  /** The station's name, shown as the caption (always as text). */
  stationName = '';

  /** The district's name, shown under the station name. */
  districtName = '';

  /** `hi` or `en`; defaults to the nearest `[lang]` ancestor, then `hi`. */
  override lang!: string;

  /** QR error correction: `L`, `M`, `Q` or `H`. Unknown values fall back to `M`; a poster logo forces `H`. */
  errorCorrection: ErrorCorrection = 'M';

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
    const button = (label: string, handler: () => unknown) => html`<button type="button" @click=${handler}>${label}</button>`;
    const downloads = html`
      <div class="downloads" part="downloads">
        ${this.poster ? [button(m.posterSvg, () => this.downloadPosterSvg()), button(m.posterPng, () => this.downloadPosterPng())] : nothing}
        ${button(m.downloadSvg, () => this.downloadSvg())}
        ${button(m.downloadPng, () => this.downloadPng())}
      </div>
      ${this.downloadError ? html`<p class="error" role="alert">${m.downloadFailed}</p>` : nothing}`;
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
            <p class="emergency"><span lang="en">${POSTER_TEXT.emergencyEn}</span><span>${POSTER_TEXT.emergencyHi}</span></p>
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

  /** Downloads the code as a standalone SVG file, black on white. */
  downloadSvg(): Promise<void> {
    return this.download('svg', (print, code) => print.codeSvg(code.matrix));
  }

  /** Downloads the code as a PNG, 300 dpi across A5 (1748 px square). */
  downloadPng(): Promise<void> {
    return this.download('png', (print, code) => print.codePng(code.matrix));
  }

  /** Poster only: downloads the poster as a print-ready SVG in millimetres. */
  downloadPosterSvg(): Promise<void> {
    return this.download('poster.svg', (print, code) => print.posterSvgFile(this.posterJob(code.url), code.matrix));
  }

  /** Poster only: downloads the poster as a PNG at 300 dpi, with the logo if it is an `<img>`. */
  downloadPosterPng(): Promise<void> {
    return this.download('poster.png', (print, code) => print.posterPng(this.posterJob(code.url), code.matrix));
  }

  private posterJob(url: string): PosterJob {
    return {
      paper: this.paperSize,
      station: { name: this.stationName, district: this.districtName, url: readableUrl(url) },
      hasLogo: this.hasLogo,
      logo: this.querySelector<HTMLImageElement>('img[slot="logo"]') ?? undefined,
    };
  }

  /**
   * Makes one file with the print module, loaded on first use, and saves
   * it. If the module cannot be loaded (the drop-in was copied without its
   * `station-qr-print.js`), the element says so under the buttons.
   */
  private async download(ext: string, make: (print: PrintModule, code: { url: string; matrix: QrMatrix }) => Blob | Promise<Blob | null>) {
    const code = this.code();
    if (!code) return;
    let print: PrintModule;
    try {
      print = await import('./print.js');
    } catch {
      this.downloadError = true;
      return;
    }
    this.downloadError = false;
    const blob = await make(print, code);
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `anubhav-qr-${this.station}.${ext}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }
}
