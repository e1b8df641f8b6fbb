// The form as a citizen with large text, a screen reader or low vision
// meets it: the built dist/anubhav.js on the strict-CSP page, in Chromium.
// - Large text: at 320 and 360 px, at 100%, 150% and 200% text, in both
//   languages, before and after an empty submit: no sideways scroll, no two
//   controls overlapping, no text spilling out of its control, every
//   control inside the viewport.
// - The accessibility tree (CDP Accessibility.getFullAXTree): the error
//   summary is an alert read with its items, each invalid field and radio
//   has its error in its description, required state is exposed, and no
//   name glues two words together.
// - Non-text contrast: every control's boundary at least 3:1 against what
//   is around it, unselected and selected.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../support/browser.mjs';
import { startSiteCollector } from '../../collector/test/support.mjs';

let collector, browser;
before(async () => {
  collector = await startSiteCollector({ minFillMs: 0 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await collector?.close();
});

async function openForm({ width = 360, lang = 'hi', scale = 1 } = {}) {
  const page = await browser.newPage({ viewport: { width, height: 740 } });
  await page.goto(`${collector.base}/e2e/strict.html?station=BSP-CIVIL-LINES`);
  await page.getByText(lang === 'hi' ? 'सिविल लाइन' : 'सिविल लाइन', { exact: true }).waitFor();
  await page.evaluate(([l, s]) => {
    document.querySelector('station-qr')?.remove();
    document.querySelector('anubhav-feedback').lang = l;
    // Android's font scale, as the page's text size: the form sizes its text in em from it.
    document.documentElement.style.fontSize = `${s * 100}%`;
  }, [lang, scale]);
  await page.waitForTimeout(100);
  return page;
}

const submitEmpty = async (page) => {
  await page.locator('anubhav-feedback button[type=submit]').click();
  await page.locator('anubhav-feedback .error-summary').waitFor();
};

describe('large text', () => {
  for (const width of [320, 360]) {
    for (const scale of [1, 1.5, 2]) {
      for (const lang of ['hi', 'en']) {
        test(`${width} px, ${scale * 100}% text, ${lang}: nothing overlaps or scrolls sideways, before and after an empty submit`, async () => {
          const page = await openForm({ width, lang, scale });
          for (const state of ['initial', 'errors']) {
            if (state === 'errors') await submitEmpty(page);
            const report = await page.evaluate(() => {
              const root = document.querySelector('anubhav-feedback').shadowRoot;
              // Radios and checkboxes are drawn as (or inside) their labels: the label is the control's box.
              const controls = [...root.querySelectorAll('a, button, select, textarea, input:not([type=radio]):not([type=checkbox]), .option label, .checkbox label, .checkbox input')]
                .filter((el) => el.offsetParent !== null && !el.closest('.trap'))
                .map((el) => ({ el, r: el.getBoundingClientRect() }));
              const name = (el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.id || '').trim().slice(0, 30)}"`;
              const outside = controls.filter(({ r }) => r.left < -0.5 || r.right > innerWidth + 0.5).map(({ el }) => name(el));
              const overlaps = [];
              for (let i = 0; i < controls.length; i++) {
                for (let j = i + 1; j < controls.length; j++) {
                  const [a, b] = [controls[i].r, controls[j].r];
                  const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                  const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                  // A checkbox sits beside its label; they may touch, never cover each other.
                  if (x > 1 && y > 1 && !controls[i].el.contains(controls[j].el)) overlaps.push(`${name(controls[i].el)} × ${name(controls[j].el)}`);
                }
              }
              // Text that runs out of its box overlaps its neighbour even when the boxes do not.
              const spilling = controls.filter(({ el }) => el.scrollWidth > el.clientWidth + 1).map(({ el }) => name(el));
              return { scroll: document.documentElement.scrollWidth - innerWidth, outside, overlaps, spilling, count: controls.length };
            });
            assert.ok(report.count > 20, `${state}: found the controls`);
            if (scale === 1) {
              // At the default size the five ratings still make one row.
              const rows = await page.evaluate(() => [...document.querySelector('anubhav-feedback').shadowRoot.querySelector('.rating .options').children]
                .map((o) => Math.round(o.getBoundingClientRect().top)));
              assert.equal(new Set(rows).size, 1, `${state}: the ratings wrap at the default size`);
            }
            assert.equal(report.scroll, 0, `${state}: scrolls sideways by ${report.scroll} px`);
            assert.deepEqual(report.outside, [], `${state}: controls outside the viewport`);
            assert.deepEqual(report.overlaps, [], `${state}: overlapping controls`);
            assert.deepEqual(report.spilling, [], `${state}: text spilling out of its control`);
          }
          await page.close();
        });
      }
    }
  }
});

/** Chromium's accessibility tree, as a screen reader gets it. */
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const prop = (n, name) => n.properties?.find((p) => p.name === name)?.value?.value;
  return nodes.filter((n) => !n.ignored).map((n) => ({
    role: n.role?.value, name: n.name?.value ?? '', description: n.description?.value ?? '',
    required: prop(n, 'required'), invalid: prop(n, 'invalid'), focused: prop(n, 'focused'), id: n.nodeId, childIds: n.childIds ?? [],
  }));
}

