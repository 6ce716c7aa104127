// test.js DIR - drive chromium over the flame graphs in DIR (made by run.sh)
// and check flame.js: hover, zoom, search, case, URL state, hostile names;
// then the JSON outputs: speedscope's files against its schema (ajv) and
// in its app, d3-flame-graph's in a page drawing them with d3.
// Prints one line per failed check and "N passed, N failed" at the end.
'use strict';
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const dir = path.resolve(process.argv[2] || '.');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 30000;
let passed = 0, failed = 0;

function url(name, query) {
  return 'file://' + path.join(dir, name) + (query || '');
}

class Fail extends Error {}
function check(cond, msg) {
  if (!cond) throw new Fail(msg);
}
function near(a, b, tol, msg) {
  check(Math.abs(a - b) <= (tol || 0.06), `${msg}: ${a} is not ${b}`);
}

// Everything a check needs about the frames, read from the live DOM.
function snapshot(page) {
  return page.evaluate(() => {
    const out = [];
    for (const g of document.getElementById('frames').children) {
      const t = g.querySelector('title'), r = g.querySelector('rect'), x = g.querySelector('text');
      const tip = t.textContent;
      const first = tip.split('\n')[0];
      const cut = first.lastIndexOf(' (');
      out.push({
        tip, name: cut >= 0 ? first.slice(0, cut) : first,
        x: parseFloat(r.getAttribute('x')), y: parseFloat(r.getAttribute('y')),
        w: parseFloat(r.getAttribute('width')),
        xs: r.getAttribute('x'), ws: r.getAttribute('width'),
        fill: r.getAttribute('fill'), cls: g.getAttribute('class') || '',
        shown: getComputedStyle(g).display !== 'none',
        label: x.textContent, tx: parseFloat(x.getAttribute('x')),
        tlen: getComputedStyle(g).display !== 'none' ? x.getComputedTextLength() : 0,
      });
    }
    return out;
  });
}

function byName(frames, name) {
  const f = frames.filter((f) => f.name === name);
  check(f.length === 1, `expected one frame "${name}", found ${f.length}`);
  return f[0];
}

function text(page, id) {
  return page.evaluate((id) => {
    const e = document.getElementById(id);
    return e ? e.textContent : null;
  }, id);
}

function classOf(page, id) {
  return page.evaluate((id) => document.getElementById(id).getAttribute('class') || '', id);
}

// location.href: page.url() follows replaceState only some time later
function href(page) {
  return page.evaluate(() => location.href);
}

async function params(page) {
  return new URL(await href(page)).searchParams;
}

// The <g> of the frame named name (the root is "all").
async function frame(page, name) {
  const h = await page.evaluateHandle((name) => {
    for (const g of document.getElementById('frames').children) {
      const first = g.querySelector('title').textContent.split('\n')[0];
      if (first.slice(0, first.lastIndexOf(' (')) === name)
        return g;
    }
    return null;
  }, name);
  const e = h.asElement();
  check(e, `no frame "${name}"`);
  return e;
}

// The frame's rect on the screen; it must be displayed.
async function rectBox(page, name) {
  const g = await frame(page, name);
  const shown = await g.evaluate((g) => getComputedStyle(g).display !== 'none');
  const box = await (await g.$('rect')).boundingBox();
  check(shown && box && box.width > 0, `frame "${name}" is not displayed`);
  return box;
}

// Click the middle of a frame's rect (the label may cover part of it).
async function clickFrame(page, name) {
  const box = await rectBox(page, name);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

async function hoverFrame(page, name) {
  const box = await rectBox(page, name);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
}

async function clickId(page, id) {
  const box = await page.evaluate((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, id);
  await page.mouse.click(box.x, box.y);
}

// A page with a queue of answers for prompt() and a record of other dialogs
// and script errors.
async function open(ctx, name, query, before) {
  const page = await ctx.newPage();
  if (before) await page.addInitScript(before);
  page.setDefaultTimeout(TIMEOUT);
  page.answers = [];
  page.prompts = [];
  page.alerts = [];
  page.errors = [];
  page.on('dialog', async (d) => {
    if (d.type() === 'prompt') {
      page.prompts.push(d.message());
      const a = page.answers.shift();
      if (a === undefined || a === null) await d.dismiss();
      else await d.accept(a);
    } else {
      page.alerts.push(d.type() + ': ' + d.message());
      await d.dismiss();
    }
  });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(url(name, query), { waitUntil: 'load' });
  await page.waitForFunction(() => typeof fg_conf === 'object');
  return page;
}

async function reload(page) {
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => typeof fg_conf === 'object');
}

function noErrors(page) {
  check(page.errors.length === 0, 'script errors: ' + page.errors.join(' | '));
  check(page.alerts.length === 0, 'unexpected dialogs: ' + page.alerts.join(' | '));
}

// The widths of the labels fit their rects; cut labels end in ".." (or
// start with "..." for left truncation) and keep whole characters.
function labelsFit(frames, conf) {
  const min = 2 * conf.fontsize * conf.fontwidth;
  for (const f of frames) {
    if (!f.shown) continue;
    const full = f.name === 'all' ? 'all' : f.name;
    if (f.w < min) {
      check(f.label === '', `"${f.name}" (${f.w} px) has label "${f.label}"`);
      continue;
    }
    check(f.tlen <= f.w - 3 + 0.5, `label "${f.label}" is ${f.tlen} px in ${f.w} px`);
    near(f.tx, f.x + 3, 0.06, `label x of "${f.name}"`);
    if (f.label === full || f.label === '') continue;
    if (conf.truncate === 'left') {
      check(f.label.startsWith('...') && full.endsWith(f.label.slice(3)),
        `"${f.label}" is no left cut of "${full}"`);
    } else {
      check(f.label.endsWith('..') && full.startsWith(f.label.slice(0, -2)),
        `"${f.label}" is no right cut of "${full}"`);
    }
    check(!/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/.test(f.label),
      `"${f.label}" splits a surrogate pair`);
    // no cut before a combining mark, variation selector, skin tone or
    // after or before a zero-width joiner
    const partial = /^(\.\.\.)?([\u0300-\u036f\ufe00-\ufe0f\u200d]|\ud83c[\udffb-\udfff])|\u200d(\.\.)?$/;
    check(!partial.test(f.label), `"${f.label}" cuts a character`);
    if (conf.truncate !== 'left') {
      const next = full.slice(f.label.length - 2);
      check(!/^([\u0300-\u036f\udc00-\udfff\ufe00-\ufe0f\u200d]|\ud83c[\udffb-\udfff])/.test(next),
        `"${f.label}" drops the rest of a character of "${full}"`);
    } else {
      const before = full.slice(0, full.length - (f.label.length - 3));
      check(!/\u200d$/.test(before), `"${f.label}" drops the start of a character of "${full}"`);
    }
  }
}

const tests = [];
function test(name, fn) { tests.push({ name, fn }); }

test('flame.js fits in a CDATA section of any XML', async () => {
  const js = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'lib', 'flame.js'), 'latin1');
  check(!js.includes(']]>'), 'flame.js contains the CDATA terminator');
  check(!/[^\t\n\x20-\x7e]/.test(js), 'flame.js is not plain printable ASCII');
});

