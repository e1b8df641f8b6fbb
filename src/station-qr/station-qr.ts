import { LitElement, html, svg, nothing } from 'lit';
import { fill, resolveLang, type QrMessages } from '../core/i18n.js';
import { ERROR_CORRECTIONS, QUIET_ZONE, qrExtent, qrMatrix, qrPath, qrSvgDocument, type ErrorCorrection, type QrMatrix } from '../core/qr.js';
import { buildStationUrl, readableUrl, StationUrlError } from '../core/station-url.js';
import { enQr } from '../locales/en.js';
import { hiQr } from '../locales/hi.js';
import { styles } from './station-qr.styles.js';

const QR_MESSAGES = { hi: hiQr, en: enQr };
/** PNG downloads are at least this many pixels wide: sharp on an A5 print. */
const PNG_MIN_PX = 1200;

/**
 * A QR code that opens the feedback form with one station already chosen,
 * with its caption, the readable URL and SVG/PNG downloads.
 *
 * @summary The QR block for a station page or poster.
 *
 * @csspart base - The figure around the code and caption.
 * @csspart code - The QR code's `<svg>`.
 * @csspart caption - The instruction, station and district names and URL.
 * @csspart url - The human-readable URL under the code.
 * @csspart downloads - The row of download buttons.
 * @csspart error - The message shown instead of the code when it cannot be made.
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
    station: {},
    formUrl: { attribute: 'form-url' },
    stationName: { attribute: 'station-name' },
    districtName: { attribute: 'district-name' },
    lang: { reflect: true },
    errorCorrection: { attribute: 'error-correction' },
    size: { type: Number },
  };

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

  /** QR error correction: `L`, `M`, `Q` or `H`. Unknown values fall back to `M`. */
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
    const ec = ERROR_CORRECTIONS.includes(this.errorCorrection) ? this.errorCorrection : 'M';
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
    return html`
      <figure part="base">
        <svg part="code" role="img" aria-label=${fill(m.label, { station, url: readableUrl(code.url) })}
          viewBox="0 0 ${n} ${n}" width=${size} height=${size} shape-rendering="crispEdges">
          ${svg`<path fill="currentColor" d=${qrPath(code.matrix)}></path>`}
        </svg>
        <figcaption part="caption">
          <p class="instruction">${m.instruction}</p>
          ${this.stationName ? html`<p class="station">${this.stationName}</p>` : nothing}
          ${this.districtName ? html`<p class="district">${this.districtName}</p>` : nothing}
          <p class="url" part="url">${readableUrl(code.url)}</p>
        </figcaption>
        <div class="downloads" part="downloads">
          <button type="button" @click=${this.handleDownloadSvg}>${m.downloadSvg}</button>
          <button type="button" @click=${this.handleDownloadPng}>${m.downloadPng}</button>
        </div>
      </figure>`;
  }

  /** Downloads the code as a standalone SVG file, black on white. */
  downloadSvg(): void {
    const code = this.code();
    if (code) this.save(new Blob([qrSvgDocument(code.matrix)], { type: 'image/svg+xml' }), 'svg');
  }

  /**
   * Downloads the code as a PNG. It is drawn straight from the matrix: an
   * SVG-to-image round trip would need `img-src blob:`, which a strict CSP
   * forbids.
   */
  async downloadPng(): Promise<void> {
    const code = this.code();
    if (!code) return;
    const n = qrExtent(code.matrix);
    const scale = Math.ceil(PNG_MIN_PX / n);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = n * scale;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#000';
    for (let y = 0; y < code.matrix.size; y++) {
      for (let x = 0; x < code.matrix.size; x++) {
        if (code.matrix.dark(x, y)) ctx.fillRect((x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale, scale, scale);
      }
    }
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) this.save(blob, 'png');
  }

  private save(blob: Blob, ext: string) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `anubhav-qr-${this.station}.${ext}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  private handleDownloadSvg = () => this.downloadSvg();
  private handleDownloadPng = () => void this.downloadPng();
}
