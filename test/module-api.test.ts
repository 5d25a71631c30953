// torch.nn.Module's API against real PyTorch (fixtures/module_api.json, from
// scripts/gen_module_api_fixtures.py): traversal with shared modules, get_submodule /
// get_parameter / get_buffer, registration errors, train / eval / apply / requires_grad_,
// state_dict and load_state_dict (strict, missing / unexpected keys, size mismatches, partial
// loads, conversions), the containers and their errors and reprs, and forward hooks. Each
// scenario is the generator's program of that name, run after manual_seed(crc32(name)) (the
// generator's seed, so default initialisation matches) with the device as default device.

import { describe, it, expect } from 'vitest';
import { torch, DEVICES, loadFixture } from './support/torch.js';
import { scenarioTests, type ScenarioResult, type Program } from './support/scenarios.js';
import { tolerances } from './support/tolerances.js';

const { nn } = torch;
type Module = InstanceType<typeof nn.Module>;
type Tensor = torch.Tensor;
const S = loadFixture<{ scenarios: Record<string, ScenarioResult> }>('module_api.json').scenarios;

/** zlib.crc32, the generator's per-scenario seed. */
function crc32(s: string): number {
  let c = ~0;
  for (const b of new TextEncoder().encode(s)) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return (~c) >>> 0;
}

/** 'Type: message' of what fn throws, null if nothing (the generator's err()). */
function err(fn: () => unknown): string | null {
  try { fn(); } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; }
  return null;
}
const names = (pairs: [string, unknown][]): string[] => pairs.map(([n]) => n);
const typeNames = (ms: Iterable<Module>): string[] => [...ms].map((m) => m.constructor.name);
/** The generator's shapes(): 'None' or '4x3' per gradient, comma-separated. */
const shapes = (gs: (Tensor | null)[]): string => gs.map((g) => (g ? g.shape.join('x') : 'None')).join(',');

class Block extends nn.Module {
  fc = this.register_module('fc', new nn.Linear(4, 4));
  norm = this.register_module('norm', new nn.BatchNorm1d(4));
  scale = this.register_buffer('scale', torch.full([4], 2.0));
  cache = this.register_buffer('cache', torch.zeros(2), { persistent: false });
  extra_repr(): string { return 'hidden=4'; }
  forward(x: Tensor): Tensor { return this.norm.call(this.fc.call(x)).mul(this.scale); }
}

/** The generator's Assigned: registers by attribute assignment only, as most PyTorch code does. */
class Assigned extends nn.Module {
  [name: string]: any;
  constructor() {
    super();
    this.fc1 = new nn.Linear(3, 4);
    this.w = new nn.Parameter(torch.ones(4));
    this.act = new nn.ReLU();
    this.note = 'plain';
    this.register_buffer('scale', torch.full([4], 2.0));
    this.fc2 = new nn.Linear(4, 1);
  }
  forward(x: Tensor): Tensor { return this.fc2(this.act(this.fc1(x)).mul(this.scale).add(this.w)); }
}
const members = (m: Module) => ({
  parameters: names(m.named_parameters()), buffers: names(m.named_buffers()), children: names(m.named_children()),
  state_dict: Object.keys(m.state_dict()), repr: String(m),
});

/** Runs fn, then frees the modules' parameters and buffers: an error scenario's engine check counts live tensors. */
function freeing<T>(ms: Module[], fn: () => T): T {
  try { return fn(); } finally { for (const m of ms) for (const t of [...m.parameters(), ...m.buffers()]) t.dispose(); }
}

const bn = (): Module => new nn.BatchNorm1d(4);
function twoModels(): [InstanceType<typeof nn.Sequential>, InstanceType<typeof nn.Sequential>] {
  const a = new nn.Sequential(new nn.Linear(3, 4), bn(), new nn.ReLU(), new nn.Linear(4, 2));
  a.call(torch.randn(6, 3));
  const b = new nn.Sequential(new nn.Linear(3, 4), bn(), new nn.ReLU(), new nn.Linear(4, 2));
  return [a, b];
}

