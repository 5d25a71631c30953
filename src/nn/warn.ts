// PyTorch's UserWarnings from torch.nn.functional (the losses' broadcast warning, dropout2d's ranks).

// Python warns once per call site; one warning per distinct message is the JS equivalent.
const warned = new Set<string>();

/** Prints `UserWarning: message` the first time this message is given. */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`UserWarning: ${message}`);
}
