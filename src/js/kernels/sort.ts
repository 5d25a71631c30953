// The orderings PyTorch 1.13's CPU kernels use, as assembly/kernels/sort.ts (the same
// steps, so ties land on the same indices): libstdc++'s std::sort, std::nth_element
// and std::partial_sort, PyTorch's quick_select_template (kthvalue) and a stable
// merge sort, over one run of (value, index) pairs in two arrays.

/** a < b: mode's std::sort. */
export const LESS = 0;
/** NaN last: ascending sort, topk(largest=False). */
export const LESS_NAN = 1;
/** NaN first: descending sort, topk, kthvalue's quick select. */
export const GREATER_NAN = 2;
/** median/nanmedian along a dim: by value then index, NaN last. */
export const MEDIAN = 3;

/** One run of n (value, index) pairs and the order the algorithms compare with. */
export class Run {
  constructor(public v: Float64Array, public ix: Int32Array, public order: number) {}

  less(av: number, ai: number, bv: number, bi: number): boolean {
    switch (this.order) {
      case LESS: return av < bv;
      case LESS_NAN: return (av === av && bv !== bv) || av < bv;
      case GREATER_NAN: return (av !== av && bv === bv) || av > bv;
      default: return av < bv || (av === bv && ai < bi) || (bv !== bv && av === av);
    }
  }

  lessAt(p: number, q: number): boolean { return this.less(this.v[p], this.ix[p], this.v[q], this.ix[q]); }

  put(p: number, value: number, index: number): void { this.v[p] = value; this.ix[p] = index; }

  swap(p: number, q: number): void {
    const pv = this.v[p], pi = this.ix[p];
    this.put(p, this.v[q], this.ix[q]);
    this.put(q, pv, pi);
  }

  private moveMedianToFirst(r: number, a: number, b: number, c: number): void {
    if (this.lessAt(a, b)) {
      if (this.lessAt(b, c)) this.swap(r, b);
      else if (this.lessAt(a, c)) this.swap(r, c);
      else this.swap(r, a);
    } else if (this.lessAt(a, c)) this.swap(r, a);
    else if (this.lessAt(b, c)) this.swap(r, c);
    else this.swap(r, b);
  }

  private partitionPivot(first: number, last: number): number {
    const mid = first + Math.trunc((last - first) / 2);
    this.moveMedianToFirst(first, first + 1, mid, last - 1);
    const pivot = first;
    first++;
    for (;;) {
      while (this.lessAt(first, pivot)) first++;
      last--;
      while (this.lessAt(pivot, last)) last--;
      if (!(first < last)) return first;
      this.swap(first, last);
      first++;
    }
  }

  private linearInsert(last: number): void {
    const val = this.v[last], vi = this.ix[last];
    let next = last - 1;
    while (this.less(val, vi, this.v[next], this.ix[next])) { this.put(last, this.v[next], this.ix[next]); last = next; next--; }
    this.put(last, val, vi);
  }

  private insertionSort(first: number, last: number): void {
    for (let i = first + 1; i < last; i++) {
      if (this.lessAt(i, first)) {
        const val = this.v[i], vi = this.ix[i];
        for (let j = i; j > first; j--) this.put(j, this.v[j - 1], this.ix[j - 1]);
        this.put(first, val, vi);
      } else {
        this.linearInsert(i);
      }
    }
  }

  private adjustHeap(first: number, hole: number, len: number, val: number, vi: number): void {
    const top = hole;
    let second = hole;
    while (second < Math.trunc((len - 1) / 2)) {
      second = 2 * (second + 1);
      if (this.lessAt(first + second, first + second - 1)) second--;
      this.put(first + hole, this.v[first + second], this.ix[first + second]);
      hole = second;
    }
    if ((len & 1) === 0 && second === Math.trunc((len - 2) / 2)) {
      second = 2 * (second + 1);
      this.put(first + hole, this.v[first + second - 1], this.ix[first + second - 1]);
      hole = second - 1;
    }
    // push_heap
    let parent = Math.trunc((hole - 1) / 2);
    while (hole > top && this.less(this.v[first + parent], this.ix[first + parent], val, vi)) {
      this.put(first + hole, this.v[first + parent], this.ix[first + parent]);
      hole = parent;
      parent = Math.trunc((hole - 1) / 2);
    }
    this.put(first + hole, val, vi);
  }