const programs: Record<string, Program> = {
  traversal_shared_modules: () => {
    const shared = new nn.Linear(2, 2);
    const model = new nn.Sequential(shared, new nn.ReLU(), shared, new nn.Sequential(new nn.Tanh(), shared));
    return {
      named_modules: names(model.named_modules()),
      named_modules_all: names(model.named_modules({ remove_duplicate: false })),
      named_modules_prefix: names(model.named_modules(null, 'net')),
      named_children: names(model.named_children()),
      children: model.children().length,
      modules: model.modules().length,
      named_parameters: names(model.named_parameters()),
      named_parameters_all: names(model.named_parameters({ remove_duplicate: false })),
      named_parameters_prefix: names(model.named_parameters('net')),
      own_parameters: model.parameters(false).length,
      nested_own: names(model.at(3).named_parameters('', false)),
    };
  },
  custom_module_members: () => {
    const b = new Block();
    return {
      repr: String(b),
      named_parameters: names(b.named_parameters()),
      named_buffers: names(b.named_buffers()),
      state_dict: Object.keys(b.state_dict()),
      buffers: b.buffers(false).length,
      get_submodule: String(b.get_submodule('norm')),
      get_parameter: b.get_parameter('fc.bias'),
      get_buffer: b.get_buffer('norm.running_var'),
      root: b.get_submodule('') === b,
      errors: [
        err(() => b.get_submodule('fc.weight')), err(() => b.get_submodule('nope')), err(() => b.get_submodule('fc.nope')),
        err(() => b.get_parameter('norm.running_mean')), err(() => b.get_parameter('fc.nope')),
        err(() => b.get_buffer('fc.weight')), err(() => b.get_buffer('nope.x')),
      ],
    };
  },
  registration_errors: () => {
    const m = new nn.Linear(2, 2);
    const p = new nn.Parameter(torch.ones(1));
    const any = m as unknown as Record<string, (...a: unknown[]) => unknown>;
    return {
      errors: [
        err(() => m.register_parameter('a.b', p)), err(() => m.register_parameter('', p)),
        err(() => any.register_parameter(5, p)), err(() => m.register_parameter('w2', torch.ones(1))),
        err(() => m.register_parameter('forward', p)),
        err(() => m.register_buffer('a.b', torch.ones(1))), err(() => m.register_buffer('', torch.ones(1))),
        err(() => any.register_buffer('buf', 3)), err(() => m.register_buffer('weight', torch.ones(1))),
        err(() => any.add_module('sub', 3)), err(() => any.add_module('sub', torch.ones(1))),
        err(() => m.add_module('a.b', new nn.ReLU())), err(() => m.add_module('', new nn.ReLU())),
        err(() => m.add_module('bias', new nn.ReLU())), err(() => m.register_module('training', new nn.ReLU())),
        err(() => any.train('yes')),
      ],
      reregister: [
        err(() => m.register_parameter('weight', new nn.Parameter(torch.zeros(2, 2)))),
        err(() => m.add_module('sub', new nn.ReLU())), err(() => m.add_module('sub', new nn.Tanh())),
        err(() => { m.bias = m.register_parameter('bias', null); }),
      ],
      after: [...names(m.named_parameters()), ...names(m.named_children())],
      repr: String(m),
    };
  },
  attribute_assignment_registers: () => {
    const net = new Assigned();
    const x = torch.randn(2, 3);
    const calls: string[] = [];
    net.register_forward_hook((mod) => { calls.push(mod.constructor.name); });
    const out = net(x);
    out.sum().backward();
    return { ...members(net), out, fc1_grad: net.fc1.weight.grad, hooks: calls, same_child: net.fc1 === net.get_submodule('fc1'), note: net.note };
  },
  attribute_reassignment: () => {
    const net = new Assigned();
    net.act = null;
    const after_none = members(net);
    net.fc1 = new nn.Linear(3, 4, { bias: false });
    net.scale = torch.zeros(4);
    net.w = null;
    net.fc2 = new nn.Parameter(torch.ones(1));
    net.extra = new nn.Tanh();
    const after = members(net);
    delete net.fc1;
    delete net.w;
    net.note = new nn.Identity();
    return { after_none, after, after_del: members(net), scale: net.state_dict().scale, fc2: net.fc2 };
  },
  attribute_assignment_errors: () => {
    const net = new Assigned();
    net.act = null;
    const errors = [
      err(() => { net.w = torch.ones(4); }), err(() => { net.w = 3; }), err(() => { net.act = 3; }),
      err(() => { net.fc1 = torch.ones(1); }), err(() => { net.scale = 'x'; }), err(() => { net.scale = 2.5; }),
      err(() => net.register_parameter('note', new nn.Parameter(torch.ones(1)))),
      err(() => net.register_buffer('fc1', torch.ones(1))),
    ];
    const out = net.fc2(torch.ones(1, 4));
    return { errors, ...members(net), out };
  },
  batch_norm_cumulative_average: () => {
    const bn = new nn.BatchNorm1d(3, { momentum: null });
    const inorm = new nn.InstanceNorm1d(3, { momentum: null, track_running_stats: true });
    for (let k = 0; k < 3; k++) {
      const x = torch.randn(4, 3).mul(2).add(1);
      bn(x);
      inorm(x.unsqueeze(0).transpose(1, 2));
    }
    bn.eval();
    return {
      repr: String(bn), inorm_repr: String(inorm), running_mean: bn.running_mean, running_var: bn.running_var,
      num_batches_tracked: bn.num_batches_tracked!.item(), eval_out: bn(torch.ones(2, 3)),
      inorm_running_mean: inorm.running_mean, inorm_running_var: inorm.running_var,
    };
  },
  train_eval_apply_requires_grad: () => {
    const model = new nn.Sequential(new nn.Linear(2, 3), new nn.Sequential(new nn.Dropout(), new nn.Linear(3, 1)));
    model.eval();
    const after_eval = model.modules().map((m) => m.training);
    model.at(1).train();
    const mixed = model.modules().map((m) => m.training);
    const visited: string[] = [];
    model.apply((m) => { visited.push(m.constructor.name); });
    model.requires_grad_(false);
    const frozen = model.parameters().map((p) => p.requires_grad);
    model.at(1).requires_grad_();
    return { after_eval, mixed, visited, frozen, partly: model.parameters().map((p) => p.requires_grad), returns_self: model.train() === model };
  },
  state_dict_keys_values: (input) => {
    const model = new nn.Sequential(new nn.Linear(3, 4), new nn.BatchNorm1d(4), new nn.Linear(4, 2));
    model.register_buffer('steps', torch.tensor([3.0]));
    model.register_buffer('tmp', torch.ones(2), { persistent: false });
    model.call(input('x'));
    const sd = model.state_dict();
    const kept = model.state_dict({ keep_vars: true });
    return {
      keys: Object.keys(sd),
      values: Object.values(sd),
      prefixed: Object.keys(model.state_dict({ prefix: 'model.' })),
      requires_grad: Object.values(sd).map((t) => t.requires_grad),
      keep_vars_requires_grad: Object.values(kept).map((t) => t.requires_grad),
      keep_vars_is_param: [kept['0.weight'] === (model.at(0) as InstanceType<typeof nn.Linear>).weight, sd['0.weight'] === (model.at(0) as InstanceType<typeof nn.Linear>).weight],
    };
  },
  load_state_dict_round_trip: (input) => {
    const [a, b] = twoModels();
    const w = (b.at(0) as InstanceType<typeof nn.Linear>).weight;
    const result = b.load_state_dict(a.state_dict());
    const x = input('x');
    a.eval();
    b.eval();
    return {
      result: String(result), missing: result.missing_keys, unexpected: result.unexpected_keys, output: b.call(x),
      same_parameter: (b.at(0) as InstanceType<typeof nn.Linear>).weight === w, requires_grad: w.requires_grad, is_leaf: w.is_leaf, buffers: b.buffers(),
    };
  },
  load_state_dict_strict_error: () => {
    const [a, b] = twoModels();
    return freeing([a, b], () => {
      const sd = a.state_dict();
      delete sd['0.bias'];
      delete sd['1.running_var'];
      sd.extra = torch.ones(1);
      sd['3.extra'] = torch.ones(1);
      b.load_state_dict(sd);
      return {};
    });
  },
  load_state_dict_not_strict: () => {
    const [a, b] = twoModels();
    const sd = a.state_dict();
    delete sd['3.weight'];
    sd['head.weight'] = torch.ones(1);
    const result = b.load_state_dict(sd, { strict: false });
    return {
      result: String(result), missing: result.missing_keys, unexpected: result.unexpected_keys,
      loaded: (b.at(0) as InstanceType<typeof nn.Linear>).weight, kept: (b.at(3) as InstanceType<typeof nn.Linear>).weight,
    };
  },
  load_state_dict_size_mismatch: () => {
    const m = new nn.Linear(3, 2);
    return freeing([m], () => m.load_state_dict({ weight: torch.ones(2, 4), bias: torch.ones(3) }) && {});
  },
  load_state_dict_partial_on_error: (input) => {
    const m = new nn.Linear(3, 2);
    const message = err(() => m.load_state_dict({ weight: torch.ones(5), bias: input('bias') }));
    return { message, weight: m.weight, bias: m.bias };
  },
  load_state_dict_conversions: (input) => {
    const m = new nn.BatchNorm1d(3);
    const sd = Object.fromEntries(Object.entries(m.state_dict()).map(([k, v]) => [k, v.dtype.is_floating_point ? v.double() : v]));
    sd.weight = input('w');
    sd.num_batches_tracked = torch.tensor([7]);
    const result = m.load_state_dict(sd);
    return { result: String(result), weight: m.weight, dtype: String(m.weight!.dtype), num_batches_tracked: m.num_batches_tracked };
  },
  load_state_dict_bad_values: () => {
    const m = new nn.Linear(2, 1);
    const any = m as unknown as { load_state_dict(sd: unknown): unknown };
    return { errors: [err(() => any.load_state_dict({ weight: 3, bias: torch.zeros(1) })), err(() => any.load_state_dict([1, 2])), err(() => m.load_state_dict({}))] };
  },
  sequential_indexing: () => {
    const model = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 3), new nn.Tanh());
    const tail = model.slice(1);
    const stepped = model.slice(null, null, 2);
    model.append(new nn.Sigmoid());
    model.insert(1, new nn.Identity());
    model.insert(-1, new nn.Flatten());
    model.extend([new nn.ReLU(), new nn.Identity()]);
    const popped = model.pop(2);
    model.delete(0);
    model.set(0, new nn.Softplus());
    const named = new nn.Sequential(new Map<string, Module>([['fc', new nn.Linear(2, 2)], ['act', new nn.ReLU()]]));
    const any = model as unknown as { at(i: unknown): unknown; insert(i: number, m: unknown): unknown };
    return {
      tail: String(tail), tail_keys: [...tail._modules.keys()], stepped: String(stepped), last: String(model.at(-1)), len: model.length,
      popped: String(popped), repr: String(model), iterated: typeNames(model), named: String(named), named_params: names(named.named_parameters()),
      errors: [
        err(() => model.at(model.length)), err(() => model.at(-model.length - 1)), err(() => any.at(1.5)),
        err(() => model.insert(20, new nn.ReLU())), err(() => any.insert(0, 3)),
        err(() => model.set(30, new nn.ReLU())), err(() => model.delete(-30)),
      ],
    };
  },
  sequential_forward_runs_hooks: (input) => {
    const model = new nn.Sequential(new nn.Linear(3, 2), new nn.ReLU());
    model.at(0).register_forward_hook((m, args, out) => out.mul(10));
    const x = input('x');
    return { output: model.call(x), forward: model.forward(x) };
  },
  module_list_ops: () => {
    const layers = new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 2)]);
    layers.append(new nn.ReLU());
    layers.extend([new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.Linear(2, 2)]);
    const folded = String(layers);
    layers.insert(1, new nn.Tanh());
    const sliced = layers.slice(1, 4);
    const popped = layers.pop(0);
    layers.delete(-1);
    layers.set(0, new nn.Sigmoid());
    const any = layers as unknown as { at(i: unknown): unknown; extend(m: unknown): unknown; set(i: number, m: unknown): unknown };
    const errors = [
      err(() => layers.at(10)), err(() => layers.at(-10)), err(() => any.at('0')),
      err(() => any.extend(5)), err(() => any.extend(new nn.ReLU())),
      err(() => any.set(0, 3)), err(() => layers.call(torch.ones(1))),
    ];
    return {
      folded, sliced: String(sliced), sliced_keys: [...sliced._modules.keys()], popped: String(popped), repr: String(layers),
      len: layers.length, last: String(layers.at(-1)), names: names(layers.named_parameters()), iterated: typeNames(layers),
      errors, empty: String(new nn.ModuleList()),
    };
  },
  module_list_insert_negative: () => {
    new nn.ModuleList([new nn.ReLU(), new nn.Tanh()]).insert(-1, new nn.Sigmoid());
    return {};
  },
  module_dict_ops: () => {
    const d = new nn.ModuleDict({ b: new nn.Linear(2, 2), a: new nn.ReLU() });
    d.update([['c', new nn.Tanh()], ['b', new nn.Linear(2, 3)]]);
    d.set('z', new nn.Identity());
    const popped = d.pop('a');
    d.delete('z');
    const any = d as unknown as { update(m: unknown): unknown };
    const out = {
      keys: d.keys(), len: d.length, has: [d.has('c'), d.has('a')], popped: String(popped), repr: String(d),
      iterated: [...d], values: typeNames(d.values()), names: names(d.named_parameters()),
      errors: [
        err(() => d.get('missing')), err(() => d.delete('missing')), err(() => any.update(5)),
        err(() => any.update([5])), err(() => any.update([['x']])), err(() => any.update([['x', 3]])),
      ],
    };
    d.clear();
    return { ...out, cleared: d.length };
  },
  parameter_list_ops: (input) => {
    const ps = new nn.ParameterList([input('a'), new nn.Parameter(torch.zeros(4), false)]);
    ps.append(input('b'));
    ps.extend([torch.ones(2, 2)]);
    const any = ps as unknown as { extend(v: unknown): unknown; call(x: unknown): unknown };
    return {
      repr: String(ps), len: ps.length, names: names(ps.named_parameters()), first: ps.at(0), last: ps.at(-1), sliced: String(ps.slice(1, 3)),
      requires_grad: [...ps].map((p) => p.requires_grad), is_parameter: [...ps].map((p) => p instanceof nn.Parameter),
      errors: [err(() => ps.at(4)), err(() => any.extend(torch.ones(2))), err(() => any.extend(3)), err(() => any.call(torch.ones(1)))],
      module_repr: String(new nn.Sequential(new nn.Linear(1, 1), new nn.ParameterList([torch.ones(3)]))),
    };
  },
  parameter_dict_ops: (input) => {
    const pd = new nn.ParameterDict({ w: input('w'), b: torch.zeros(2, 2) });
    const ordered = new nn.ParameterDict(new Map([['w', torch.ones(1)], ['b', torch.ones(1)]]));
    pd.update([['c', torch.ones(1)]]);
    pd.set('d', new nn.Parameter(torch.ones(2), false));
    const popped = pd.pop('b');
    const any = pd as unknown as { update(v: unknown): unknown; call(x: unknown): unknown };
    return {
      keys: pd.keys(), ordered_keys: ordered.keys(), len: pd.length, has: [pd.has('c'), pd.has('b')], w: pd.get('w'), popped,
      repr: String(pd), names: names(pd.named_parameters()), requires_grad: pd.values().map((p) => p.requires_grad),
      errors: [err(() => pd.get('zz')), err(() => pd.delete('zz')), err(() => any.update(3)), err(() => any.update([['x', 1, 2]])), err(() => any.call(torch.ones(1)))],
    };
  },
  forward_pre_hooks_replace_args: (input) => {
    const m = new nn.Linear(3, 2);
    const log: string[] = [];
    m.register_forward_pre_hook((mod, args) => { log.push(`pre1 ${args.length} ${mod.constructor.name}`); return args[0].mul(2); });
    m.register_forward_pre_hook((mod, args) => { log.push('pre2'); return [args[0].add(1)]; });
    m.register_forward_pre_hook(() => { log.push('pre3 looks'); });
    const x = input('x');
    return { output: m.call(x), log, forward_skips_hooks: m.forward(x) };
  },
  forward_hooks_replace_output_in_order: (input) => {
    const m = new nn.Linear(3, 2);
    const log: string[] = [];
    m.register_forward_hook(() => { log.push('a'); });
    m.register_forward_hook((mod, args, out) => { log.push('b'); return out.relu(); });
    m.register_forward_hook(() => { log.push('c first'); }, { prepend: true });
    m.register_forward_pre_hook(() => { log.push('pre b'); });
    m.register_forward_pre_hook(() => { log.push('pre a first'); }, { prepend: true });
    m.register_forward_hook((mod, args, out) => { log.push(`d sees ${args[0].shape[0]} rows`); return out.add(1); });
    return { output: m.call(input('x')), log };
  },
  hook_handles_remove: (input) => {
    const m = new nn.Linear(2, 2);
    const h1 = m.register_forward_hook((mod, args, out) => out.mul(0));
    const h2 = m.register_forward_pre_hook((mod, args) => args[0].mul(3));
    const x = input('x');
    const both = m.call(x);
    h1.remove();
    const pre_only = m.call(x);
    h2.remove();
    h2.remove();
    return { both, pre_only, none: m.call(x) };
  },
  global_hooks_run_first: (input) => {
    const model = new nn.Sequential(new nn.Linear(2, 2), new nn.ReLU());
    const log: string[] = [];
    model.at(0).register_forward_hook((mod) => { log.push(`own hook ${mod.constructor.name}`); });
    model.at(0).register_forward_pre_hook((mod) => { log.push(`own pre ${mod.constructor.name}`); }, { prepend: true });
    const g1 = nn.register_module_forward_pre_hook((mod) => { log.push(`global pre ${mod.constructor.name}`); });
    const g2 = nn.register_module_forward_hook((mod) => { log.push(`global hook ${mod.constructor.name}`); });
    try {
      model.call(input('x'));
    } finally {
      g1.remove();
      g2.remove();
    }
    model.call(torch.ones(1, 2));
    return { log };
  },
  full_backward_hook_replaces_grad_input: (input) => {
    const m = new nn.Linear(3, 2);
    const seen: string[] = [];
    const captured: Record<string, Tensor | null> = {};
    m.register_full_backward_hook((mod, gin, gout) => { seen.push(`${mod.constructor.name} ${shapes(gin)} ${shapes(gout)}`); return [gin[0]!.mul(2)]; });
    m.register_full_backward_hook((mod, gin, gout) => { captured.gin = torch.keep(gin[0]!); captured.gout = torch.keep(gout[0]!); });
    const x = input('x').requires_grad_();
    const y = m.call(x);
    y.backward(input('up'));
    return { x_grad: x.grad, w_grad: m.weight.grad, seen, gin: captured.gin, gout: captured.gout, grad_fn: y.grad_fn?.name() };
  },
  full_backward_hooks_in_a_sequential: (input) => {
    const model = new nn.Sequential(new nn.Linear(3, 4), new nn.Tanh(), new nn.Linear(4, 2));
    const log: string[] = [];
    [...model].forEach((child, k) => child.register_full_backward_hook((mod, gin, gout) => { log.push(`${k} ${mod.constructor.name} ${shapes(gin)} ${shapes(gout)}`); }));
    model.register_full_backward_hook((mod, gin, gout) => { log.push(`all ${shapes(gin)} ${shapes(gout)}`); });
    model.call(input('x')).sum().backward();
    return { log, w_grad: (model.at(0) as InstanceType<typeof nn.Linear>).weight.grad };
  },
  full_backward_pre_hook_replaces_grad_output: (input) => {
    const m = new nn.Linear(2, 2);
    const captured: Record<string, Tensor | null> = {};
    m.register_full_backward_pre_hook((mod, gout) => [gout[0]!.mul(0.5)]);
    m.register_full_backward_hook((mod, gin, gout) => { captured.gout = torch.keep(gout[0]!); });
    const x = input('x').requires_grad_();
    m.call(x).sum().backward();
    return { x_grad: x.grad, b_grad: m.bias!.grad, gout: captured.gout };
  },
  full_backward_hook_removed: (input) => {
    const m = new nn.Linear(2, 2);
    m.register_full_backward_hook((mod, gin) => [gin[0]!.mul(100)]).remove();
    const x = input('x').requires_grad_();
    const y = m.call(x);
    y.sum().backward();
    return { x_grad: x.grad, grad_fn: y.grad_fn?.name() };
  },
  full_backward_hook_wrong_count: (input) => {
    const m = new nn.Linear(2, 2);
    return freeing([m], () => {
      m.register_full_backward_hook((mod, gin) => [gin[0], gin[0]]);
      m.call(input('x').requires_grad_()).sum().backward();
      return {};
    });
  },
};

