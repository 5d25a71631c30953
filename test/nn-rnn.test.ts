// nn.RNN, nn.LSTM, nn.GRU and their cell forms against real PyTorch on both devices
// (fixtures/nn_rnn.json, from scripts/gen_rnn_fixtures.py): repr, parameter names and values after
// manual_seed (default initialisation, exactly), state_dict keys, every output of forward (with and
// without initial states, unbatched, batch_first, bidirectional, proj_size, dropout between layers
// in training), the gradients of the input, the initial states and every parameter; the
// constructors' and forwards' errors.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture, fromFixture, expectClose, type TensorFixture } from './support/torch.js';
import { tolerances } from './support/tolerances.js';
import { buildModule } from './support/build_module.js';
import { expectErrorLeavesEngineIntact } from './support/error_cases.js';
// nn.utils.rnn is another helper's namespace (pad_sequence); the packing functions join it on merge
const PackedSequence = torch.nn.utils.rnn.PackedSequence;
const pack_padded_sequence = torch.nn.utils.rnn.pack_padded_sequence;
const pad_packed_sequence = torch.nn.utils.rnn.pad_packed_sequence;
type PackedSequence = InstanceType<typeof PackedSequence>;

const { nn } = torch;

interface ModuleCase {
  name: string; ts: string; seed: number; repr: string; named_parameters: [string, TensorFixture][]; state_dict_keys: string[];
  input: TensorFixture; states: TensorFixture[]; outputs: TensorFixture[]; upstreams: TensorFixture[];
  input_grad: TensorFixture; state_grads: TensorFixture[]; param_grads: TensorFixture[];
}
interface PackedCase {
  name: string; ts: string; seed: number; lengths: number[]; pack: { batch_first?: boolean; enforce_sorted?: boolean };
  pad: { batch_first?: boolean; padding_value?: number; total_length?: number }; input: TensorFixture; states: TensorFixture[];
  packed_data: TensorFixture; batch_sizes: number[]; sorted_indices: TensorFixture | null; unsorted_indices: TensorFixture | null;
  output_data: TensorFixture; out_lengths: number[]; outputs: TensorFixture[]; upstreams: TensorFixture[];
  input_grad: TensorFixture; state_grads: TensorFixture[]; param_grads: TensorFixture[];
}
interface ConstructorError { name: string; ts: string; error_type: string; error: string }
interface ForwardError extends ConstructorError { input_shape: number[]; state_shapes: number[][] }
const fixture = loadFixture<{
  modules: ModuleCase[]; packed: PackedCase[]; packing_errors: (ConstructorError & { module: string | null })[]; constructor_errors: ConstructorError[];
  forward_errors: ForwardError[];
}>('nn_rnn.json');

const exact = { rtol: 0, atol: 0 };
const isLstm = (m: unknown): boolean => m instanceof nn.LSTM || m instanceof nn.LSTMCell;
/** The state argument as PyTorch's forward takes it: [h, c] for an LSTM, else h. */
const stateArg = (m: unknown, states: torch.Tensor[]): unknown => (states.length === 0 ? undefined : isLstm(m) ? states : states[0]);
/** Every tensor forward returned, in order ([output, h_n, c_n], [h', c'], [h']). */
const flat = (r: unknown): torch.Tensor[] => (Array.isArray(r) ? r.flatMap(flat) : [r as torch.Tensor]);

