"""How dropout and the train/eval modes work in PyTorch (001, "train() and eval() modes", "Dropout
Regularization", "Dropout regularization in practice"): exact checks on random tensors.

Each claim is an identity: the experiment returns one error per checked case (0 where an exact
property holds, 1 where it fails, or a numeric deviation), judged against a tolerance. Statistical
properties (the fraction of zeros, the mean of the scaled output) enter as the excess over a
4-sigma binomial bound, so they are 0 when inside it.
"""
import math

import torch
import torch.nn.functional as F
from torch import nn

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import BatchedMLP

DOC = "001_21bdbe3614939729.txt"
RATES = (0.1, 0.2, 0.5, 0.8)


def src(section, lines, quote):
    return Source(DOC, section, lines, quote)


def fails(ok) -> float:
    return 0.0 if bool(ok) else 1.0


def zero_fraction_excess(out, p):
    """How far the fraction of zeros lies outside p +- 4 binomial sds (0 inside)."""
    n = out.numel()
    frac = (out == 0).double().mean().item()
    return max(0.0, abs(frac - p) - 4 * math.sqrt(p * (1 - p) / n))


def seeded(ctx, name):
    torch.manual_seed(ctx.look_seed(name))


def net(p, dropout_module=True):
    layers = [nn.Linear(20, 64), nn.ReLU()]
    layers += [nn.Dropout(p)] if dropout_module else []
    return nn.Sequential(*layers, nn.Linear(64, 3))


# ----------------------------------------------------------------- inverted scaling
def inverted_scaling_errors(ctx):
    seeded(ctx, "inverted")
    n = ctx.sizes["n"]
    errors = []
    for p in RATES:
        x = torch.ones(n, dtype=torch.float64)
        out = F.dropout(x, p, training=True)
        kept = out[out != 0]
        errors.append((kept - 1 / (1 - p)).abs().max().item())           # kept values are 1/(1-p)
        sd = math.sqrt(p / (1 - p) / n)                                  # sd of the mean of out
        errors.append(max(0.0, abs(out.mean().item() - 1) - 4 * sd))      # E[out] = x
        errors.append(zero_fraction_excess(out, p))                       # about p of them zeroed
        errors.append((F.dropout(x, p, training=False) - x).abs().max().item())  # eval: identity
        model = net(p)
        before = [q.detach().clone() for q in model.parameters()]
        model.train()
        model(torch.randn(32, 20))                                        # activations scaled, weights untouched
        errors.append(max((a - b).abs().max().item() for a, b in zip(before, model.parameters())))
    return {"error": errors}


INVERTED = Claim(
    id="pytorch-dropout-scales-up-in-training-not-at-test",
    statement="PyTorch's dropout multiplies the kept activations by 1/(1-p) in training mode (so the mean "
              "is unchanged) and is the identity in eval mode; it leaves the weights themselves untouched.",
    sources=(src("Dropout regularization: how it works", (1602, 1611),
                 "PyTorch implements this second method, so PyTorch scales the weights up during training, "
                 "and then it does not apply a scaling factor during testing. ... 1. Scale up the weights "
                 "during training (PyTorch)"),
             Source("003_9348410d8d3ffd8d.txt", "4.4.3 Adding Dropout", (2134, 2135),
                    "Inverted dropout (Strategy 2) - `activation = activation / keep_probability` to scale up "
                    "during the training")),
    kind=Kind.IDENTITY, topic="regularization",
    metric="per p in {.1,.2,.5,.8}: max |kept - 1/(1-p)|, excess of |mean - 1| and of the zero fraction over "
           "4 binomial sds, max |eval(x) - x|, max weight change after a train-mode forward",
    direction="holds", tolerance=1e-12, experiment=inverted_scaling_errors,
    sizes={"smoke": {"seeds": 1, "n": 100_000}, "ci": {"seeds": 1, "n": 1_000_000}, "full": {"seeds": 1, "n": 10_000_000}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci): kept values are exactly 1/(1-p), mean and zero fraction inside 4 sds, eval is the identity, weights unchanged (all errors 0)",
    notes="Wording: PyTorch scales the kept ACTIVATIONS (the layer's output) by 1/(1-p); the weights are "
          "never modified. For the next layer's input the two are the same thing, which is the document's point.",
)


