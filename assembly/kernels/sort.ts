// The orderings PyTorch 1.13's CPU kernels use, step for step, so that ties land on
// the same indices: libstdc++'s std::sort, std::nth_element and std::partial_sort
// (introsort, introselect, heap select) and PyTorch's own quick_select_template
// (kthvalue), plus a stable merge sort (sort(stable=True)). They run over one run of
// (value, index) pairs held as two arrays, V (f64: float32 and int32 values convert
// exactly) and I (i32), and compare with one of four orders (src/js/kernels/sort.ts
// is the same code for the js device).

/** a < b: mode's std::sort. */
export const LESS = 0;
/** NaN last: ascending sort, topk(largest=False). */
export const LESS_NAN = 1;
/** NaN first: descending sort, topk, kthvalue's quick select. */
export const GREATER_NAN = 2;
/** median/nanmedian along a dim: by value then index, NaN last. */
export const MEDIAN = 3;

let V: usize = 0;
let I: usize = 0;
let order = LESS;

/** Sets the run the algorithms below work on and the order they compare with. */
export function setRun(values: usize, indices: usize, ord: i32): void { V = values; I = indices; order = ord; }

@inline function v(p: i32): f64 { return load<f64>(V + (<usize>p << 3)); }
@inline function ix(p: i32): i32 { return load<i32>(I + (<usize>p << 2)); }
@inline function put(p: i32, value: f64, index: i32): void {
  store<f64>(V + (<usize>p << 3), value);
  store<i32>(I + (<usize>p << 2), index);
}

function less(av: f64, ai: i32, bv: f64, bi: i32): bool {
  switch (order) {
    case LESS: return av < bv;
    case LESS_NAN: return (av == av && bv != bv) || av < bv;
    case GREATER_NAN: return (av != av && bv == bv) || av > bv;
    case MEDIAN: return av < bv || (av == bv && ai < bi) || (bv != bv && av == av);
    default: unreachable();
  }
  return false;
}
@inline function lessAt(p: i32, q: i32): bool { return less(v(p), ix(p), v(q), ix(q)); }

function swap(p: i32, q: i32): void {
  const pv = v(p), pi = ix(p);
  put(p, v(q), ix(q));
  put(q, pv, pi);
}

function moveMedianToFirst(r: i32, a: i32, b: i32, c: i32): void {
  if (lessAt(a, b)) {
    if (lessAt(b, c)) swap(r, b);
    else if (lessAt(a, c)) swap(r, c);
    else swap(r, a);
  } else if (lessAt(a, c)) swap(r, a);
  else if (lessAt(b, c)) swap(r, c);
  else swap(r, b);
}

function unguardedPartition(first: i32, last: i32, pivot: i32): i32 {
  while (true) {
    while (lessAt(first, pivot)) first++;
    last--;
    while (lessAt(pivot, last)) last--;
    if (!(first < last)) return first;
    swap(first, last);
    first++;
  }
  return first;
}

function partitionPivot(first: i32, last: i32): i32 {
  const mid = first + (last - first) / 2;
  moveMedianToFirst(first, first + 1, mid, last - 1);
  return unguardedPartition(first + 1, last, first);
}

function linearInsert(last: i32): void {
  const val = v(last), vi = ix(last);
  let next = last - 1;
  while (less(val, vi, v(next), ix(next))) { put(last, v(next), ix(next)); last = next; next--; }
  put(last, val, vi);
}

function insertionSort(first: i32, last: i32): void {
  if (first == last) return;
  for (let i = first + 1; i < last; i++) {
    if (lessAt(i, first)) {
      const val = v(i), vi = ix(i);
      for (let j = i; j > first; j--) put(j, v(j - 1), ix(j - 1));
      put(first, val, vi);
    } else {
      linearInsert(i);
    }
  }
}

function pushHeap(first: i32, hole: i32, top: i32, val: f64, vi: i32): void {
  let parent = (hole - 1) / 2;
  while (hole > top && less(v(first + parent), ix(first + parent), val, vi)) {
    put(first + hole, v(first + parent), ix(first + parent));
    hole = parent;
    parent = (hole - 1) / 2;
  }
  put(first + hole, val, vi);
}

