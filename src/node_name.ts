// PyTorch's name of an autograd node, where the op code alone does not say it.

import { Op } from '../abi/abi.js';
import type { Backend, NodeRef } from './device.js';
import { gradFnNames, fusedNodeNames } from './grad_fn.generated.js';
import { customNode } from './custom_backward.js';

/**
 * PyTorch's name of the node that records `op` (a device's record `node`): a Function's class name
 * for a torch.autograd.Function, the kernel's name for a fused derivative recorded under create_graph.
 */
export function nodeName(dev: Backend, op: Op, node: NodeRef): string {
  if (op === Op.CustomFunction) return customNode(dev, node)?.name ?? gradFnNames[op];
  if (op === Op.FusedBackward) return fusedNodeNames[dev.nodeInts(node)[0]] ?? gradFnNames[op];
  return gradFnNames[op];
}