test('the SVGs embed this src/lib/flame.js (the build is current)', async () => {
  const js = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'lib', 'flame.js'), 'utf8');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.svg'))) {
    const svg = fs.readFileSync(path.join(dir, f), 'utf8');
    check(svg.includes('<![CDATA[\nvar fg_conf = {') || svg.includes('<![CDATA[var fg_conf = {'), f + ': no fg_conf line');
    check(svg.includes(js), f + ': the embedded script is not src/lib/flame.js (rebuild?)');
  }
});

test('flame.js is ES5 (with the fg_conf line svg.c puts before it)', async () => {
  const acorn = require('acorn');
  const js = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'lib', 'flame.js'), 'utf8');
  try {
    acorn.parse('var fg_conf = {"search":null};\n' + js, { ecmaVersion: 5, sourceType: 'script' });
  } catch (e) {
    check(false, 'not ES5: ' + e.message);
  }
});

// basic.folded: total 1000; main 875 = parse 400 (lex 300) + run 475
// (exec 400 = syscall 360 + a_rather_long... 40); idle 125.
const W = 1200, AV = 1180;

test('load: frames, buttons, no errors', async (ctx) => {
  const page = await open(ctx, 'basic.svg');
  const fr = await snapshot(page);
  check(fr.length === 9, `${fr.length} frames, expected 9`);
  check(fr[0].name === 'all', 'the root is not first');
  near(fr[0].w, AV, 0.06, 'root width');
  check((await text(page, 'details')).trim() === '', 'details not empty');
  check(/\bhide\b/.test(await classOf(page, 'unzoom')), 'Reset Zoom shown before any zoom');
  check(await text(page, 'search') === 'Search', 'search button text');
  check((await text(page, 'matched')).trim() === '', 'matched not empty');
  check((await params(page)).toString() === '', 'URL changed on load: ' + await href(page));
  noErrors(page);
});

// Every rule of the stylesheet survives any --fonttype: the title keeps its
// size, Reset Zoom stays hidden, the frames stay shown.
async function styleRules(page) {
  return page.evaluate(() => {
    const sheet = document.styleSheets[0];
    const title = document.getElementById('title');
    return {
      rules: sheet.cssRules.length,
      family: getComputedStyle(title).fontFamily,
      titleSize: getComputedStyle(title).fontSize,
      unzoom: getComputedStyle(document.getElementById('unzoom')).display,
      frames: getComputedStyle(document.getElementById('frames')).display,
    };
  });
}

test('--fonttype cannot break the stylesheet', async (ctx) => {
  const base = await styleRules(await open(ctx, 'basic.svg'));
  check(base.rules === 10, `basic.svg has ${base.rules} rules, expected 10`);
  const want = {
    'font-quote.svg': '"Andale Mono\\""',
    'font-rule.svg': '"x;}*{display:none"',
    'font-list.svg': 'monospace, "DejaVu Sans", "Andale Mono"',
    'font-escape.svg': '"a\\\\\\"}</style><x>"',
  };
  for (const [f, family] of Object.entries(want)) {
    const page = await open(ctx, f);
    const r = await styleRules(page);
    check(r.rules === base.rules, `${f}: ${r.rules} style rules, expected ${base.rules}`);
    check(r.titleSize === '17px', `${f}: title font-size ${r.titleSize}`);
    check(r.unzoom === 'none', `${f}: Reset Zoom is shown (${r.unzoom})`);
    check(r.frames !== 'none', `${f}: the frames are hidden`);
    check(r.family === family, `${f}: font-family ${r.family}, expected ${family}`);
    noErrors(page);
  }
});