def inverse_p_errors(ctx):
    """|kept value - 1/p| per rate: the document's 'Q is basically the inverse of P'."""
    seeded(ctx, "inverse-p")
    errors = []
    for p in RATES:
        out = F.dropout(torch.ones(10_000, dtype=torch.float64), p, training=True)
        errors.append((out[out != 0] - 1 / p).abs().max().item())
    return {"error": errors}


INVERSE_OF_P = Claim(
    id="dropout-scale-factor-is-inverse-of-p",
    statement="As worded: the training-time scale factor q of the kept units is the inverse of the dropout "
              "probability p (q = 1/p; 2 at p = .5), for every p.",
    sources=(src("Dropout regularization: how it works", (1576, 1584),
                 "so their contributions scaled by Q and Q is. ... Basically, the inverse of P ... the "
                 "numerical example of P equals zero point five. ... So that means that this would be two."),),
    kind=Kind.IDENTITY, topic="regularization", metric="max |kept value - 1/p| for p in {.1, .2, .5, .8}",
    direction="holds", tolerance=1e-12, experiment=inverse_p_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.REFUTED, expect_reason="measured: kept values are 1/(1-p); |kept - 1/p| = 8.89, 3.75, 0, 3.75 at p = .1, .2, .5, .8 (true only at the document's p = .5)",
    document_figures={"p": 0.5, "q": 2.0},
    notes="The factor is 1/(1-p), the inverse of the KEEP probability; it equals 1/p only at p = .5, the "
          "document's example (errors 0 there, 8.9, 3.75 and 3.75 at p = .1, .2, .8).",
)


# ----------------------------------------------------------------- modes
def mode_errors(ctx):
    seeded(ctx, "modes")
    p = 0.5
    model = net(p)
    x = torch.randn(256, 20)
    errors = [fails(all(m.training for m in model.modules()))]            # on by default
    model.eval()
    errors.append(fails(not any(m.training for m in model.modules())))    # eval reaches every submodule
    a, b = model(x), model(x)
    plain = net(0.0)
    plain.load_state_dict(model.state_dict())
    plain.eval()
    errors += [fails(torch.equal(a, b)), fails(torch.equal(a, plain(x)))]  # deterministic, = no dropout
    model.train()
    errors.append(fails(all(m.training for m in model.modules())))
    h = model[2](model[1](model[0](x)))                                    # hidden after dropout
    pre = model[1](model[0](x))
    errors.append(fails(not torch.equal(model(x), model(x))))              # train passes differ
    errors.append(zero_fraction_excess(h[pre > 0], p))                     # about p of active units zeroed
    bn = nn.BatchNorm1d(20)
    bn.train()
    bn(torch.randn(64, 20) * 3 + 1)
    bn.eval()                                                              # eval: running stats, per-sample
    errors.append(fails(torch.allclose(bn(x)[:1], bn(x[:1]))))
    bn.train()
    errors.append(fails(not torch.allclose(bn(x)[:2], bn(x[:2]))))        # train: batch statistics
    return {"error": errors}


MODES = Claim(
    id="dropout-and-batchnorm-act-only-in-train-mode",
    statement="A new nn.Module is in training mode; net.eval() switches every submodule off training and "
              "makes dropout a deterministic identity (output = the same net without dropout) and batch norm "
              "use running statistics; net.train() turns both back on.",
    sources=(src("train() and eval() modes", (1502, 1510),
                 "Some regularization methods (drop out and batch normalization) are applied only during "
                 "training, not during evaluation. ... |Necessary for training regularization, on by default.|"),),
    kind=Kind.IDENTITY, topic="regularization",
    metric="0/1 failure per checked property; zero-fraction excess over 4 binomial sds",
    direction="holds", tolerance=1e-12, experiment=mode_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason="measured: all 9 properties hold (errors 0)",
)


def eval_vs_no_grad_errors(ctx):
    seeded(ctx, "eval-no-grad")
    p = 0.5
    model = net(p)
    x = torch.randn(512, 20)
    model.eval()
    out = model(x)
    errors = [fails(out.requires_grad and out.grad_fn is not None)]       # eval alone still builds a graph
    out.sum().backward()
    errors.append(fails(all(q.grad is not None for q in model.parameters())))
    model.train()
    with torch.no_grad():
        a = model(x)
        h = model[2](model[1](model[0](x)))
        pre = model[1](model[0](x))
        b = model(x)
    errors.append(fails(not torch.equal(a, b)))                            # no_grad alone: dropout still on
    errors.append(zero_fraction_excess(h[pre > 0], p))
    errors.append(fails(a.grad_fn is None and not a.requires_grad))
    model.eval()
    with torch.no_grad():
        c, d = model(x), model(x)
    errors.append(fails(torch.equal(c, d) and c.grad_fn is None))          # both: deterministic, no graph
    return {"error": errors}


