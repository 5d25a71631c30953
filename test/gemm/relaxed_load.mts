// Run by test/gemm-relaxed.test.ts in a child process (node [--experimental-wasm-relaxed-simd]
// --import tsx): loads the library as a user would and prints, as JSON, which gemm micro-kernel the
// wasm device picked, how far a packed product lands from the js device's, and whether
// set_num_threads(2) gives the bits of one thread (the workers must run the same kernel).
import { gemmKernel } from '../../src/wasm/loader.js';
import * as torch from '../../src/index.js';

const maxDiff = (x: number[], y: number[]) => x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i])), 0);
torch.manual_seed(9);
// packed products (edge tiles, transposed operands), 1×1 and k = 0 (zeros without the kernel)
const pairs = [[[67, 45], [45, 33], false], [[45, 67], [33, 45], true], [[1, 1], [1, 1], false], [[9, 0], [0, 12], false]] as const;
let diff = 0;
for (const [sa, sb, t] of pairs) {
  const a = torch.randn([...sa]), b = torch.randn([...sb]);
  const mm = (x: torch.Tensor, y: torch.Tensor) => (t ? torch.mm(x.t(), y.t()) : torch.mm(x, y)).tolist().flat();
  const w = mm(a, b), j = mm(a.to('js'), b.to('js'));
  if (w.length !== j.length) throw new Error('shapes differ');
  diff = Math.max(diff, maxDiff(w, j));
}
const big = [torch.randn([160, 170]), torch.randn([170, 180])] as const; // above the pool's minimum work
const one = torch.mm(...big).tolist().flat();
await torch.set_num_threads(2);
const two = torch.mm(...big).tolist().flat();
const threads = torch.get_num_threads();
await torch.set_num_threads(1);
console.log(JSON.stringify({ kernel: gemmKernel(), diff, threads, sameBits: one.every((v, i) => Object.is(v, two[i])) }));