function adjustHeap(first: i32, hole: i32, len: i32, val: f64, vi: i32): void {
  const top = hole;
  let second = hole;
  while (second < (len - 1) / 2) {
    second = 2 * (second + 1);
    if (lessAt(first + second, first + second - 1)) second--;
    put(first + hole, v(first + second), ix(first + second));
    hole = second;
  }
  if ((len & 1) == 0 && second == (len - 2) / 2) {
    second = 2 * (second + 1);
    put(first + hole, v(first + second - 1), ix(first + second - 1));
    hole = second - 1;
  }
  pushHeap(first, hole, top, val, vi);
}

function makeHeap(first: i32, last: i32): void {
  const len = last - first;
  if (len < 2) return;
  let parent = (len - 2) / 2;
  while (true) {
    adjustHeap(first, parent, len, v(first + parent), ix(first + parent));
    if (parent == 0) return;
    parent--;
  }
}

function popHeap(first: i32, last: i32, result: i32): void {
  const val = v(result), vi = ix(result);
  put(result, v(first), ix(first));
  adjustHeap(first, 0, last - first, val, vi);
}

function heapSelect(first: i32, middle: i32, last: i32): void {
  makeHeap(first, middle);
  for (let i = middle; i < last; i++) if (lessAt(i, first)) popHeap(first, middle, i);
}

/** std::partial_sort: the smallest middle − first in order at the front. */
export function partialSort(first: i32, middle: i32, last: i32): void {
  heapSelect(first, middle, last);
  while (middle - first > 1) { middle--; popHeap(first, middle, middle); }
}

@inline function lg2(n: i32): i32 { return 31 - clz<i32>(n); }

function introsortLoop(first: i32, last: i32, depth: i32): void {
  while (last - first > 16) {
    if (depth == 0) { partialSort(first, last, last); return; }
    depth--;
    const cut = partitionPivot(first, last);
    introsortLoop(cut, last, depth);
    last = cut;
  }
}

/** std::sort (not stable). */
export function stdSort(first: i32, last: i32): void {
  if (first == last) return;
  introsortLoop(first, last, lg2(last - first) * 2);
  if (last - first > 16) {
    insertionSort(first, first + 16);
    for (let i = first + 16; i < last; i++) linearInsert(i);
  } else {
    insertionSort(first, last);
  }
}

/** std::nth_element: position nth holds what a sort would put there. */
export function nthElement(first: i32, nth: i32, last: i32): void {
  if (first == last || nth == last) return;
  let depth = lg2(last - first) * 2;
  while (last - first > 3) {
    if (depth == 0) { heapSelect(first, nth + 1, last); swap(first, nth); return; }
    depth--;
    const cut = partitionPivot(first, last);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertionSort(first, last);
}

/** PyTorch's quick_select_template over 0..n−1 (kthvalue), comparing with the current order. */
export function quickSelect(n: i32, k: i32): void {
  let L = 0, R = n - 1;
  while (true) {
    if (R <= L) return;
    if (R == L + 1) {
      if (lessAt(L, R)) swap(L, R);
      return;
    }
    swap((L + R) >> 1, L + 1);
    if (lessAt(L + 1, R)) swap(L + 1, R);
    if (lessAt(L, R)) swap(L, R);
    if (lessAt(L + 1, L)) swap(L + 1, L);
    let i = L + 1, j = R;
    const pv = v(L), pi = ix(L);
    while (true) {
      do i++; while (less(pv, pi, v(i), ix(i)));
      do j--; while (less(v(j), ix(j), pv, pi));
      if (j < i) break;
      swap(i, j);
    }
    swap(L, j);
    if (j <= k) L = i;
    if (j >= k) R = j - 1;
  }
}

/** A stable merge sort of 0..n−1 (sort(stable=True)); tv/ti: scratch for n pairs. */
export function stableSort(n: i32, tv: usize, ti: usize): void {
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = min(lo + width, n), hi = min(lo + 2 * width, n);
      let a = lo, b = mid, o = lo;
      while (a < mid || b < hi) {
        const takeB = a >= mid || (b < hi && lessAt(b, a));
        const p = takeB ? b++ : a++;
        store<f64>(tv + (<usize>o << 3), v(p));
        store<i32>(ti + (<usize>o << 2), ix(p));
        o++;
      }
    }
    memory.copy(V, tv, <usize>n << 3);
    memory.copy(I, ti, <usize>n << 2);
  }
}