EVAL_NOT_NO_GRAD = Claim(
    id="eval-mode-and-no-grad-are-different-switches",
    statement="net.eval() turns regularization off but still records the autograd graph; torch.no_grad() "
              "stops the graph but leaves dropout active in training mode; only both together give a "
              "deterministic forward pass with no graph.",
    sources=(src("train() and eval() modes", (1506, 1510),
                 "|net.train()|net.eval()|torch.no_grad()| ... |Training mode|Testing mode|Used in testing mode| "
                 "... |Regularization active|Regularization off|Gardients not computed|"),),
    kind=Kind.IDENTITY, topic="regularization", metric="0/1 failure per checked property; zero-fraction excess",
    direction="holds", tolerance=1e-12, experiment=eval_vs_no_grad_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason="measured: all 6 properties hold (errors 0)",
)


def no_grad_errors(ctx):
    """no_grad never changes what the model computes: max |out_no_grad - out|, several shapes."""
    seeded(ctx, "no-grad")
    errors = []
    for width, depth in ((8, 1), (64, 2), (512, 4)):
        layers = [nn.Linear(32, width), nn.ReLU()]
        for _ in range(depth - 1):
            layers += [nn.Linear(width, width), nn.ReLU()]
        model = nn.Sequential(*layers, nn.Linear(width, 10)).eval()
        x = torch.randn(128, 32)
        with torch.no_grad():
            a = model(x)
        b = model(x)
        errors += [(a - b.detach()).abs().max().item(), fails(a.grad_fn is None and b.grad_fn is not None)]
    return {"error": errors}


NO_GRAD = Claim(
    id="no-grad-never-necessary-outputs-identical",
    statement="torch.no_grad() is never necessary for evaluation: outputs computed under it equal those "
              "computed without it exactly; it only skips recording the graph.",
    sources=(src("The recommended way to do it", (1510, 1518),
                 "Never necessary, makes large models evaluate faster. ... this code is never necessary, but "
                 "when you start working with larger, more complex models, it's going to speed up the computation time"),),
    kind=Kind.IDENTITY, topic="regularization", metric="max |out(no_grad) - out|; 0/1 graph-recording check",
    direction="holds", tolerance=0.0, experiment=no_grad_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason="measured: outputs bitwise identical for 3 net sizes; the graph is recorded only without no_grad",
    notes="Only the 'never necessary' half is checked here; the speed half is a benchmark "
          "(tests/benchmarks/test_regularization_speed.py), not a claim.",
)


# ----------------------------------------------------------------- what dropout does to units
def zeroing_errors(ctx):
    seeded(ctx, "zeroing")
    p = 0.5
    model = net(p)
    shapes_train = [q.shape for q in model.parameters()]
    n_train = sum(q.numel() for q in model.parameters())
    model.eval()
    errors = [fails([q.shape for q in model.parameters()] == shapes_train),
              fails(sum(q.numel() for q in model.parameters()) == n_train)]
    model.train()
    x = torch.randn(1, 20)                                                 # one sample: one mask
    pre = model[1](model[0](x))
    torch.manual_seed(ctx.look_seed("mask"))
    h = model[2](pre)
    errors.append(fails(h.shape == pre.shape))
    dropped = (h == 0) & (pre > 0)
    errors.append(fails(dropped.any()))
    errors.append(h[dropped].abs().max().item())                           # exactly 0.0
    torch.manual_seed(ctx.look_seed("mask"))
    model.zero_grad()
    model(x).sum().backward()                                             # same mask as h
    w_out = model[3].weight.grad                                           # (3, 64): column j = unit j's outgoing
    errors.append(w_out[:, dropped[0]].abs().max().item())                # dropped units: no gradient
    errors.append(fails(w_out[:, (~dropped[0]) & (pre[0] > 0)].abs().sum() > 0))
    return {"error": errors}


