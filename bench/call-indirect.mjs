// What a kernel reached through a funcref table (call_indirect) costs against today's dispatch, a
// br_table switch on the op code and a direct call (assembly/generated/dispatch.generated.ts), and
// against one JS -> WASM call (docs/design.md, "Bundle size: a lean entry": extension modules would
// put their kernels in the core module's table). Alternates the three in one process, keeps each
// one's best of 7 rounds of 2e7 calls.   node bench/call-indirect.mjs
import binaryen from 'binaryen';

const wat = `(module
  (type $k (func (param i32 i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $add $mul $sub $xor)
  (func $add (type $k) (i32.add (local.get 0) (local.get 1)))
  (func $mul (type $k) (i32.mul (local.get 0) (local.get 1)))
  (func $sub (type $k) (i32.sub (local.get 0) (local.get 1)))
  (func $xor (type $k) (i32.xor (local.get 0) (local.get 1)))
  (func $switch (param $op i32) (param $a i32) (param $b i32) (result i32)
    (block $d (block $c (block $bb (block $aa
      (br_table $aa $bb $c $d (local.get $op)))
      (return (call $add (local.get $a) (local.get $b))))
      (return (call $mul (local.get $a) (local.get $b))))
      (return (call $sub (local.get $a) (local.get $b))))
    (call $xor (local.get $a) (local.get $b)))
  (func (export "direct") (param $n i32) (param $op i32) (result i32) (local $i i32) (local $acc i32)
    (loop $l
      (local.set $acc (call $switch (i32.and (i32.add (local.get $op) (local.get $i)) (i32.const 3)) (local.get $acc) (local.get $i)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $acc))
  (func (export "indirect") (param $n i32) (param $op i32) (result i32) (local $i i32) (local $acc i32)
    (loop $l
      (local.set $acc (call_indirect (type $k) (local.get $acc) (local.get $i) (i32.and (i32.add (local.get $op) (local.get $i)) (i32.const 3))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $acc))
  (func (export "noop") (param i32) (result i32) (local.get 0)))`;

const mod = binaryen.parseText(wat);
if (!mod.validate()) throw new Error('invalid module');
const { instance: { exports: e } } = await WebAssembly.instantiate(mod.emitBinary()); // unoptimized: binaryen would fold the switch
const N = 2e7;
const time = (f) => { const t = performance.now(); f(); return (performance.now() - t) * 1e6 / N; };
const best = { direct: Infinity, indirect: Infinity, boundary: Infinity };
for (let round = 0; round < 7; round++) {
  best.direct = Math.min(best.direct, time(() => e.direct(N, round)));
  best.indirect = Math.min(best.indirect, time(() => e.indirect(N, round)));
  best.boundary = Math.min(best.boundary, time(() => { for (let i = 0; i < N; i++) e.noop(i); }));
}
console.log(`ns per call: br_table switch + direct call ${best.direct.toFixed(2)}, call_indirect ${best.indirect.toFixed(2)}, ` +
  `one JS -> WASM call ${best.boundary.toFixed(2)}`);
