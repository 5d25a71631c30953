// The demo page: starts the training worker, plots its progress, passes device
// switches and drawings to it, and shows the probabilities and the graph it
// sends back. window.__demo holds the state the browser test reads.

import { dotToSvg } from './dot-svg.js';
import { drawingPad, toDigitPixels } from './draw.js';
import { drawPlot, type Point } from './plot.js';
import type { DeviceName, FromWorker, ToWorker } from './protocol.js';

const EPOCHS = 200;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const state = {
  ready: false, done: false, device: 'wasm' as DeviceName, points: [] as Point[], totalSteps: 0,
  speed: { wasm: NaN, js: NaN } as Record<DeviceName, number>, probs: null as number[] | null,
  graph: false, errors: [] as string[],
};
(window as unknown as { __demo: typeof state }).__demo = state;

const worker = new Worker('worker.js', { type: 'module' });
const send = (m: ToWorker): void => worker.postMessage(m);
const selected = (): DeviceName => (document.querySelector('input[name=device]:checked') as HTMLInputElement).value as DeviceName;

function start(): void {
  state.points = [];
  state.done = false;
  send({ type: 'train', device: selected(), epochs: EPOCHS });
}

function showProbs(probs: number[]): void {
  const best = probs.indexOf(Math.max(...probs));
  $('probs').innerHTML = probs.map((p, d) =>
    `<span class="${d === best ? 'top' : ''}">${d}</span><div class="bar" style="width:${(100 * p).toFixed(1)}%"></div>` +
    `<span class="${d === best ? 'top' : ''}">${(100 * p).toFixed(1)}%</span>`).join('');
}

let graph: Extract<FromWorker, { type: 'graph' }> | null = null;
const showSaved = $<HTMLInputElement>('saved');
function showGraph(): void {
  if (graph) $('graph').innerHTML = dotToSvg(showSaved.checked ? graph.dotSaved : graph.dot);
}
showSaved.addEventListener('change', showGraph);

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  switch (m.type) {
    case 'ready':
      state.ready = true;
      $('status').textContent = `${m.train} training and ${m.test} test images`;
      start();
      break;
    case 'progress': {
      state.device = m.device;
      state.totalSteps = m.totalSteps;
      state.speed[m.device] = m.stepsPerSecond;
      state.points.push({ step: m.step, loss: m.loss, accuracy: m.accuracy, device: m.device });
      $(`speed-${m.device}`).textContent = m.stepsPerSecond.toFixed(0);
      const acc = Number.isNaN(m.accuracy) ? '–' : `${(100 * m.accuracy).toFixed(1)}%`;
      $('status').textContent = `epoch ${m.epoch}/${EPOCHS} · step ${m.step}/${m.totalSteps} · loss ${m.loss < 1e-3 ? m.loss.toExponential(2) : m.loss.toFixed(4)} · ` +
        `test accuracy ${acc} · on ${m.device}`;
      drawPlot($('plot'), state.points, m.totalSteps);
      break;
    }
    case 'done':
      state.done = true;
      $('status').textContent += ` · done in ${m.seconds.toFixed(1)} s: draw a digit below`;
      break;
    case 'graph':
      graph = m;
      showGraph();
      state.graph = true;
      break;
    case 'probs':
      state.probs = m.probs;
      showProbs(m.probs);
      break;
    case 'error':
      state.errors.push(m.message);
      $('status').textContent = `error: ${m.message}`;
      break;
  }
};

for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input[name=device]'))) {
  input.addEventListener('change', () => send({ type: 'device', device: selected() }));
}
$('train').addEventListener('click', start);

const pad = $<HTMLCanvasElement>('pad');
let queued = false;
const { clear } = drawingPad(pad, () => {
  if (queued) return;
  queued = true; // one prediction per frame at most
  requestAnimationFrame(() => { queued = false; send({ type: 'predict', pixels: toDigitPixels(pad) }); });
});
$('clear').addEventListener('click', () => { clear(); state.probs = null; $('probs').innerHTML = ''; });
showProbs(new Array(10).fill(0));