test('hover shows details with name and self count; mouseout clears', async (ctx) => {
  const page = await open(ctx, 'basic.svg');
  const conf = await page.evaluate(() => fg_conf);
  await hoverFrame(page, 'parse');
  const d = await text(page, 'details');
  const tip = byName(await snapshot(page), 'parse').tip;
  check(d === conf.nametype + ' ' + tip.replace(/\n/g, '; '), `details "${d}" for title "${tip}"`);
  check(d.startsWith('Function: parse (400 samples, 40.00%)'), `details "${d}"`);
  // parse: 400 in all, 100 of them its own
  check(/;.*\b100\b/.test(d), `no self count 100 in "${d}"`);
  await page.mouse.move(2, 2);
  check((await text(page, 'details')).trim() === '', 'details not cleared on mouseout');
  noErrors(page);
});

test('click zooms: width, parents, hidden, rescaled, unzoom, URL', async (ctx) => {
  const page = await open(ctx, 'basic.svg');
  const before = await snapshot(page);
  const run0 = byName(before, 'run'), exec0 = byName(before, 'exec');
  await clickFrame(page, 'run');
  const fr = await snapshot(page);
  const run = byName(fr, 'run');
  near(run.x, 10, 0.06, 'run x');
  near(run.w, AV, 0.06, 'run width');
  check(!/parent|hide/.test(run.cls), 'run has class ' + run.cls);
  for (const n of ['main', 'all']) {
    const f = byName(fr, n);
    check(/\bparent\b/.test(f.cls) && f.shown, `${n} is not a shown parent (${f.cls})`);
    near(f.x, 10, 0.06, n + ' x'); near(f.w, AV, 0.06, n + ' width');
  }
  check(byName(fr, 'all').label === 'all', 'root label is not "all"');
  for (const n of ['idle', 'parse', 'lex']) {
    const f = byName(fr, n);
    check(/\bhide\b/.test(f.cls) && !f.shown, `${n} not hidden`);
  }
  const ratio = AV / run0.w;
  for (const n of ['exec', 'syscall', 'a_rather_long_function_name_that_is_cut_when_narrow']) {
    const f0 = byName(before, n), f = byName(fr, n);
    check(f.shown && !/parent|hide/.test(f.cls), `${n} is not plainly shown`);
    near(f.x, 10 + (f0.x - run0.x) * ratio, 0.2, n + ' x');
    near(f.w, f0.w * ratio, 0.2, n + ' width');
  }
  near(byName(fr, 'exec').w, exec0.w * ratio, 0.2, 'exec width');
  check(!/\bhide\b/.test(await classOf(page, 'unzoom')), 'Reset Zoom not shown');
  const p = await params(page);
  check(p.get('x') !== null && Math.abs(parseFloat(p.get('x')) - run0.x) < 0.01, 'URL x: ' + await href(page));
  check(p.get('y') !== null && Math.abs(parseFloat(p.get('y')) - run0.y) < 0.01, 'URL y: ' + await href(page));
  noErrors(page);
});

test('labels re-fitted after zoom with real text metrics', async (ctx) => {
  const page = await open(ctx, 'basic.svg');
  const conf = await page.evaluate(() => fg_conf);
  const long = 'a_rather_long_function_name_that_is_cut_when_narrow';
  await clickFrame(page, 'run');
  let fr = await snapshot(page);
  labelsFit(fr, conf);
  const f = byName(fr, long);
  check(f.label.length > 5 && f.label.endsWith('..'), `long label "${f.label}" at ${f.w} px`);
  check(byName(fr, 'exec').label === 'exec', 'exec label');
  await clickFrame(page, long);
  fr = await snapshot(page);
  labelsFit(fr, conf);
  check(byName(fr, long).label === long, 'zoomed long frame not labelled in full');
  noErrors(page);
});

test('clicking a parent zooms out to it; Reset Zoom and Escape restore', async (ctx) => {
  const page = await open(ctx, 'basic.svg');
  const orig = await snapshot(page);
  await clickFrame(page, 'exec');
  await clickFrame(page, 'main');
  let fr = await snapshot(page);
  near(byName(fr, 'main').w, AV, 0.06, 'main width after clicking it as a parent');
  check(!/parent/.test(byName(fr, 'main').cls), 'main still a parent');
  check(byName(fr, 'parse').shown && byName(fr, 'idle').cls.includes('hide'), 'main zoom: parse shown, idle hidden');
  near(byName(fr, 'run').w, byName(orig, 'run').w * AV / byName(orig, 'main').w, 0.2, 'run width under main');
  await clickId(page, 'unzoom');
  fr = await snapshot(page);
  for (let i = 0; i < orig.length; i++) {
    check(fr[i].xs === orig[i].xs && fr[i].ws === orig[i].ws, `${fr[i].name}: x/width ${fr[i].xs}/${fr[i].ws} not restored to ${orig[i].xs}/${orig[i].ws}`);
    check(fr[i].shown && !/parent|hide/.test(fr[i].cls), `${fr[i].name} still ${fr[i].cls}`);
    check(fr[i].label === orig[i].label, `${fr[i].name}: label "${fr[i].label}" not restored to "${orig[i].label}"`);
  }
  check(/\bhide\b/.test(await classOf(page, 'unzoom')), 'Reset Zoom still shown');
  check(!(await params(page)).has('x') && !(await params(page)).has('y'), 'URL keeps zoom after reset: ' + await href(page));
  await clickFrame(page, 'exec');
  await clickFrame(page, 'all');   // the root, a parent: back to the whole graph
  fr = await snapshot(page);
  check(fr.every((f, i) => f.shown && f.xs === orig[i].xs && f.ws === orig[i].ws), 'clicking the root did not reset');
  check(/\bhide\b/.test(await classOf(page, 'unzoom')), 'Reset Zoom shown after clicking the root');
  await clickFrame(page, 'lex');
  check((await params(page)).has('x'), 'no zoom in URL');
  await page.keyboard.press('Escape');
  fr = await snapshot(page);
  check(fr.every((f) => f.shown) && fr.every((f, i) => f.xs === orig[i].xs), 'Escape did not reset the zoom');
  check(!(await params(page)).has('x'), 'URL keeps zoom after Escape');
  noErrors(page);
});

