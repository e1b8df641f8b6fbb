// The editor data that `npm run build` generates from custom-elements.json:
// VS Code's HTML and CSS custom data, checked against VS Code's own schema
// and loaded into VS Code's HTML language service (the engine behind its
// completion) to complete the tags, their attributes and values, as a user
// typing in an editor would; and JetBrains' web-types.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
// CommonJS: its named exports are not visible to an ESM import.
import htmlService from 'vscode-html-languageservice';

const { getLanguageService, newHTMLDataProvider, TextDocument } = htmlService;

const json = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const html = json('dist/vscode.html-custom-data.json');
const css = json('dist/vscode.css-custom-data.json');
const pkg = json('package.json');

/** Completion items at the `|` in `text`, with VS Code's HTML service and only our data. */
function complete(text) {
  const service = getLanguageService({ customDataProviders: [newHTMLDataProvider('anubhav', html)], useDefaultDataProvider: false });
  const offset = text.indexOf('|');
  const doc = TextDocument.create('file:///page.html', 'html', 1, text.replace('|', ''));
  return service.doComplete(doc, doc.positionAt(offset), service.parseHTMLDocument(doc)).items;
}
const labels = (items) => items.map((i) => i.label);
const doc = (item) => (typeof item.documentation === 'string' ? item.documentation : item.documentation?.value ?? '');

describe('VS Code custom data', () => {
  test('both files match VS Code\'s custom data schemas', () => {
    const ajv = new Ajv({ strict: false });
    for (const [data, schema] of [
      [html, 'node_modules/vscode-html-languageservice/docs/customData.schema.json'],
      [css, 'node_modules/vscode-css-languageservice/docs/customData.schema.json'],
    ]) {
      const validate = ajv.compile(json(schema));
      assert.ok(validate(data), JSON.stringify(validate.errors));
    }
  });

  test('completes both tags, each with its description', () => {
    const items = complete('<body><|</body>');
    assert.ok(labels(items).includes('anubhav-feedback'), labels(items).join());
    assert.ok(labels(items).includes('station-qr'), labels(items).join());
    assert.match(doc(items.find((i) => i.label === 'anubhav-feedback')), /The Anubhav feedback form/);
    assert.match(doc(items.find((i) => i.label === 'station-qr')), /QR block/);
  });

  test('completes the attributes with descriptions, and no property-only member', () => {
    const feedback = complete('<anubhav-feedback |></anubhav-feedback>');
    for (const name of ['endpoint', 'station', 'stations-src', 'lang', 'questions-src', 'privacy-url', 'emergency-number', 'retention-days', 'source']) {
      assert.ok(labels(feedback).includes(name), `${name} missing: ${labels(feedback).join()}`);
    }
    assert.ok(!labels(feedback).includes('stations'), 'stations is a property, not an attribute');
    assert.match(doc(feedback.find((i) => i.label === 'endpoint')), /URL that receives responses/);
    const qr = complete('<station-qr |></station-qr>');
    for (const name of ['station', 'form-url', 'station-name', 'district-name', 'variant', 'paper', 'error-correction', 'size', 'lang']) {
      assert.ok(labels(qr).includes(name), `${name} missing: ${labels(qr).join()}`);
    }
  });

  test('completes the values of narrow attributes', () => {
    assert.deepEqual(labels(complete('<anubhav-feedback lang="|"></anubhav-feedback>')).sort(), ['en', 'hi']);
    assert.deepEqual(labels(complete('<station-qr paper="|"></station-qr>')).sort(), ['A4', 'A5']);
    assert.deepEqual(labels(complete('<station-qr error-correction="|"></station-qr>')).sort(), ['H', 'L', 'M', 'Q']);
  });

  test('the CSS data lists the --anubhav-* custom properties once each', () => {
    const names = css.properties.map((p) => p.name);
    assert.ok(names.includes('--anubhav-accent') && names.includes('--anubhav-qr-color'), names.join());
    assert.equal(new Set(names).size, names.length, `duplicates in ${names.join()}`);
    assert.ok(names.every((n) => n.startsWith('--anubhav-')));
  });
});

describe('package.json points editors at the data', () => {
  test('JetBrains finds web-types.json, which names both elements', () => {
    const webTypes = json(pkg['web-types'].replace(/^\.\//, ''));
    const elements = webTypes.contributions.html.elements.map((e) => e.name);
    assert.deepEqual(elements.sort(), ['anubhav-feedback', 'station-qr']);
  });

  test('every generated file is exported', () => {
    for (const [entry, file] of [
      ['./vscode.html-custom-data.json', './dist/vscode.html-custom-data.json'],
      ['./vscode.css-custom-data.json', './dist/vscode.css-custom-data.json'],
      ['./web-types.json', './dist/web-types.json'],
      ['./react', { types: './dist/frameworks/react.d.ts', default: './dist/frameworks/react.js' }],
      ['./vue', { types: './dist/frameworks/vue.d.ts', default: './dist/frameworks/vue.js' }],
      ['./svelte', { types: './dist/frameworks/svelte.d.ts', default: './dist/frameworks/svelte.js' }],
      ['./solid', { types: './dist/frameworks/solid.d.ts', default: './dist/frameworks/solid.js' }],
    ]) {
      assert.deepEqual(pkg.exports[entry], file, entry);
    }
  });
});