/** Each program after the generator's seed, with `device` as the default device. */
const seeded = Object.fromEntries(Object.entries(programs).map(([name, p]) => [name, ((input, device) => {
  const before = torch.get_default_device();
  torch.set_default_device(device);
  try {
    torch.manual_seed(crc32(name));
    return p(input, device);
  } finally {
    torch.set_default_device(before);
  }
}) as Program]));

describe.each(DEVICES)('nn.Module API vs PyTorch on %s', (device) => {
  scenarioTests(S, seeded, device, undefined, tolerances.nn);
});

describe.each(DEVICES)('nn.Module API beyond the fixtures on %s', (device) => {
  it('load_state_dict with assign replaces the parameters (PyTorch 2.1), keeping requires_grad', () => {
    const m = new nn.Linear(2, 2, { device });
    const old = m.weight;
    const w = torch.ones([2, 2], { device }), b = torch.zeros([2], { device });
    expect(String(m.load_state_dict({ weight: w, bias: b }, { assign: true }))).toBe('<All keys matched successfully>');
    expect(m.weight).not.toBe(old);
    expect(m.weight).toBeInstanceOf(nn.Parameter);
    expect(m.get_parameter('weight')).toBe(m.weight);
    expect(m.weight.requires_grad).toBe(true);
    expect(Array.from(m.call(torch.ones([1, 2], { device })).dataSync())).toEqual([2, 2]);
  });

  it('a state dict from the other device loads (copied across)', () => {
    const other = device === 'wasm' ? 'js' : 'wasm';
    const a = new nn.Linear(3, 2, { device: other }), b = new nn.Linear(3, 2, { device });
    b.load_state_dict(a.state_dict());
    expect(b.weight.device).toBe(device);
    expect(Array.from(b.weight.dataSync())).toEqual(Array.from(a.weight.dataSync()));
  });

  it('a module without children prints its extra_repr inside its name', () => {
    const lin = new nn.Linear(2, 3, { device });
    expect(String(lin)).toBe(`Linear(${lin.extra_repr()})`);
  });

  it('Parameter prints as PyTorch and is a leaf that requires grad', () => {
    const p = new nn.Parameter(torch.tensor([1.0, 2.0], { device }));
    expect(String(p)).toBe('Parameter containing:\ntensor([1., 2.], requires_grad=True)');
    expect(p.is_leaf).toBe(true);
    expect(new nn.Parameter(torch.ones(1, { device }), false).requires_grad).toBe(false);
  });

  it('hooks with_kwargs / always_call raise a clear error', () => {
    const m = new nn.Linear(1, 1, { device });
    expect(() => m.register_forward_hook(() => undefined, { with_kwargs: true })).toThrow(/with_kwargs=True\) is not supported/);
    expect(() => m.register_forward_pre_hook(() => undefined, { always_call: true })).toThrow(/always_call=True\) is not supported/);
  });
});