  private popHeap(first: number, last: number, result: number): void {
    const val = this.v[result], vi = this.ix[result];
    this.put(result, this.v[first], this.ix[first]);
    this.adjustHeap(first, 0, last - first, val, vi);
  }

  private heapSelect(first: number, middle: number, last: number): void {
    const len = middle - first;
    if (len >= 2) {
      for (let parent = Math.trunc((len - 2) / 2); parent >= 0; parent--) {
        this.adjustHeap(first, parent, len, this.v[first + parent], this.ix[first + parent]);
      }
    }
    for (let i = middle; i < last; i++) if (this.lessAt(i, first)) this.popHeap(first, middle, i);
  }

  /** std::partial_sort: the smallest middle − first in order at the front. */
  partialSort(first: number, middle: number, last: number): void {
    this.heapSelect(first, middle, last);
    while (middle - first > 1) { middle--; this.popHeap(first, middle, middle); }
  }

  private introsortLoop(first: number, last: number, depth: number): void {
    while (last - first > 16) {
      if (depth === 0) { this.partialSort(first, last, last); return; }
      depth--;
      const cut = this.partitionPivot(first, last);
      this.introsortLoop(cut, last, depth);
      last = cut;
    }
  }

  /** std::sort (not stable). */
  sort(first: number, last: number): void {
    if (first === last) return;
    this.introsortLoop(first, last, (31 - Math.clz32(last - first)) * 2);
    if (last - first > 16) {
      this.insertionSort(first, first + 16);
      for (let i = first + 16; i < last; i++) this.linearInsert(i);
    } else {
      this.insertionSort(first, last);
    }
  }

  /** std::nth_element: position nth holds what a sort would put there. */
  nthElement(first: number, nth: number, last: number): void {
    if (first === last || nth === last) return;
    let depth = (31 - Math.clz32(last - first)) * 2;
    while (last - first > 3) {
      if (depth === 0) { this.heapSelect(first, nth + 1, last); this.swap(first, nth); return; }
      depth--;
      const cut = this.partitionPivot(first, last);
      if (cut <= nth) first = cut;
      else last = cut;
    }
    this.insertionSort(first, last);
  }

  /** PyTorch's quick_select_template over 0..n−1 (kthvalue). */
  quickSelect(n: number, k: number): void {
    let L = 0, R = n - 1;
    for (;;) {
      if (R <= L) return;
      if (R === L + 1) {
        if (this.lessAt(L, R)) this.swap(L, R);
        return;
      }
      this.swap((L + R) >> 1, L + 1);
      if (this.lessAt(L + 1, R)) this.swap(L + 1, R);
      if (this.lessAt(L, R)) this.swap(L, R);
      if (this.lessAt(L + 1, L)) this.swap(L + 1, L);
      let i = L + 1, j = R;
      const pv = this.v[L], pi = this.ix[L];
      for (;;) {
        do i++; while (this.less(pv, pi, this.v[i], this.ix[i]));
        do j--; while (this.less(this.v[j], this.ix[j], pv, pi));
        if (j < i) break;
        this.swap(i, j);
      }
      this.swap(L, j);
      if (j <= k) L = i;
      if (j >= k) R = j - 1;
    }
  }

  /** A stable merge sort of 0..n−1 (sort(stable=True)). */
  stableSort(n: number): void {
    const tv = new Float64Array(n), ti = new Int32Array(n);
    for (let width = 1; width < n; width *= 2) {
      for (let lo = 0; lo < n; lo += 2 * width) {
        const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
        let a = lo, b = mid, o = lo;
        while (a < mid || b < hi) {
          const p = a >= mid || (b < hi && this.lessAt(b, a)) ? b++ : a++;
          tv[o] = this.v[p];
          ti[o++] = this.ix[p];
        }
      }
      this.v.set(tv);
      this.ix.set(ti);
    }
  }
}
