// Extracts the printed output of the seed notebook (../shared/seed-pytorch-autograd.md,
// PyTorch's own run) into test/fixtures/seed-output.txt, so the example test has
// the notebook's lines even where shared/ is not beside the clone.
import { readFileSync, writeFileSync } from 'node:fs';

const seed = readFileSync(new URL('../../shared/seed-pytorch-autograd.md', import.meta.url), 'utf8');
const prefixes = ['Weighted sum', 'Predicted value', 'Loss:', 'Partial gradient', 'Gradient of loss'];
const lines = seed.split('\n').filter((l) => prefixes.some((p) => l.startsWith(p)));
writeFileSync(new URL('../test/fixtures/seed-output.txt', import.meta.url), lines.join('\n') + '\n');
console.log(lines.join('\n'));