ZEROING = Claim(
    id="dropout-zeroes-activations-units-stay-in-model",
    statement="Dropout does not remove units: parameter count and shapes are unchanged, the layer's output "
              "has the input's shape with the dropped activations exactly 0, and those units' outgoing weights "
              "get exactly zero gradient for that sample.",
    sources=(src("Dropout regularization: how it works", (1530, 1532),
                 "the units are not actually dropped out of the model. ... Instead, their output, their "
                 "activation is forced to be zero."),),
    kind=Kind.IDENTITY, topic="regularization", metric="0/1 failure per property; max |value| where 0 is required",
    direction="holds", tolerance=0.0, experiment=zeroing_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason="measured: all 7 properties hold (dropped activations exactly 0.0, zero gradient to their outgoing weights)",
)


def train_vs_test_scaling_errors(ctx):
    """Classic dropout (no train scaling, weights x (1-p) at test) with weights W/(1-p) computes exactly
    what inverted dropout with W computes, in train mode (same mask) and in eval mode; and the expected
    input to the next unit under the mask equals the eval input (Monte Carlo, 4 standard errors)."""
    seeded(ctx, "scales")
    errors = []
    n_masks = ctx.sizes["masks"]
    for p in RATES:
        x = torch.rand(64, dtype=torch.float64)
        W = torch.randn(10, 64, dtype=torch.float64)
        m = (torch.rand(64, dtype=torch.float64) >= p).double()
        inverted_train, inverted_eval = W @ (m * x / (1 - p)), W @ x
        Wc = W / (1 - p)
        classic_train, classic_eval = Wc @ (m * x), ((1 - p) * Wc) @ x
        errors.append((inverted_train - classic_train).abs().max().item())
        errors.append((inverted_eval - classic_eval).abs().max().item())
        masks = (torch.rand(n_masks, 64, dtype=torch.float64) >= p).double()
        samples = (masks * x / (1 - p)) @ W.T                             # (n_masks, 10)
        se = samples.std(dim=0) / math.sqrt(n_masks)
        errors.append(((samples.mean(dim=0) - W @ x).abs() - 4 * se).clamp(min=0).max().item())
    return {"error": errors}


SCALES_EQUIVALENT = Claim(
    id="dropout-train-upscaling-equals-test-downscaling",
    statement="Scaling kept activations up by 1/(1-p) in training and scaling the weights down by (1-p) at "
              "test are the same model up to a reparametrization of the weights (W_classic = W/(1-p)): "
              "identical outputs in train mode (same mask) and eval mode; and under either, the expected "
              "input to a unit in training equals its input at test.",
    sources=(src("Dropout regularization: how it works", (1548, 1596),
                 "during test, we multiply all of these weights by `one minus p` ... the overall magnitude "
                 "of the input into this unit is going to be the same during training and during testing. "
                 "... They're effectively the same."),),
    kind=Kind.IDENTITY, topic="regularization",
    metric="max |inverted - classic| (train, eval), float64; excess of |MC mean - eval input| over 4 SE",
    direction="holds", tolerance=1e-12, experiment=train_vs_test_scaling_errors,
    sizes={"smoke": {"seeds": 1, "masks": 20_000}, "ci": {"seeds": 1, "masks": 100_000}, "full": {"seeds": 1, "masks": 1_000_000}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 100k masks): max error 5.3e-15 (float64 rounding); Monte Carlo means within 4 SE",
    notes="'The same magnitude' holds in expectation over masks, not for a single mask; the check uses the "
          "expectation. The rounding of W/(1-p) can differ by an ulp, hence a 1e-12 tolerance.",
)


# ----------------------------------------------------------------- F.dropout's flag, p = 1
class FunctionalDropout(nn.Module):
    """The document's theModelClass pattern: F.dropout in forward, with or without training=self.training."""

    def __init__(self, p, pass_flag):
        super().__init__()
        self.input, self.hidden, self.output = nn.Linear(2, 128), nn.Linear(128, 128), nn.Linear(128, 1)
        self.p, self.pass_flag = p, pass_flag

    def drop(self, x):
        return F.dropout(x, p=self.p, training=self.training) if self.pass_flag else F.dropout(x, p=self.p)

    def forward(self, x):
        x = self.drop(F.relu(self.input(x)))
        x = self.drop(F.relu(self.hidden(x)))
        return self.output(x)