test('search via the button: highlight, Matched, Reset Search, URL', async (ctx) => {
  const page = await open(ctx, 'basic.svg');
  const conf = await page.evaluate(() => fg_conf);
  const orig = await snapshot(page);
  page.answers.push('^(run|exec)$');
  await clickId(page, 'search');
  check(page.prompts.length === 1, 'no prompt');
  const fr = await snapshot(page);
  for (const f of fr) {
    const hit = f.name === 'run' || f.name === 'exec';
    check(hit ? f.fill === conf.highlight : f.fill === byName(orig, f.name).fill,
      `${f.name} fill ${f.fill}`);
  }
  // exec lies inside run: 475 / 1000, not 875 / 1000
  check(await text(page, 'matched') === 'Matched: 47.5%', 'matched: ' + await text(page, 'matched'));
  check(await text(page, 'search') === 'Reset Search', 'button: ' + await text(page, 'search'));
  check(/\bshow\b/.test(await classOf(page, 'search')), 'search button lacks class show');
  check((await params(page)).get('s') === '^(run|exec)$', 'URL s: ' + await href(page));
  // counts are not part of the name: "samples" matches nothing
  page.answers.push('samples');
  await page.keyboard.press('Control+f');
  check(await text(page, 'matched') === 'Matched: 0.0%', '"samples" matched: ' + await text(page, 'matched'));
  noErrors(page);
});

test('search via Ctrl-F and F3; Reset Search restores fills', async (ctx) => {
  const page = await open(ctx, 'basic.svg');
  const orig = await snapshot(page);
  page.answers.push('x');   // lex 300 and exec 400
  await page.keyboard.press('Control+f');
  check(page.prompts.length === 1, 'Ctrl-F gave no prompt');
  check(await text(page, 'matched') === 'Matched: 70.0%', 'lex|exec matched: ' + await text(page, 'matched'));
  page.answers.push('s');   // parse 400, syscall 360, a_rather_long..._is_... 40
  await page.keyboard.press('F3');
  check(page.prompts.length === 2, 'F3 gave no prompt');
  check(await text(page, 'matched') === 'Matched: 80.0%', '"s" matched: ' + await text(page, 'matched'));
  await clickId(page, 'search');   // an active search: the button resets it
  check(page.prompts.length === 2, 'Reset Search prompted');
  const fr = await snapshot(page);
  check(fr.every((f, i) => f.fill === orig[i].fill), 'fills not restored');
  check((await text(page, 'matched')).trim() === '', 'matched not cleared');
  check(await text(page, 'search') === 'Search', 'button not back to Search');
  check(!(await params(page)).has('s'), 'URL keeps s: ' + await href(page));
  noErrors(page);
});

test('invalid regular expression: no crash', async (ctx) => {
  const page = await open(ctx, 'basic.svg');
  page.answers.push('exec(');
  await clickId(page, 'search');
  const m = await text(page, 'matched');
  check(m === 'Matched: 0.0%', 'matched: ' + m);
  check(await text(page, 'search') === 'Reset Search', 'button text');
  noErrors(page);
});

test('search re-applies after zoom', async (ctx) => {
  const page = await open(ctx, 'basic.svg');
  const conf = await page.evaluate(() => fg_conf);
  page.answers.push('^syscall$');
  await clickId(page, 'search');
  check(await text(page, 'matched') === 'Matched: 36.0%', 'matched: ' + await text(page, 'matched'));
  await clickFrame(page, 'exec');
  check(await text(page, 'matched') === 'Matched: 90.0%', 'matched in exec: ' + await text(page, 'matched'));
  check(byName(await snapshot(page), 'syscall').fill === conf.highlight, 'syscall not highlighted after zoom');
  await clickId(page, 'unzoom');
  check(await text(page, 'matched') === 'Matched: 36.0%', 'matched after unzoom: ' + await text(page, 'matched'));
  noErrors(page);
});

test('ic button and Ctrl-I toggle case-insensitive search', async (ctx) => {
  const page = await open(ctx, 'case.svg');
  page.answers.push('alloc');
  await clickId(page, 'search');
  check(await text(page, 'matched') === 'Matched: 30.0%', 'case-sensitive: ' + await text(page, 'matched'));
  await clickId(page, 'ignorecase');
  check(/\bshow\b/.test(await classOf(page, 'ignorecase')), 'ic lacks class show');
  check(await text(page, 'matched') === 'Matched: 50.0%', 'ignoring case: ' + await text(page, 'matched'));
  check((await params(page)).has('ic'), 'URL lacks ic');
  const conf = await page.evaluate(() => fg_conf);
  check(byName(await snapshot(page), 'Alloc').fill === conf.highlight, 'Alloc not highlighted');
  await page.keyboard.press('Control+i');
  check(!/\bshow\b/.test(await classOf(page, 'ignorecase')), 'Ctrl-I did not switch ic off');
  check(await text(page, 'matched') === 'Matched: 30.0%', 'after Ctrl-I: ' + await text(page, 'matched'));
  check(!(await params(page)).has('ic'), 'URL keeps ic');
  noErrors(page);
});