describe.each(DEVICES)('recurrent layers vs PyTorch on %s', (device) => {
  for (const c of fixture.modules) {
    it(`${c.name}: repr, init after manual_seed, state_dict keys, forward, gradients`, () => {
      torch.manual_seed(c.seed);
      const m = buildModule(c.ts, device);
      expect(String(m)).toBe(c.repr);
      const named = m.named_parameters();
      expect(named.map(([n]) => n)).toEqual(c.named_parameters.map(([n]) => n));
      named.forEach(([n, p], i) => expectClose(p, c.named_parameters[i][1], exact, n));
      expect(Object.keys(m.state_dict())).toEqual(c.state_dict_keys);
      const x = fromFixture(c.input, device, true);
      const states = c.states.map((s) => fromFixture(s, device, true));
      torch.manual_seed(c.seed + 1);
      const outs = flat(m.call(x, stateArg(m, states)));
      expect(outs.length).toBe(c.outputs.length);
      outs.forEach((o, i) => expectClose(o, c.outputs[i], tolerances.nn, `output ${i}`));
      const loss = outs.map((o, i) => o.mul(fromFixture(c.upstreams[i], device, false)).sum()).reduce((a, b) => a.add(b));
      loss.backward();
      expectClose(x.grad, c.input_grad, tolerances.nn, 'input grad');
      states.forEach((s, i) => expectClose(s.grad, c.state_grads[i], tolerances.nn, `grad of state ${i}`));
      named.forEach(([n, p], i) => expectClose(p.grad, c.param_grads[i], tolerances.nn, `grad of ${n}`));
    });
  }

  for (const c of fixture.packed) {
    it(`${c.name}: packing, forward, unpacking, gradients`, () => {
      torch.manual_seed(c.seed);
      const m = buildModule(c.ts, device) as torch.nn.RNNBase;
      const x = fromFixture(c.input, device, true);
      const states = c.states.map((s) => fromFixture(s, device, true));
      const packed = pack_padded_sequence(x, c.lengths, c.pack);
      expectClose(packed.data, c.packed_data, exact, 'packed data');
      expect(packed.batch_sizes.tolist()).toEqual(c.batch_sizes);
      expect(packed.sorted_indices?.tolist() ?? null).toEqual(c.sorted_indices ? c.sorted_indices.data : null);
      expect(packed.unsorted_indices?.tolist() ?? null).toEqual(c.unsorted_indices ? c.unsorted_indices.data : null);
      torch.manual_seed(c.seed + 1);
      const [out, final] = m._forward(packed, states.length ? states : null);
      expect(out).toBeInstanceOf(PackedSequence);
      expectClose((out as PackedSequence).data, c.output_data, tolerances.nn, 'packed output');
      const [padded, lengths] = pad_packed_sequence(out as PackedSequence, c.pad);
      expect(lengths.tolist()).toEqual(c.out_lengths);
      const outs = [padded, ...final];
      outs.forEach((o, i) => expectClose(o, c.outputs[i], tolerances.nn, `output ${i}`));
      outs.map((o, i) => o.mul(fromFixture(c.upstreams[i], device, false)).sum()).reduce((a, b) => a.add(b)).backward();
      expectClose(x.grad, c.input_grad, tolerances.nn, 'input grad');
      states.forEach((s, i) => expectClose(s.grad, c.state_grads[i], tolerances.nn, `grad of state ${i}`));
      m.named_parameters().forEach(([n, p], i) => expectClose(p.grad, c.param_grads[i], tolerances.nn, `grad of ${n}`));
    });
  }

  for (const e of fixture.packing_errors) {
    it(`${e.name}: ${e.error_type}`, () => {
      const before = torch.get_default_device();
      torch.set_default_device(device);
      try {
        const m = e.module ? buildModule(e.module, device) : null;
        const run = new Function('nn', 'torch', 'pack', 'unpack', 'm', `return ${e.ts};`);
        expectErrorLeavesEngineIntact(device, () => { run(nn, torch, pack_padded_sequence, pad_packed_sequence, m); }, e);
      } finally {
        torch.set_default_device(before);
      }
    });
  }

  it('packing a sequence longer than the input is refused (PyTorch reads past the input there)', () => {
    expect(() => pack_padded_sequence(torch.randn([3, 2, 4], { device }), [4, 2])).toThrow(/exceeds the input's sequence length/);
  });

  for (const e of fixture.constructor_errors) {
    it(`${e.name}: ${e.error_type} from the constructor`, () => {
      expectErrorLeavesEngineIntact(device, () => { buildModule(e.ts, device); }, e);
    });
  }

  for (const e of fixture.forward_errors) {
    it(`${e.name}: ${e.error_type} from forward`, () => {
      const m = buildModule(e.ts, device);
      const x = torch.randn(e.input_shape, { device }), states = e.state_shapes.map((s) => torch.randn(s, { device }));
      expectErrorLeavesEngineIntact(device, () => { m.call(x, stateArg(m, states) as never); }, e);
    });
  }

  it('eval() turns dropout between layers off; all_weights lists the parameters per layer and direction', () => {
    torch.manual_seed(3);
    const lstm = new nn.LSTM(3, 4, { num_layers: 2, dropout: 0.5, bidirectional: true, device });
    const x = torch.randn([5, 2, 3], { device });
    lstm.eval();
    const [a] = lstm.call(x), [b] = lstm.call(x);
    expect(torch.equal(a, b)).toBe(true);
    lstm.train();
    const [c] = lstm.call(x);
    expect(torch.equal(a, c)).toBe(false);
    expect(lstm.all_weights.map((ws) => ws.length)).toEqual([4, 4, 4, 4]);
    expect(lstm.all_weights[3][0]).toBe(lstm.named_parameters().find(([n]) => n === 'weight_ih_l1_reverse')?.[1]);
  });

  it('a cell stepped over a sequence gives the layer\'s output and final state when they share weights', () => {
    torch.tidy(() => {
      torch.manual_seed(5);
      const pairs = [
        [new nn.GRU(3, 4, { device }), new nn.GRUCell(3, 4, { device })],
        [new nn.RNN(3, 4, { nonlinearity: 'relu', device }), new nn.RNNCell(3, 4, { nonlinearity: 'relu', device })],
        [new nn.LSTM(3, 4, { device }), new nn.LSTMCell(3, 4, { device })],
      ] as const;
      const x = torch.randn([6, 2, 3], { device });
      for (const [layer, cell] of pairs) {
        torch.no_grad(() => {
          for (const [name, p] of cell.named_parameters()) p.copy_(layer.named_parameters().find(([n]) => n === `${name}_l0`)![1]);
        });
        const [out, state] = (layer as torch.nn.RNNBase).call(x) as [torch.Tensor, torch.Tensor | torch.Tensor[]];
        let s: torch.Tensor | torch.Tensor[] = cell instanceof nn.LSTMCell ? [torch.zeros([2, 4], { device }), torch.zeros([2, 4], { device })]
          : torch.zeros([2, 4], { device });
        const steps = x.unbind(0).map((xt) => {
          s = (cell as torch.nn.RNNCellBase).call(xt, s as never) as torch.Tensor | torch.Tensor[];
          return Array.isArray(s) ? s[0] : s;
        });
        expect(torch.allclose(torch.stack(steps), out, { atol: 1e-6 }), layer._get_name()).toBe(true);
        const finals = Array.isArray(state) ? state : [state], cellFinals = Array.isArray(s) ? s : [s];
        finals.forEach((f, i) => expect(torch.allclose(cellFinals[i], f.squeeze(0), { atol: 1e-6 })).toBe(true));
      }
    });
  });
});
