// npm run demo in headless Chromium: the page loads, the worker trains the
// digits MLP past 95% test accuracy with a falling loss and a live plot, the
// device switch moves training to js and back (each measured in steps/s), a
// digit drawn on the pad gets probabilities, and the graph of a step is drawn
// from torch.autograd.graph.to_dot. The screenshot goes to
// $WASMGRAD_DEMO_SCREENSHOT (docs/demo.png was made so), else to a temp file.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.js';
import { startDemo, type DemoServer } from '../examples/demo/serve.js';
import { parseDot, dotToSvg } from '../examples/demo/dot-svg.js';
import { loadFixture } from './support/torch.js';
import type { Point } from '../examples/demo/plot.js';

interface DemoState {
  ready: boolean; done: boolean; device: 'wasm' | 'js'; points: Point[]; totalSteps: number;
  speed: { wasm: number | null; js: number | null }; probs: number[] | null; graph: boolean; errors: string[];
}

const demoState = (page: Page) => page.evaluate(() => (window as unknown as { __demo: DemoState }).__demo);
/** How many pixels of the plot have the loss line's blue and the accuracy line's orange. */
const plotInk = (page: Page) => page.evaluate(() => {
  const plot = document.getElementById('plot') as HTMLCanvasElement;
  // read a copy, so the page's own canvas is not read back (Chromium warns on repeated readbacks)
  const c = document.createElement('canvas');
  [c.width, c.height] = [plot.width, plot.height];
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(plot, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  const near = (i: number, [r, g, b]: number[]) => Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 60 && d[i + 3] > 200;
  let blue = 0, orange = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (near(i, [0x1f, 0x77, 0xb4])) blue++;
    if (near(i, [0xff, 0x7f, 0x0e])) orange++;
  }
  return { blue, orange };
});
const until = (page: Page, test: string, timeout = 60_000) =>
  page.waitForFunction(`(() => { const s = window.__demo; return ${test}; })()`, null, { timeout });

describe('the demo\'s SVG of to_dot (examples/demo/dot-svg.ts)', () => {
  const { mlp } = loadFixture('graphs.json') as { mlp: { dot: string; nodes: unknown[] } };

  it('reads every node and edge of torchviz\'s DOT text, labels with newlines and quotes included', () => {
    const { nodes, edges } = parseDot(mlp.dot);
    const statements = mlp.dot.split('\n\t').slice(3);
    expect(nodes.size + edges.length).toBe(statements.length);
    expect([...nodes.values()].filter((n) => n.fill === '#add8e6').map((n) => n.label)).toEqual(
      ['2.bias\n (3)', '0.bias\n (5)', '0.weight\n (5, 4)', '2.weight\n (3, 5)']);
    expect(parseDot('digraph {\n\t0 [label="say \\"hi\\"\n (2)" fillcolor=lightblue]\n}\n').nodes.get('0')!.label).toBe('say "hi"\n (2)');
  });

  it('draws one box per node and one arrow per distinct edge, text escaped', () => {
    const svg = dotToSvg(mlp.dot);
    const { nodes, edges } = parseDot(mlp.dot);
    expect(svg.match(/<g class="node"/g)).toHaveLength(nodes.size);
    expect(svg.match(/<path d="M[\d.]+,[\d.]+ C/g)).toHaveLength(new Set(edges.map((e) => e.join())).size);
    expect(dotToSvg('digraph {\n\t0 [label="<x> & y"]\n}\n')).toContain('&lt;x&gt; &amp; y');
  });
});

describe.skipIf(skipBrowser)('the browser demo (npm run demo)', () => {
  let browser: Browser;
  let server: DemoServer;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), startDemo(0)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('trains in a worker, switches device live, classifies a drawn digit and draws the graph', { timeout: 240_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    await page.goto(server.url);

    // training starts on wasm; the plot and the graph appear
    await until(page, "s.points.length >= 3 && s.device === 'wasm' && s.graph");
    const graph = await page.locator('#graph svg text').allTextContents();
    expect(graph.filter((t) => t === 'AddmmBackward0')).toHaveLength(2);
    expect(graph).toEqual(expect.arrayContaining(['NllLossBackward0', 'LogSoftmaxBackward0', 'ReluBackward0', '0.weight', '(64, 64)']));
    expect(graph).not.toContain('total_weight');
    await page.check('#saved');
    const withSaved = await page.locator('#graph svg text').allTextContents();
    expect(withSaved).toEqual(expect.arrayContaining([...graph, 'total_weight', 'mat1', '(4, 64)', 'result']));
    expect(await page.locator('#graph svg path[stroke-dasharray]').count()).toBeGreaterThan(5);

    const early = await plotInk(page);
    expect(early.blue).toBeGreaterThan(20);

    // switch to js: training goes on there, then back to wasm
    await page.check('input[value=js]');
    await until(page, "s.points.filter((p) => p.device === 'js').length >= 3");
    await page.check('input[value=wasm]');
    await until(page, "s.points.at(-1).device === 'wasm' && s.done", 120_000);

    const s = await demoState(page);
    const steps = s.points.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(s.totalSteps);
    expect(s.points.at(-1)!.loss).toBeLessThan(s.points[0].loss / 10);
    expect(s.points.at(-1)!.accuracy).toBeGreaterThan(0.95);
    expect(s.speed.wasm).toBeGreaterThan(0);
    expect(s.speed.js).toBeGreaterThan(0);
    expect(await page.locator('#speed-js').textContent()).toMatch(/^\d+$/);
    expect(await page.locator('#status').textContent()).toMatch(/test accuracy \d+\.\d% · on wasm · done in/);
    const late = await plotInk(page); // the plot was redrawn as training went on: longer lines
    expect(late.blue).toBeGreaterThan(early.blue);
    expect(late.orange).toBeGreaterThan(early.orange);

    // draw a "1": a vertical stroke down the middle of the pad
    const pad = (await page.locator('#pad').boundingBox())!;
    await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * 0.15);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * (0.15 + 0.07 * k));
    await page.mouse.up();
    await until(page, 's.probs !== null');
    const { probs } = await demoState(page);
    expect(probs!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(probs!.indexOf(Math.max(...probs!))).toBe(1);
    expect(await page.locator('#probs .top').first().textContent()).toBe('1');

    await page.screenshot({ path: process.env.WASMGRAD_DEMO_SCREENSHOT ?? join(tmpdir(), 'wasmgrad-demo.png'), fullPage: true });
    expect(s.errors).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