test('reload keeps search, case and zoom from the URL', async (ctx) => {
  const page = await open(ctx, 'case.svg');
  page.answers.push('ALLOC');
  await clickId(page, 'search');
  await clickId(page, 'ignorecase');
  await clickFrame(page, 'main');
  const u = await href(page);
  await reload(page);
  check(await href(page) === u, `URL changed by reload: ${await href(page)} vs ${u}`);
  check(await text(page, 'matched') === 'Matched: 50.0%', 'matched after reload: ' + await text(page, 'matched'));
  check(/\bshow\b/.test(await classOf(page, 'ignorecase')), 'ic not restored');
  check(await text(page, 'search') === 'Reset Search', 'search button after reload');
  const fr = await snapshot(page);
  near(byName(fr, 'main').w, AV, 0.06, 'main width after reload');
  check(/\bparent\b/.test(byName(fr, 'all').cls), 'root not a parent after reload');
  check(!/\bhide\b/.test(await classOf(page, 'unzoom')), 'Reset Zoom hidden after reload');
  // the URL of a fresh page, with an x/y of no frame: no zoom, no error
  const p2 = await open(ctx, 'basic.svg', '?x=3.5&y=1&s=lex');
  check((await snapshot(p2)).every((f) => f.shown), 'bogus x/y zoomed');
  check(await text(p2, 'matched') === 'Matched: 30.0%', 'matched from URL: ' + await text(p2, 'matched'));
  noErrors(page);
  noErrors(p2);
});

test('--search applies on load; the URL overrides it', async (ctx) => {
  const page = await open(ctx, 'search.svg');
  check(await page.evaluate(() => fg_conf.search) === '^(run|exec)$', 'fg_conf.search');
  check(await text(page, 'matched') === 'Matched: 47.5%', 'matched: ' + await text(page, 'matched'));
  check(await text(page, 'search') === 'Reset Search', 'button text');
  const p2 = await open(ctx, 'search.svg', '?s=lex');
  check(await text(p2, 'matched') === 'Matched: 30.0%', 'URL search: ' + await text(p2, 'matched'));
  noErrors(page);
  noErrors(p2);
});

test('inverted: ancestors above', async (ctx) => {
  const page = await open(ctx, 'inverted.svg');
  check(await page.evaluate(() => fg_conf.inverted) === true, 'fg_conf.inverted');
  const before = await snapshot(page);
  check(byName(before, 'all').y < byName(before, 'main').y, 'root not on top');
  await clickFrame(page, 'exec');
  const fr = await snapshot(page);
  const exec = byName(fr, 'exec');
  near(exec.w, AV, 0.06, 'exec width');
  for (const n of ['all', 'main', 'run']) {
    const f = byName(fr, n);
    check(f.y < exec.y && /\bparent\b/.test(f.cls) && f.shown, `${n} not a parent above`);
  }
  check(byName(fr, 'syscall').shown && byName(fr, 'syscall').y > exec.y, 'syscall not below');
  check(!byName(fr, 'parse').shown && !byName(fr, 'idle').shown, 'outside frames shown');
  labelsFit(fr, await page.evaluate(() => fg_conf));
  noErrors(page);
});

test('left truncation keeps the tail', async (ctx) => {
  const page = await open(ctx, 'left.svg');
  const conf = await page.evaluate(() => fg_conf);
  check(conf.truncate === 'left', 'fg_conf.truncate');
  await clickFrame(page, 'run');
  const fr = await snapshot(page);
  labelsFit(fr, conf);
  const l = byName(fr, 'a_rather_long_function_name_that_is_cut_when_narrow').label;
  check(l.startsWith('...') && l.endsWith('_when_narrow'), 'left cut: ' + l);
  noErrors(page);
});

// Metrics where every UTF-16 code unit is 7 px wide, as an engine might
// measure: then only flame.js's own care keeps characters whole.
function perUnitMetrics() {
  const P = SVGTextContentElement.prototype;
  P.getSubStringLength = function (a, n) { return 7 * n; };
  P.getComputedTextLength = function () { return 7 * this.textContent.length; };
}

test('labels never split a character', async (ctx) => {
  for (const [name, stub] of [['unicode.svg', false], ['unicode-left.svg', false],
    ['unicode.svg', true], ['unicode-left.svg', true]]) {
    const page = await open(ctx, name, '', stub ? perUnitMetrics : null);
    const conf = await page.evaluate(() => fg_conf);
    labelsFit(await snapshot(page), conf);   // wide glyphs re-fitted on load
    let cut = 0;
    for (const group of ['astral', 'combining', 'emoji']) {
      await page.keyboard.press('Escape');
      await clickFrame(page, group);
      const fr = await snapshot(page);
      labelsFit(fr, conf);
      cut += fr.filter((f) => f.shown && f.label !== f.name && f.label !== '' && f.name !== 'all').length;
    }
    check(cut >= 20, `${name}${stub ? ' (per-unit metrics)' : ''}: only ${cut} cut labels`);
    noErrors(page);
    await page.close();
  }
});