describe('the accessibility tree', () => {
  for (const lang of ['hi', 'en']) {
    test(`after an empty submit (${lang}): the summary is an alert read with its items; errors describe their fields; required is exposed; names keep their spaces`, async () => {
      const page = await openForm({ lang });
      const before = await axTree(page);
      const required = before.filter((n) => n.required === true);
      // The four required questions of the default set, as radio groups.
      assert.equal(required.filter((n) => n.role === 'radiogroup').length, 4, JSON.stringify(required.map((n) => [n.role, n.name])));
      const glued = before.filter((n) => /[^\s(]\((required|आवश्यक)\)/.test(n.name)).map((n) => n.name);
      assert.deepEqual(glued, []);

      await submitEmpty(page);
      const nodes = await axTree(page);
      const byId = new Map(nodes.map((n) => [n.id, n]));
      const alert = nodes.find((n) => n.role === 'alert');
      assert.ok(alert, 'an alert');
      assert.equal(alert.focused, true, 'the summary has the focus');
      const text = (n) => [n.name, ...n.childIds.map((id) => byId.get(id)).filter(Boolean).map(text)].join(' ');
      const items = nodes.filter((n) => n.role === 'listitem' && text(alert).includes(text(n)));
      assert.ok(items.length >= 4, `the alert reads its items: ${text(alert).slice(0, 200)}`);

      const invalid = nodes.filter((n) => n.invalid && n.invalid !== 'false');
      const radios = invalid.filter((n) => n.role === 'radio');
      assert.equal(radios.length, 6 + 5 + 3 + 5, 'every radio of the four required groups is invalid');
      const prefix = lang === 'hi' ? 'त्रुटि' : 'Error';
      for (const r of radios) assert.match(r.description, new RegExp(prefix), `radio "${r.name}" is described by its error`);
      const groups = nodes.filter((n) => n.role === 'radiogroup' && n.required === true);
      for (const g of groups) assert.match(g.description, new RegExp(prefix), `group "${g.name}" is described by its error`);
      await page.close();
    });
  }
});

describe('non-text contrast', () => {
  test('every control\'s boundary reaches 3:1 against its surroundings: unselected, selected, and after an empty submit', async () => {
    const page = await openForm({ lang: 'en' });
    const measure = () => page.evaluate(() => {
      const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      /** The first opaque background at or above an element, through the shadow host. */
      const around = (el) => {
        for (let e = el; e; e = e.parentElement ?? e.getRootNode().host) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const root = document.querySelector('anubhav-feedback').shadowRoot;
      const out = [];
      for (const el of root.querySelectorAll('.option label, input[type=text], input[type=tel], input[type=date], select:not(:disabled), textarea, button')) {
        if (el.offsetParent === null || el.closest('.trap')) continue;
        const s = getComputedStyle(el);
        const outside = around(el.parentElement);
        const own = rgb(s.backgroundColor);
        // The boundary is the border where there is one, else the control's own fill.
        const edge = parseFloat(s.borderTopWidth) > 0 ? rgb(s.borderTopColor).slice(0, 3) : own.slice(0, 3);
        out.push({ what: `${el.tagName.toLowerCase()} ${(el.textContent || el.id).trim().slice(0, 20)}`, ratio: Math.round(ratio(edge, outside) * 100) / 100 });
      }
      return out;
    });
    const unselected = await measure();
    await page.getByRole('radiogroup', { name: /Overall experience/ }).getByLabel('4 Good').check();
    await page.getByRole('radiogroup', { name: /Purpose of visit/ }).getByLabel('Complaint / FIR').check();
    const selected = await measure();
    await page.locator('anubhav-feedback button[type=submit]').click();
    await page.locator('anubhav-feedback .error-summary').waitFor();
    const errors = await measure();
    for (const m of [...unselected, ...selected, ...errors]) assert.ok(m.ratio >= 3, `${m.what}: ${m.ratio}:1`);
    assert.ok(unselected.length > 20);
    await page.close();
  });
});
