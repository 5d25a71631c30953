// The drawing pad: the user's strokes on a canvas, turned into an 8x8 image the
// way the UCI digits were made: the digit's bounding box scaled (aspect kept)
// and centred into a 32x32 bitmap, then the ink counted in each 4x4 block
// (0..16, divided by 16 as digits-format.ts scales the data).

/** Lets the user draw on `canvas`; `changed` is called after each stroke moves. */
export function drawingPad(canvas: HTMLCanvasElement, changed: () => void): { clear(): void } {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const clear = (): void => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  clear();
  let last: [number, number] | null = null;
  const point = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * (canvas.width / r.width), (e.clientY - r.top) * (canvas.height / r.height)];
  };
  canvas.addEventListener('pointerdown', (e) => {
    canvas.setPointerCapture(e.pointerId);
    last = point(e);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!last) return;
    const p = point(e);
    ctx.strokeStyle = '#000';
    ctx.lineWidth = canvas.width / 11;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(...last);
    ctx.lineTo(...p);
    ctx.stroke();
    last = p;
    changed();
  });
  const end = (): void => { last = null; };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  return { clear };
}

/** The drawing as 64 pixels in [0, 1] (row-major 8x8), all zero when nothing is drawn. */
export function toDigitPixels(canvas: HTMLCanvasElement): number[] {
  const { width, height } = canvas;
  const src = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (src[4 * (y * width + x)] < 128) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
    }
  }
  const pixels = new Array<number>(64).fill(0);
  if (x1 < 0) return pixels;
  const box = Math.max(x1 - x0 + 1, y1 - y0 + 1);
  const small = document.createElement('canvas');
  small.width = small.height = 32;
  const sctx = small.getContext('2d', { willReadFrequently: true })!;
  sctx.fillStyle = '#fff';
  sctx.fillRect(0, 0, 32, 32);
  const w = (32 * (x1 - x0 + 1)) / box, h = (32 * (y1 - y0 + 1)) / box;
  sctx.drawImage(canvas, x0, y0, x1 - x0 + 1, y1 - y0 + 1, (32 - w) / 2, (32 - h) / 2, w, h);
  const bits = sctx.getImageData(0, 0, 32, 32).data;
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) if (bits[4 * (y * 32 + x)] < 128) pixels[(y >> 2) * 8 + (x >> 2)] += 1 / 16;
  }
  return pixels;
}
