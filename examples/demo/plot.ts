// The live plot: training loss (blue, left scale) and test accuracy (orange,
// 0..100%) against the step, on a canvas, with the stretches trained on the js
// device shaded, so the change of speed shows in the picture too.

export interface Point { step: number; loss: number; accuracy: number; device: 'wasm' | 'js' }

export function drawPlot(canvas: HTMLCanvasElement, points: Point[], totalSteps: number): void {
  const ctx = canvas.getContext('2d')!;
  const { width: W, height: H } = canvas;
  const L = 44, R = 44, T = 12, B = 22, w = W - L - R, h = H - T - B;
  ctx.clearRect(0, 0, W, H);
  ctx.font = '11px system-ui, sans-serif';
  const maxLoss = Math.max(0.5, ...points.map((p) => p.loss));
  const X = (step: number) => L + (w * step) / Math.max(1, totalSteps);
  for (let i = 1; i < points.length; i++) {
    if (points[i].device !== 'js') continue;
    ctx.fillStyle = '#f3efe6';
    ctx.fillRect(X(points[i - 1].step), T, X(points[i].step) - X(points[i - 1].step), h);
  }
  ctx.strokeStyle = '#999';
  ctx.strokeRect(L, T, w, h);
  ctx.fillStyle = '#333';
  ctx.textAlign = 'right';
  ctx.fillText(maxLoss.toFixed(2), L - 4, T + 8);
  ctx.fillText('0', L - 4, T + h);
  ctx.textAlign = 'left';
  ctx.fillText('100%', L + w + 4, T + 8);
  ctx.fillText('0%', L + w + 4, T + h);
  ctx.textAlign = 'center';
  ctx.fillText(`step (of ${totalSteps})`, L + w / 2, H - 6);
  const line = (color: string, y: (p: Point) => number): void => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    let started = false;
    for (const p of points) {
      const v = y(p);
      if (!Number.isFinite(v)) continue;
      if (started) ctx.lineTo(X(p.step), v); else ctx.moveTo(X(p.step), v);
      started = true;
    }
    ctx.stroke();
  };
  line('#1f77b4', (p) => T + h - (h * p.loss) / maxLoss);
  line('#ff7f0e', (p) => T + h - h * p.accuracy);
}