// diff.folded: after = grow 300, shrink 100, same 200 (+ leaf 100): 700
test('differential graph: details with the delta, search on names', async (ctx) => {
  const page = await open(ctx, 'diff.svg');
  check(await page.evaluate(() => fg_conf.diff) === true, 'fg_conf.diff');
  const orig = await snapshot(page);
  await hoverFrame(page, 'shrink');
  const d = await text(page, 'details');
  check(d === 'Function: shrink (100 samples, 14.29%; -42.86%); ' +
    'subtree: before 400, after 100, change -300 (-75.00%); ' +
    'self: before 400, after 100, change -300 (-75.00%)', 'details: ' + d);
  // leaf is new: its own colour, and "(new)" in the details
  await hoverFrame(page, 'leaf');
  const dl = await text(page, 'details');
  check(dl.includes('; subtree: before 0, after 100, change +100 (new); self: '), 'details: ' + dl);
  check(byName(orig, 'leaf').fill === 'rgb(143,188,143)', 'new fill: ' + byName(orig, 'leaf').fill);
  page.answers.push('^s');
  await clickId(page, 'search');
  check(await text(page, 'matched') === 'Matched: 57.1%', 'matched: ' + await text(page, 'matched'));
  await clickFrame(page, 'same');
  const fr = await snapshot(page);
  near(byName(fr, 'leaf').w, byName(orig, 'leaf').w * AV / byName(orig, 'same').w, 0.2, 'leaf width');
  check(await text(page, 'matched') === 'Matched: 100%', 'matched in same: ' + await text(page, 'matched'));
  await clickId(page, 'search');
  check((await snapshot(page)).every((f, i) => f.fill === orig[i].fill), 'diff fills not restored');
  noErrors(page);
});

test('hostile names stay text', async (ctx) => {
  const page = await open(ctx, 'hostile.svg');
  const fr = await snapshot(page);
  const names = fr.map((f) => f.name);
  for (const n of ['<img src=x onerror=alert(1)>', '"onload=alert(1)', "x'><script>alert(2)</script>", 'a&lt&gt&amp b'])
    check(names.includes(n), `no frame named ${n}: ${JSON.stringify(names)}`);
  for (const n of names.slice(1)) {
    await hoverFrame(page, n);
    const d = await text(page, 'details');
    check(d.includes(n), `details "${d}" lacks ${n}`);
    await clickFrame(page, n);
    check(byName(await snapshot(page), n).label.length > 0, `no label for ${n}`);
    await clickId(page, 'unzoom');
  }
  page.answers.push('<img');
  await clickId(page, 'search');
  check(await text(page, 'matched') === 'Matched: 30.0%', 'matched: ' + await text(page, 'matched'));
  const extra = await page.evaluate(() =>
    document.querySelectorAll('img, script:not(svg > script), foreignObject, [onerror]').length);
  check(extra === 0, `${extra} injected elements`);
  await page.waitForTimeout(300);
  noErrors(page);
});

// ---- JSON: speedscope and d3-flame-graph, served from node_modules ----

const NM = path.join(__dirname, 'node_modules');
const FIXTURES = path.join(__dirname, 'fixtures');
let server = null;

// A static server on 127.0.0.1 for speedscope's app (it fetches
// #profileURL= only over http), d3, d3-flame-graph and DIR.
function serve() {
  if (server) return Promise.resolve(server.base);
  const roots = {
    '/speedscope/': path.join(NM, 'speedscope', 'dist', 'release'),
    '/d3/': path.join(NM, 'd3', 'dist'),
    '/d3-flame-graph/': path.join(NM, 'd3-flame-graph', 'dist'),
    '/out/': dir,
  };
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css',
    '.json': 'application/json', '.wasm': 'application/wasm' };
  const srv = http.createServer((req, res) => {
    let u;
    try { u = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname); } catch (e) { u = ''; }
    for (const [prefix, root] of Object.entries(roots)) {
      if (!u.startsWith(prefix)) continue;
      const f = path.join(root, u.slice(prefix.length));
      if (f !== root && !f.startsWith(root + path.sep)) break;
      fs.readFile(f, (err, body) => {
        if (err) { res.writeHead(404); res.end(); return; }
        res.writeHead(200, { 'content-type': types[path.extname(f)] || 'application/octet-stream' });
        res.end(body);
      });
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve, reject) => {
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      server = srv;
      srv.base = `http://127.0.0.1:${srv.address().port}`;
      resolve(srv.base);
    });
  });
}

// The fixture's lines, read here (not by flamegraph): frames, and the
// count a graph is drawn from (the last column).  Bytes that are not
// UTF-8 decode to U+FFFD, one per byte for the bytes the fixtures use.
function foldedLines(name) {
  const text = new TextDecoder('utf-8').decode(fs.readFileSync(path.join(FIXTURES, name)));
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => {
    const f = l.split(' ');
    const after = Number(f[f.length - 1]);
    const two = f.length >= 3 && /^-?[0-9.]+$/.test(f[f.length - 2]);
    const before = two ? Number(f[f.length - 2]) : after;
    const stack = f.slice(0, two ? -2 : -1).join(' ');
    return { frames: stack.split(';'), after, before };
  });
}

// What each function weighs, as speedscope's sandwich view counts it:
// total = the lines it is on (once per line), self = the lines it ends.
function weighFunctions(lines, col) {
  const w = new Map();
  const get = (n) => { if (!w.has(n)) w.set(n, { total: 0, self: 0 }); return w.get(n); };
  for (const l of lines) {
    const v = l[col];
    if (v === 0) continue;
    for (const n of new Set(l.frames)) get(n).total += v;
    get(l.frames[l.frames.length - 1]).self += v;
  }
  return w;
}

