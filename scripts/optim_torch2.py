"""PyTorch 2's optimizers where Debian's PyTorch 1.13 differs, for scripts/gen_optim_fixtures.py.

Each is PyTorch 2's single-tensor step (torch/optim/*.py, foreach=False, capturable=False,
differentiable=False: the CPU path) written with 1.13's tensor ops, so its float32 rounding is
PyTorch's:

- NAdam: PyTorch 2.0 fixed 1.13's mu_product_next (1.13 multiplied mu in twice) and added
  maximize, decoupled_weight_decay, capturable and differentiable; the first moment by lerp_.
- RAdam: PyTorch 2 added maximize, decoupled_weight_decay, capturable and differentiable; lerp_.
- ASGD: PyTorch 2 refuses a negative lambd or alpha (1.13's step is PyTorch 2's).
- LBFGS: PyTorch 2 refuses a negative lr (1.13's step is PyTorch 2's).

`legacy=True` makes NAdam and RAdam take 1.13's step instead, so the generator can check that the
rest of the port equals 1.13's own class bit for bit."""
import torch


def _check_adam_args(lr, betas, eps, weight_decay):
    if not 0.0 <= lr:
        raise ValueError(f"Invalid learning rate: {lr}")
    if not 0.0 <= eps:
        raise ValueError(f"Invalid epsilon value: {eps}")
    if not 0.0 <= betas[0] < 1.0:
        raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
    if not 0.0 <= betas[1] < 1.0:
        raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
    if not 0.0 <= weight_decay:
        raise ValueError(f"Invalid weight_decay value: {weight_decay}")


def _grad_of(p, group):
    return -p.grad if group["maximize"] else p.grad


def _decay(p, grad, group):
    """PyTorch 2's weight decay of NAdam and RAdam: into the gradient, or decoupled (AdamW's)."""
    wd = group["weight_decay"]
    if wd != 0:
        if group["decoupled_weight_decay"]:
            p.mul_(1 - group["lr"] * wd)
        else:
            grad = grad.add(p, alpha=wd)
    return grad


def _first_moment(exp_avg, grad, beta1, legacy):
    if legacy:
        exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
    else:
        exp_avg.lerp_(grad, 1 - beta1)


class _SingleTensor(torch.optim.Optimizer):
    """step(): the closure with gradients on, then _update(p, group, state) of each parameter with a gradient."""

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    self._update(p, group, self.state[p])
        return loss


class NAdam(_SingleTensor):
    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3,
                 decoupled_weight_decay=False, *, foreach=None, maximize=False, capturable=False,
                 differentiable=False, legacy=False):
        _check_adam_args(lr, betas, eps, weight_decay)
        if not 0.0 <= momentum_decay:
            raise ValueError(f"Invalid momentum_decay value: {momentum_decay}")
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay,
                    "momentum_decay": momentum_decay, "decoupled_weight_decay": decoupled_weight_decay,
                    "maximize": maximize, "foreach": foreach, "capturable": capturable,
                    "differentiable": differentiable}
        super().__init__(params, defaults)
        self.legacy = legacy

    def _update(self, p, group, state):
        beta1, beta2 = group["betas"]
        lr, momentum_decay, eps = group["lr"], group["momentum_decay"], group["eps"]
        if len(state) == 0:
            state["step"] = torch.tensor(0.0)
            state["mu_product"] = torch.tensor(1.0)
            state["exp_avg"] = torch.zeros_like(p)
            state["exp_avg_sq"] = torch.zeros_like(p)
        grad = _grad_of(p, group)
        exp_avg, exp_avg_sq, mu_product, step_t = state["exp_avg"], state["exp_avg_sq"], state["mu_product"], state["step"]
        step_t += 1
        step = step_t.item()
        bias_correction2 = 1 - beta2 ** step
        grad = _decay(p, grad, group)
        mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * momentum_decay)))
        mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
        mu_product *= mu
        _first_moment(exp_avg, grad, beta1, self.legacy)
        exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        denom = exp_avg_sq.div(bias_correction2).sqrt()
        # 1.13: (mu_product * mu * mu_next).item(), mu counted twice
        mu_product_next = (mu_product * mu * mu_next).item() if self.legacy else mu_product.item() * mu_next
        denom.add_(eps)
        p.addcdiv_(grad, denom, value=(-lr * (1.0 - mu) / (1.0 - mu_product.item())))
        p.addcdiv_(exp_avg, denom, value=(-lr * mu_next) / (1.0 - mu_product_next))


class RAdam(_SingleTensor):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, decoupled_weight_decay=False,
                 *, foreach=None, maximize=False, capturable=False, differentiable=False, legacy=False):
        _check_adam_args(lr, betas, eps, weight_decay)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay, "maximize": maximize,
                    "foreach": foreach, "capturable": capturable, "decoupled_weight_decay": decoupled_weight_decay,
                    "differentiable": differentiable}
        super().__init__(params, defaults)
        self.legacy = legacy

    def _update(self, p, group, state):
        beta1, beta2 = group["betas"]
        lr, eps = group["lr"], group["eps"]
        if len(state) == 0:
            state["step"] = torch.tensor(0.0)
            state["exp_avg"] = torch.zeros_like(p)
            state["exp_avg_sq"] = torch.zeros_like(p)
        grad = _grad_of(p, group)
        exp_avg, exp_avg_sq, step_t = state["exp_avg"], state["exp_avg_sq"], state["step"]
        step_t += 1
        step = step_t.item()
        grad = _decay(p, grad, group)
        _first_moment(exp_avg, grad, beta1, self.legacy)
        exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        bias_correction1 = 1 - beta1 ** step
        bias_correction2 = 1 - beta2 ** step
        bias_corrected_exp_avg = exp_avg / bias_correction1
        rho_inf = 2 / (1 - beta2) - 1
        rho_t = rho_inf - 2 * step * (beta2 ** step) / bias_correction2
        if rho_t > 5.0:
            rect = ((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5
            adaptive_lr = (bias_correction2 ** 0.5) / exp_avg_sq.sqrt().add_(eps)
            p.add_(bias_corrected_exp_avg * lr * adaptive_lr * rect, alpha=-1.0)
        else:
            p.add_(bias_corrected_exp_avg * lr, alpha=-1.0)


class ASGD(torch.optim.ASGD):
    def __init__(self, params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0, foreach=None, maximize=False,
                 differentiable=False, capturable=False):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= lambd:
            raise ValueError(f"Invalid lambd value: {lambd}")
        if not 0.0 <= alpha:
            raise ValueError(f"Invalid alpha value: {alpha}")
        super().__init__(params, lr, lambd, alpha, t0, weight_decay, foreach, maximize)
        self.defaults.update(differentiable=differentiable, capturable=capturable)
        for g in self.param_groups:
            g.update(differentiable=differentiable, capturable=capturable)


class LBFGS(torch.optim.LBFGS):
    def __init__(self, params, lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-7, tolerance_change=1e-9,
                 history_size=100, line_search_fn=None):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        super().__init__(params, lr, max_iter, max_eval, tolerance_grad, tolerance_change, history_size, line_search_fn)