def flag_errors(ctx):
    seeded(ctx, "flag")
    x = torch.randn(256, 2)
    with_flag, without = FunctionalDropout(0.5, True), FunctionalDropout(0.5, False)
    without.load_state_dict(with_flag.state_dict())
    no_drop = FunctionalDropout(0.0, True)
    no_drop.load_state_dict(with_flag.state_dict())
    for m in (with_flag, without, no_drop):
        m.eval()
    errors = [fails(torch.equal(with_flag(x), with_flag(x))),              # flag: eval is deterministic
              fails(torch.equal(with_flag(x), no_drop(x))),                # ... and equals p = 0
              fails(not torch.equal(without(x), without(x)))]              # no flag: still dropping in eval
    h = without.drop(F.relu(without.input(x)))
    pre = F.relu(without.input(x))
    errors.append(zero_fraction_excess(h[pre > 0], 0.5))
    module = nn.Sequential(nn.Linear(2, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 1)).eval()
    errors.append(fails(torch.equal(module(x), module(x))))                # nn.Dropout follows .eval()
    return {"error": errors}


FLAG = Claim(
    id="functional-dropout-needs-training-flag",
    statement="F.dropout does not know the module's mode: called without training=self.training it keeps "
              "dropping about p of the units after net.eval(); with the flag (the document's code), eval "
              "passes are deterministic and equal the p = 0 net. nn.Dropout follows .eval() by itself.",
    sources=(src("Dropout regularization in practice", (1680, 1686),
                 "x = F.dropout(x,p=self.dr,training=self.training) # training=self.training means to turn off "
                 "during eval mode"),),
    kind=Kind.IDENTITY, topic="regularization", metric="0/1 failure per property; zero-fraction excess",
    direction="holds", tolerance=1e-12, experiment=flag_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason="measured: all 5 properties hold; without the flag eval passes differ and ~half the active units are zeroed",
)


def rate_one_errors(ctx):
    seeded(ctx, "rate-one")
    x = torch.randn(1, 512, 2)                                             # (K=1, N, D) for BatchedMLP
    errors = []
    out = F.dropout(torch.randn(1000), 1.0, training=True)
    errors += [out.abs().max().item(), fails(torch.isfinite(out).all())]  # zeros, not NaN
    model = BatchedMLP((2, 128, 128, 1), [ctx.look_seed("init")], dropout=1.0, device=ctx.device)
    model.train()
    y = model(x)
    errors.append((y - model.biases[-1]).abs().max().item())               # output = the output bias
    y.sum().backward()
    grad = lambda q: 0.0 if q.grad is None else q.grad.abs().max().item()   # None: cut from the graph
    errors.append(max(grad(w) for w in model.weights))                    # no weight learns anything
    errors.append(max(grad(b) for b in model.biases[:-1]))
    x2 = torch.randn(64, 2, requires_grad=True)                            # the same through F.dropout
    lin = nn.Linear(2, 8)
    F.dropout(torch.relu(lin(x2)), 1.0, training=True).sum().backward()
    errors += [x2.grad.abs().max().item(), lin.weight.grad.abs().max().item()]
    return {"error": errors}


RATE_ONE = Claim(
    id="dropout-rate-one-silences-the-network",
    statement="At the sweep's end point p = 1, dropout outputs exact zeros (not NaN): in training mode the "
              "net's output is the output bias for every input and every weight and hidden bias gets zero "
              "gradient, so nothing but the output bias can learn.",
    sources=(src("Dropout regularization in practice", (1696, 1696),
                 "the drop out proportion going from zero up to one as a function of the model accuracy"),),
    kind=Kind.IDENTITY, topic="regularization", metric="max |deviation| where 0 is required; 0/1 finiteness",
    direction="holds", tolerance=0.0, experiment=rate_one_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason="measured: all 7 errors 0 (the engine cuts p = 1 from the graph: gradient None; F.dropout gives exact zero gradients)",
    notes="The notebook's grid stops at .9 ([nb] arange(10)/10); the transcript says 'up to one'. At p = 1 "
          "the train-mode accuracy is that of a constant classifier; eval mode turns dropout off, so the "
          "eval accuracy is that of the untrained hidden layers plus a trained output bias.",
)
