// torch.optim (to be completed).
export class SGD {}
export class Adam {}