// The merged tree as (name, subtree total) pairs, one per path, root first.
function treePairs(lines, col) {
  const sums = new Map([['', { name: 'root', value: 0 }]]);
  for (const l of lines) {
    sums.get('').value += l[col];
    let key = '';
    for (const n of l.frames) {
      key += '\u0000' + n;
      if (!sums.has(key)) sums.set(key, { name: n, value: 0 });
      sums.get(key).value += l[col];
    }
  }
  return [...sums.values()];
}

function pairKey(p) { return JSON.stringify([p.name, p.value]); }

function samePairs(got, want, what) {
  const g = got.map(pairKey).sort(), w = want.map(pairKey).sort();
  check(g.length === w.length, `${what}: ${g.length} frames, want ${w.length}`);
  for (let i = 0; i < w.length; i++)
    check(g[i] === w[i], `${what}: frame ${g[i]}, want ${w[i]}`);
}

const SPEEDSCOPE_FILES = ['basic', 'json', 'diff', 'hostile', 'unicode'];

test('speedscope files validate against speedscope\'s file-format schema (ajv)', async () => {
  const Ajv = require('ajv');
  const schema = JSON.parse(fs.readFileSync(path.join(NM, 'speedscope', 'dist', 'release',
    'file-format-schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  for (const f of SPEEDSCOPE_FILES) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, f + '.speedscope.json'), 'utf8'));
    check(validate(doc), `${f}.speedscope.json: ${JSON.stringify(validate.errors)}`);
    check(doc.profiles.length === 1 && doc.profiles[0].type === 'sampled' &&
      doc.activeProfileIndex === 0 && /^flamekit [0-9]/.test(doc.exporter),
      `${f}: not one sampled profile by flamekit`);
    const p = doc.profiles[0];
    check(p.samples.length === p.weights.length, `${f}: ${p.samples.length} samples, ${p.weights.length} weights`);
    check(p.weights.reduce((a, b) => a + b, 0) === p.endValue && p.startValue === 0,
      `${f}: the weights do not add up to endValue ${p.endValue}`);
    for (const s of p.samples)
      for (const i of s)
        check(Number.isInteger(i) && i >= 0 && i < doc.shared.frames.length, `${f}: frame index ${i}`);
  }
  // the validator bites: what speedscope would not take is refused
  const good = JSON.parse(fs.readFileSync(path.join(dir, 'basic.speedscope.json'), 'utf8'));
  const bad = [
    (d) => { d.profiles[0].unit = 'samples'; },
    (d) => { d.profiles[0].weights[0] = '1'; },
    (d) => { delete d.shared; },
    (d) => { d.$schema = 'https://example.com/'; },
    (d) => { d.shared.frames[0] = { file: 'x' }; },
  ];
  for (const mutate of bad) {
    const d = JSON.parse(JSON.stringify(good));
    mutate(d);
    check(!validate(d), `the schema took a broken file: ${mutate}`);
  }
});

// speedscope's app with our file, in the sandwich view: its table of
// functions with total and self weights (DOM, not canvas).
async function speedscope(ctx, file) {
  const base = await serve();
  const page = await ctx.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('dialog', async (d) => { page.errors.push('dialog: ' + d.message()); await d.dismiss(); });
  await page.goto(`${base}/speedscope/index.html#profileURL=${encodeURIComponent('/out/' + file)}&view=sandwich`,
    { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelectorAll('table tr td').length >= 3);
  const rows = await page.evaluate(() => [...document.querySelectorAll('table tr')]
    .filter((tr) => tr.cells.length === 3 && tr.cells[0].tagName === 'TD')
    .map((tr) => ({
      total: tr.cells[0].firstChild.textContent,
      self: tr.cells[1].firstChild.textContent,
      name: tr.cells[2].textContent,
    })));
  const title = await page.title();
  return { page, rows, title };
}

// A weight as the table shows it ("1,234", for unit none) -> 1234.
function weightOf(s) {
  const m = /^\s*([0-9][0-9,]*(\.[0-9]+)?)/.exec(s);
  return m ? Number(m[1].replace(/,/g, '')) : NaN;
}

async function speedscopeLoads(ctx, fx, col) {
  const { page, rows, title } = await speedscope(ctx, fx + '.speedscope.json');
  check(title === `${fx}.folded - speedscope`, `title "${title}"`);
  const want = weighFunctions(foldedLines(fx + '.folded'), col);
  check(rows.length === want.size, `${rows.length} functions in the table, want ${want.size}: ` +
    JSON.stringify(rows.map((r) => r.name)));
  for (const r of rows) {
    const w = want.get(r.name);
    check(w, `speedscope shows "${r.name}", not in ${fx}.folded`);
    check(weightOf(r.total) === w.total && weightOf(r.self) === w.self,
      `"${r.name}": total ${JSON.stringify(r.total)}, self ${JSON.stringify(r.self)}; want ${w.total}, ${w.self}`);
  }
  const injected = await page.evaluate(() => document.querySelectorAll('img, script:not([src])').length);
  check(injected === 0, `${injected} injected elements`);
  check(page.errors.length === 0, 'errors: ' + page.errors.join(' | '));
}

// (one test( line each: run.sh counts them when it skips)
test('speedscope\'s app loads basic.speedscope.json: names, totals, self weights', (ctx) => speedscopeLoads(ctx, 'basic', 'after'));
test('speedscope\'s app loads json.speedscope.json: names, totals, self weights', (ctx) => speedscopeLoads(ctx, 'json', 'after'));
test('speedscope\'s app loads diff.speedscope.json: weights from the after column', (ctx) => speedscopeLoads(ctx, 'diff', 'after'));
test('speedscope\'s app loads hostile.speedscope.json: names stay text', (ctx) => speedscopeLoads(ctx, 'hostile', 'after'));

// A page drawing DIR/FILE with d3-flame-graph (written into DIR).
const D3PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/d3-flame-graph/d3-flamegraph.css">
<script src="/d3/d3.min.js"></script>
<script src="/d3-flame-graph/d3-flamegraph.umd.js"></script>
</head><body><div id="chart"></div>
<script>
const q = new URLSearchParams(location.search);
fetch(q.get('data')).then((r) => r.json()).then((data) => {
  const chart = flamegraph.default().width(960).transitionDuration(0);
  if (q.has('diff')) chart.setColorMapper(flamegraph.colorMapper.differentialColorMapper);
  d3.select('#chart').datum(data).call(chart);
  window.drawn = true;
}).catch((e) => { window.failure = String(e); });
</script></body></html>
`;

async function d3page(ctx, file, diff) {
  const base = await serve();
  fs.writeFileSync(path.join(dir, 'd3.html'), D3PAGE);
  const page = await ctx.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('dialog', async (d) => { page.errors.push('dialog: ' + d.message()); await d.dismiss(); });
  await page.goto(`${base}/out/d3.html?data=${encodeURIComponent('/out/' + file)}${diff ? '&diff=1' : ''}`,
    { waitUntil: 'load' });
  await page.waitForFunction(() => window.drawn || window.failure);
  check(!(await page.evaluate(() => window.failure)), 'd3 page: ' + await page.evaluate(() => window.failure));
  // every frame: its name attribute, the value in its <title>, its fill
  const frames = await page.evaluate(() => [...document.querySelectorAll('#chart g.frame')].map((g) => {
    const t = g.querySelector('title').textContent;
    const m = / \([0-9.]+%, (-?[0-9.e+]+) samples\)$/.exec(t);
    return { name: g.getAttribute('name'), value: m ? Number(m[1]) : NaN, title: t,
      fill: g.querySelector('rect').getAttribute('fill') };
  }));
  return { page, frames };
}

async function d3Draws(ctx, fx) {
  const { page, frames } = await d3page(ctx, fx + '.json', false);
  const want = treePairs(foldedLines(fx + '.folded'), 'after');
  samePairs(frames, want, fx);
  check(frames[0].name === 'root' && frames[0].value === want[0].value,
    `the root is ${frames[0].title}, want root with ${want[0].value}`);
  const injected = await page.evaluate(() => document.querySelectorAll('img, script:not([src])').length);
  check(injected === 1, `${injected - 1} injected elements`);	// the page's own script
  check(page.errors.length === 0, 'errors: ' + page.errors.join(' | '));
}

test('d3-flame-graph draws basic.json: every frame, its name and value', (ctx) => d3Draws(ctx, 'basic'));
test('d3-flame-graph draws json.json: every frame, its name and value', (ctx) => d3Draws(ctx, 'json'));
test('d3-flame-graph draws hostile.json: every frame, its name and value', (ctx) => d3Draws(ctx, 'hostile'));
test('d3-flame-graph draws unicode.json: every frame, its name and value', (ctx) => d3Draws(ctx, 'unicode'));

test('d3-flame-graph differential colours: delta read as after - before', async (ctx) => {
  const { page, frames } = await d3page(ctx, 'diff.json', true);
  const want = treePairs(foldedLines('diff.folded'), 'after');
  samePairs(frames, want, 'diff');
  const rgb = (n) => {
    const f = frames.filter((x) => x.name === n);
    check(f.length === 1, `one frame ${n}`);
    return f[0].fill.match(/[0-9]+/g).map(Number);
  };
  const [gr, gg, gb] = rgb('grow'), [sr, sg, sb] = rgb('shrink');
  check(gr > gg && gg === gb, `grow (100 -> 300) is not red: ${rgb('grow')}`);
  check(sb > sr && sr === sg, `shrink (400 -> 100) is not blue: ${rgb('shrink')}`);
  check(rgb('same').join() === '220,220,220', `same is not grey: ${rgb('same')}`);
  check(rgb('leaf').join() === '255,190,90', `leaf (new: 0 -> 100) is not d3's new orange: ${rgb('leaf')}`);
  check(page.errors.length === 0, 'errors: ' + page.errors.join(' | '));
});

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'flamekit-browser-'));
  let ctx;
  try {
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: browserPath,
      headless: true,
      timeout: 60000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--allow-file-access-from-files'],
    });
    ctx.setDefaultTimeout(TIMEOUT);
    for (const t of tests) {
      try {
        await t.fn(ctx);
        passed++;
      } catch (e) {
        failed++;
        console.log(`FAIL ${t.name}: ${e instanceof Fail ? e.message : e.stack || e}`);
      }
      for (const p of ctx.pages()) await p.close().catch(() => {});
    }
  } catch (e) {
    failed++;
    console.log('FAIL browser: ' + (e.stack || e));
  } finally {
    if (ctx) await ctx.close().catch(() => {});
    if (server) server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
