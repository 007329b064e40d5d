"""Depth, breadth, parameter counts and small network identities (001, lines 470-835).

Iris experiments follow the notebooks: raw features, full-batch SGD lr 0.01, cross-entropy, train
accuracy. The breadthVsDepth model is Linear(4, U), L hidden Linear(U, U), Linear(U, 3) with ReLU,
i.e. layer sizes (4, U x (L + 1), 3).
"""
import math

import numpy as np
import torch
from torch import nn

import fixtures
from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import BatchedMLP, TrainConfig
from harness.training.experiments import as_labels, as_tensor, fit

DOC = "001_21bdbe3614939729.txt"
DEPTH = Source(DOC, "Model depth vs. breadth", (779, 782),
               "Deeper models are not necessarily better. They require more training and more FLOPs. ... Model "
               "performance is not simply a function of the number of trainable parameters. Architecture matters.")
HIDDEN = Source(DOC, "Comparing the number of hidden utnis", (718, 718),
                "Goal: Classify flowers using a model with one hidden layer, but parametrically change the number "
                "of hidden units from 1 to 128. Plot classification accuracy as a function of the model size.")
NODES = Source(DOC, "Depth vs. breadth: Number of parameters", (726, 728),
               "How models with the same number of nodes can have different numbers of parameters. - How to count "
               "the number of trainable parameters in pytorch.")
FULLY = Source(DOC, "Multi-output ANN / Model architecture", (670, 670),
               "Terminology: `Fully connected` means that each node in layer n projects to each node in layer n+1. "
               "Each connection has its own weight.")
SOFTMAX = Source(DOC, "Softmax'ing the outputs", (672, 678),
                 "#### Softmax'ing the outputs ... [DUDL_ANN_multioutput.ipynb](../ANN/DUDL_ANN_multioutput.ipynb)")
COST = Source(DOC, "ANN math part 2 (errors, loss, cost)", (472, 474), "The difference between loss and cost.")
BACKPROP = Source(DOC, "ANN math part 3 (backprop)", (499, 523),
                  "How the gradient descent algorithm is extended to DL. - That all nodes in a network are the same. "
                  "... Forward propagation: Compute output based on input. ... Backwards propagation (backprop) : "
                  "Adjust the weights based on loss/cost. ... #### Backprop and the chain rule")
SEQ = Source(DOC, "CodeChallenge: convert nn.Sequential to class", (792, 794),
             "Recreate the model using a Python class instead of using nn.Sequential. ... Re-run the code to make "
             "sure it still works!")
SIMPLE = Source(DOC, "Reflection: Are DL models understandable yet?", (818, 820),
                "The model is simple: Every node implements an equation so simple we could compute it by hand. ... "
                "The model is complex: The nonlinearities and interactions across hundreds of parameters (weights) "
                "means that we have no idea what each node is actually encoding.")
BREADTH_NB = Source(DOC, "Model depth vs. breadth (notebook link)", (773, 773),
                    "[DUDL_ANN_breadthVsDepth.ipynb](../ANN/DUDL_ANN_breadthVsDepth.ipynb)")
ONE = {"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}}


def iris_raw(ctx):
    ds = ctx.data(fixtures.iris)
    return as_tensor(np.array(ds.X)), as_labels(np.array(ds.y))


def iris_train_acc(ctx, sizes, epochs):
    X, y = iris_raw(ctx)
    return fit(ctx, sizes, X, y, TrainConfig(epochs=epochs, lr=0.01), evals={"train": (X, y)})["train"]


def n_params(sizes):
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


# ------------------------------------------------------------------ depth vs breadth on iris
SHALLOW, DEEP = (4, 32, 32, 3), (4, *[32] * 6, 3)
MATCHED_WIDE, MATCHED_DEEP = (4, 61, 61, 3), (4, *[28] * 6, 3)       # 4,273 vs 4,287 parameters


def depth_runs(**arms):
    def experiment(ctx):
        ctx.note("parameters", {k: n_params(v) for k, v in arms.items()})
        return {k: iris_train_acc(ctx, v, ctx.sizes["epochs"]) for k, v in arms.items()}
    return experiment


DEPTH_SIZES = {"smoke": {"seeds": (12,), "epochs": 100}, "ci": {"seeds": (12, 24), "epochs": 500},
               "full": {"seeds": (24, 48), "epochs": 500}}

DEEPER = Claim(
    id="deeper-not-necessarily-better",
    statement="Deeper models are not necessarily better: in the notebook's setup (iris, raw features, SGD lr "
              "0.01, 500 full-batch epochs) a net with 1 hidden Linear(32, 32) block beats the same width with 5 "
              "blocks by at least 5 points of train accuracy.",
    sources=(DEPTH, Source("000_d7a1d0a6624d5a73.txt", "Data size and network size", (907, 907),
                           "So it is not the case that having more layers, you know, a deeper network is necessarily "
                           "good or necessarily better.")),
    kind=Kind.COMPARATIVE, topic="architecture", metric="train accuracy (fraction)",
    arms=("shallow_L1", "deep_L5"), direction="greater", delta=0.05,
    experiment=depth_runs(shallow_L1=SHALLOW, deep_L5=DEEP), sizes=DEPTH_SIZES, expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): L1 0.978 vs L5 0.569 train accuracy; +0.41 [0.33, 0.51]",
    notes="A statement about this training budget: deep ReLU stacks with default init and plain SGD learn "
          "slowly ('they require more training'), not a capacity limit.",
)

PARAMS = Claim(
    id="performance-not-function-of-param-count",
    statement="Performance is not simply a function of the parameter count: two iris nets with the same count "
              "(4,273 wide-and-shallow, U = 61, L = 1, vs 4,287 narrow-and-deep, U = 28, L = 5) differ by at "
              "least 10 points of train accuracy after the same training.",
    sources=(DEPTH,), kind=Kind.COMPARATIVE, topic="architecture", metric="train accuracy (fraction)",
    arms=("wide_4273", "deep_4287"), direction="greater", delta=0.10,
    experiment=depth_runs(wide_4273=MATCHED_WIDE, deep_4287=MATCHED_DEEP), sizes=DEPTH_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): wide 0.976 vs deep 0.562 at ~4,280 parameters; +0.41 [0.31, 0.51]",
)

HIDDEN_UNITS = Claim(
    id="n-hidden-units-iris-accuracy",
    statement="Model size matters in the notebook's setup (4-H-H-3 ReLU, iris raw features, SGD lr 0.01, 150 "
              "epochs): H = 128 units reach at least 10 points more train accuracy than H = 8.",
    sources=(HIDDEN,), kind=Kind.COMPARATIVE, topic="architecture", metric="train accuracy (fraction)",
    arms=("h128", "h8"), direction="greater", delta=0.10,
    experiment=depth_runs(h128=(4, 128, 128, 3), h8=(4, 8, 8, 3)),
    sizes={"smoke": {"seeds": (12,), "epochs": 50}, "ci": {"seeds": (12,), "epochs": 150},
           "full": {"seeds": (24, 48), "epochs": 150}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): H=128 0.953 vs H=8 0.599; +0.35 [0.30, 0.46]",
    notes="The transcript says 'one hidden layer' but the notebook's model has two hidden layers of H units; "
          "the notebook's code is followed. 150 epochs is a short budget: the gap measures speed of learning "
          "as much as capacity.",
)


# ------------------------------------------------------------------ exact parameter counts
def count_errors(ctx):
    def torch_count(sizes):
        layers = [nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
        return sum(p.numel() for m in layers for p in m.parameters() if p.requires_grad), sum(m.out_features for m in layers)
    stated = {(2, 4, 3): (27, 7), (2, 2, 2, 3): (21, 7)}        # widenet, deepnet of DUDL_ANN_numParameters
    errs = [abs(torch_count(k)[0] - v[0]) + abs(torch_count(k)[1] - v[1]) for k, v in stated.items()]
    hundred = {1: 603, 2: 2853, 4: 2103, 5: 1803, 10: 1053}          # 100 hidden units split into L layers
    for L, count in hundred.items():
        sizes = (2, *[100 // L] * L, 3)
        errs.append(abs(torch_count(sizes)[0] - count) + abs(n_params(sizes) - count))
    ctx.note("counts_100_units", {L: torch_count((2, *[100 // L] * L, 3))[0] for L in hundred})
    return {"error": errs}


NODES_CLAIM = Claim(
    id="same-nodes-different-parameter-counts",
    statement="Models with the same number of nodes can have different numbers of parameters: widenet "
              "(2-4-3) and deepnet (2-2-2-3) both have 7 nodes (biases) but 27 and 21 parameters; 100 hidden "
              "units as 1x100 / 2x50 / 4x25 / 5x20 / 10x10 layers give 603 / 2,853 / 2,103 / 1,803 / 1,053.",
    sources=(NODES, Source("000_d7a1d0a6624d5a73.txt", "Data size and network size", (557, 557),
                           "different model architectures can have the same number of units, but still have a "
                           "different number of trainable parameters.")), kind=Kind.IDENTITY, topic="architecture",
    metric="|torch count - stated| (+ |closed form - stated|)", direction="holds", tolerance=0, experiment=count_errors,
    sizes=ONE, expect=Verdict.SUPPORTED, expect_reason="measured: all counts exact",
)


def fully_connected_errors(ctx):
    errs = []
    model = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 3)).double()
    errs.append(abs(sum(p.numel() for p in model.parameters()) - 4675))
    # the gradient check uses tanh, which is never exactly flat: a dead ReLU would zero a weight's
    # gradient for reasons that have nothing to do with connectivity
    model = nn.Sequential(nn.Linear(4, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 3)).double()
    errs.append(abs(sum(p.numel() for p in model.parameters()) - 4675))
    x = torch.randn(16, 4, dtype=torch.float64, generator=ctx.generator(ctx.seeds[0], "x"))
    model(x).pow(2).sum().backward()
    for m in model:
        if isinstance(m, nn.Linear):
            errs.append(abs(m.weight.numel() - m.in_features * m.out_features))
            errs.append(int((m.weight.grad == 0).sum()))          # every connection its own, trained weight
    return {"error": errs}


FULLY_CLAIM = Claim(
    id="fully-connected-parameter-count",
    statement="Fully connected: each node of layer n connects to each node of layer n+1 with its own weight: "
              "nn.Linear(n_in, n_out) holds n_in x n_out weights (+ n_out biases), the iris 4-64-64-3 model has "
              "4,675 parameters, and every weight gets its own nonzero gradient on a generic input (checked with "
              "tanh units, so no unit is dead).",
    sources=(FULLY,
             Source("004_2947cf972490c874.txt", "Lecture 3: The History of Artificial Neural Networks", (4, 4),
                   "if you have every one of those inputs going to every single LTU in your layer, they add "
                   "up fast, and that's where the complexity of deep learning comes from.")),
    kind=Kind.IDENTITY, topic="architecture",
    metric="count differences; number of weights with a zero gradient", direction="holds", tolerance=0,
    experiment=fully_connected_errors, sizes=ONE, expect=Verdict.SUPPORTED, expect_reason="measured: counts exact; no weight with a zero gradient",
)


def softmax_errors(ctx):
    g = ctx.generator(ctx.seeds[0], "logits")
    z = torch.randn(1000, 3, generator=g) * torch.logspace(-2, 3, 1000)[:, None]
    p = torch.softmax(z, 1)
    errs = (p.sum(1) - 1).abs().tolist()
    errs += (torch.clamp(-p, min=0) + torch.clamp(p - 1, min=0)).flatten().tolist()
    errs += (torch.softmax(z + 7.0, 1) - p).abs().flatten().tolist()
    errs += (p.argmax(1) != z.argmax(1)).float().tolist()
    ctx.note("raw_logit_rows_summing_to_1", int(((z.sum(1) - 1).abs() < 1e-6).sum()))
    return {"error": errs}


SOFTMAX_CLAIM = Claim(
    id="softmax-outputs-sum-to-one",
    statement="Softmax'ing the outputs turns them into probabilities: each row sums to 1 and lies in [0, 1] "
              "(float32, logits up to 1e3), it is unchanged by adding a constant, and its argmax equals the "
              "logits' argmax, so accuracy is the same with or without it.",
    sources=(SOFTMAX,), kind=Kind.IDENTITY, topic="architecture",
    metric="|row sum - 1|, range violation, |softmax(z + c) - softmax(z)|, argmax mismatch", direction="holds",
    tolerance=1e-6, experiment=softmax_errors, sizes=ONE, expect=Verdict.SUPPORTED,
    expect_reason="measured: max error 2.4e-7 (float32 rounding); argmax always equal")


def cost_errors(ctx):
    ds = ctx.data(fixtures.iris)
    X, y = torch.tensor(np.array(ds.X)), torch.tensor(np.array(ds.y))
    torch.manual_seed(ctx.look_seed("model"))
    model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)).double()
    params = list(model.parameters())
    cost = nn.functional.cross_entropy(model(X), y)
    g_cost = torch.autograd.grad(cost, params)
    per = [torch.autograd.grad(nn.functional.cross_entropy(model(X[i:i + 1]), y[i:i + 1]), params)
           for i in range(len(y))]
    g_mean = [torch.stack([p[j] for p in per]).mean(0) for j in range(len(params))]
    g_sum = torch.autograd.grad(nn.functional.cross_entropy(model(X), y, reduction="sum"), params)
    errs = [(a - b).abs().max().item() for a, b in zip(g_cost, g_mean)]
    errs += [(s - len(y) * a).abs().max().item() for a, s in zip(g_cost, g_sum)]
    return {"error": errs}


COST_CLAIM = Claim(
    id="cost-is-mean-of-losses-gradient-identity",
    statement="Loss is per sample, cost is their average: the gradient of the cost (CrossEntropyLoss, mean) of "
              "a 4-8-3 iris net equals the mean of the 150 per-sample loss gradients, and reduction='sum' gives "
              "exactly N times it (float64).",
    sources=(COST,), kind=Kind.IDENTITY, topic="architecture", metric="max |difference| per parameter tensor",
    direction="holds", tolerance=1e-10, experiment=cost_errors, sizes=ONE, expect=Verdict.SUPPORTED,
    expect_reason="measured: max error 5.7e-14")


def backprop_errors(ctx):
    g = ctx.generator(ctx.seeds[0], "data")
    x, t = torch.randn(32, 5, generator=g, dtype=torch.float64), torch.randn(32, generator=g, dtype=torch.float64)
    W1 = torch.randn(7, 5, generator=g, dtype=torch.float64, requires_grad=True)
    b1 = torch.randn(7, generator=g, dtype=torch.float64, requires_grad=True)
    w2 = torch.randn(7, generator=g, dtype=torch.float64, requires_grad=True)
    b2 = torch.randn((), generator=g, dtype=torch.float64, requires_grad=True)
    z = x @ W1.T + b1
    h = torch.sigmoid(z)
    yhat = h @ w2 + b2
    loss = ((yhat - t) ** 2).mean()
    loss.backward()
    with torch.no_grad():            # the chain rule by hand
        d_y = 2 * (yhat - t) / len(t)
        d_w2, d_b2 = h.T @ d_y, d_y.sum()
        d_z = d_y[:, None] * w2[None, :] * h * (1 - h)
        d_W1, d_b1 = d_z.T @ x, d_z.sum(0)
    errs = [(a - b).abs().max().item() for a, b in ((W1.grad, d_W1), (b1.grad, d_b1), (w2.grad, d_w2), (b2.grad, d_b2))]
    # every node is the same: each output unit of a Linear layer is one perceptron w_j . x + b_j
    lin = nn.Linear(5, 7).double()
    out = lin(x)
    errs += [(out[:, j] - (x @ lin.weight[j] + lin.bias[j])).abs().max().item() for j in range(7)]
    return {"error": errs}


BACKPROP_CLAIM = Claim(
    id="backprop-equals-chain-rule",
    statement="Backprop is gradient descent's derivative computed by the chain rule: for y = w2 . sigmoid(W1 x + "
              "b1) + b2 with MSE, autograd's gradients equal the hand-written chain rule, and every unit of a "
              "Linear layer is the same perceptron w_j . x + b_j (float64).",
    sources=(BACKPROP,
             Source("004_2947cf972490c874.txt", "Lecture 5: Deep Learning Details", (6, 6),
                   "At a conceptual level, all we're doing is Grady in dissent like we talked about before, "
                   "using that mathematical trick of reverse mode auto def. ... we have to take that error "
                   "that is computed at the end of our neural network and back propagated down in the other "
                   "direction")),
    kind=Kind.IDENTITY, topic="architecture", metric="max |autograd - chain rule|",
    direction="holds", tolerance=1e-12, experiment=backprop_errors, sizes=ONE, expect=Verdict.SUPPORTED,
    expect_reason="measured: max error 2.2e-16")


class ClassModel(nn.Module):
    """The multilayer qwerties model (2-16-1-1) written as a class, as the code challenge asks."""

    def __init__(self):
        super().__init__()
        self.input = nn.Linear(2, 16)
        self.hidden = nn.Linear(16, 1)
        self.output = nn.Linear(1, 1)

    def forward(self, x):
        return torch.sigmoid(self.output(torch.relu(self.hidden(torch.relu(self.input(x))))))


def seq_class_errors(ctx):
    torch.manual_seed(ctx.look_seed("init"))
    seq = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1), nn.ReLU(), nn.Linear(1, 1), nn.Sigmoid())
    cls = ClassModel()
    cls.load_state_dict({f"{name}.{p}": seq.state_dict()[f"{i}.{p}"]
                         for name, i in (("input", 0), ("hidden", 2), ("output", 4)) for p in ("weight", "bias")})
    g = ctx.generator(ctx.seeds[0], "data")
    X = torch.randn(200, 2, generator=g) + torch.tensor([1.0, 0.5])
    y = (X[:, 1] > 0.5).float()
    errs = []
    opts = [torch.optim.SGD(m.parameters(), lr=0.01) for m in (seq, cls)]
    for _ in range(ctx.sizes["steps"]):
        losses = []
        for m, opt in zip((seq, cls), opts):
            opt.zero_grad()
            loss = nn.functional.binary_cross_entropy(m(X).squeeze(1), y)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        errs.append(abs(losses[0] - losses[1]))
    errs.append(sum(p.numel() for p in seq.parameters()) - sum(p.numel() for p in cls.parameters()))
    return {"error": errs}


SEQ_CLAIM = Claim(
    id="sequential-vs-class-equivalence",
    statement="Recreating the multilayer model (2-16-1-1) as an nn.Module class instead of nn.Sequential "
              "'still works': with the same weights it has the same parameter count (67) and an identical loss "
              "curve over 200 SGD steps (bitwise on CPU).",
    sources=(SEQ,), kind=Kind.IDENTITY, topic="architecture", metric="|loss(Sequential) - loss(class)| per step",
    direction="holds", tolerance=0.0, experiment=seq_class_errors,
    sizes={"smoke": {"seeds": 1, "steps": 20}, "ci": {"seeds": 1, "steps": 200}, "full": {"seeds": 1, "steps": 1000}},
    expect=Verdict.SUPPORTED, expect_reason="measured: loss curves bitwise equal over 200 steps; both 67 parameters")


def by_hand_errors(ctx):
    X, y = iris_raw(ctx)
    f = fit(ctx, (4, 64, 64, 3), X, y, TrainConfig(epochs=ctx.sizes["epochs"], lr=0.01), evals={"train": (X, y)})
    model = f.model
    with torch.no_grad():
        out, hidden = model(X.expand(model.n_models, *X.shape), return_hidden=True)
    errs = []
    W, b = model.weights[0][0].tolist(), model.biases[0][0, 0].tolist()
    for i in range(0, 150, 15):           # node j of layer 1, sample i, in plain Python floats
        for j in (0, 17, 63):
            val = max(0.0, sum(float(X[i, d]) * W[d][j] for d in range(4)) + b[j])
            errs.append(abs(val - float(hidden[0][0, i, j])) / max(1.0, abs(val)))
    # permuting the hidden units of layer 1 (columns of W1, b1; rows of W2) leaves the outputs unchanged
    perm = torch.randperm(64, generator=ctx.generator(ctx.seeds[0], "perm"))
    with torch.no_grad():
        W1, b1, W2 = model.weights[0][0], model.biases[0][0, 0], model.weights[1][0]
        h = torch.relu(X @ W1[:, perm] + b1[perm])
        h2 = torch.relu(h @ W2[perm, :] + model.biases[1][0, 0])
        permuted = h2 @ model.weights[2][0] + model.biases[2][0, 0]
    errs.append((permuted - out[0]).abs().max().item() / max(1.0, out[0].abs().max().item()))
    ctx.note("train_accuracy_seed0", float(f["train"][0]))
    return {"error": errs}


BY_HAND = Claim(
    id="hidden-unit-permutation-symmetry",
    statement="Every node is simple enough to compute by hand (max(0, w . x + b) in plain Python floats "
              "matches the trained 4-64-64-3 iris net's unit), yet what a node encodes is not identifiable: "
              "permuting the hidden units gives exactly the same function.",
    sources=(SIMPLE,), kind=Kind.IDENTITY, topic="architecture",
    metric="relative |by hand - module| per (sample, unit); relative |permuted - original output|",
    direction="holds", tolerance=1e-5, experiment=by_hand_errors,
    sizes={"smoke": {"seeds": 1, "epochs": 50}, "ci": {"seeds": 1, "epochs": 200}, "full": {"seeds": 1, "epochs": 1000}},
    expect=Verdict.SUPPORTED, expect_reason="measured: by-hand units match to ~1e-7 (float32 module); permuted outputs equal",
    notes="The interpretive half ('we have no idea what each node is encoding') is not testable; the "
          "permutation symmetry is one exact reason a node's role is not fixed by the function.")


def label_errors(ctx):
    """1 for each case that behaves differently from 'class targets must lie in [0, C)'."""
    X, y = iris_raw(ctx)
    logits = torch.randn(150, 3, generator=ctx.generator(ctx.seeds[0], "logits"))
    errs = []
    for codes, should_work in (((0, 1, 2), True), ((5, 10, 17), False), ((-2, 0, 2), False), ((1, 2, 3), False)):
        target = torch.tensor(codes)[y]
        try:
            nn.functional.cross_entropy(logits, target)
            worked = True
        except (IndexError, RuntimeError):
            worked = False
        errs.append(float(worked != should_work))
        ctx.note(f"labels_{codes}_accepted", worked)
    remapped = torch.from_numpy(np.unique(torch.tensor((5, 10, 17))[y].numpy(), return_inverse=True)[1])
    errs.append(float(not torch.equal(remapped, y)))
    return {"error": errs}


LABELS = Claim(
    id="crossentropy-labels-must-be-0-to-c-minus-1",
    statement="Notebook exercise (breadthVsDepth: recode the iris labels as 5/10/17 or -2/0/2): with 3 outputs, "
              "CrossEntropyLoss accepts only class indices 0..2; other codes raise an error (CPU) and "
              "np.unique(return_inverse=True) restores valid labels.",
    sources=(BREADTH_NB,), kind=Kind.IDENTITY, topic="architecture",
    metric="1 per label coding that behaves otherwise", direction="holds", tolerance=0, experiment=label_errors,
    sizes=ONE, expect=Verdict.SUPPORTED, expect_reason="measured: only 0/1/2 accepted; 5/10/17, -2/0/2 and 1/2/3 raise; remapping restores 0/1/2")


UNEXECUTABLE = [
    Unexecutable(
        "few-local-minima-in-high-dimensions",
        "There may be extremely few local minima in a high-dimensional space.",
        (Source(DOC, "But does it matter?", (213, 221),
                "Another possibility is there are exterememly few local minima in high-dimensional space. ... "
                "`In an extremely high-D space, there might be very few local minima.`"),),
        "a speculation ('might be') about the loss landscapes of real models: counting their local minima is "
        "not feasible, and a random-matrix proxy would test the proxy, not the statement"),
    Unexecutable(
        "many-equally-good-minima-diverse-weights",
        "There may be many equally good local minima, consistent with the diversity of weight configurations "
        "that give similar performance.",
        (Source(DOC, "But does it matter?", (211, 211),
                "It is possible that there are many good solutions (many equally good local minima). This "
                "interpretation is consistent with the huge diversity of weight configurations that produce "
                "similar model performance."),),
        "an interpretation offered as a possibility, with no stated measurable consequence; whether distinct "
        "trained weights are distinct 'minima' (rather than one connected low-loss region) cannot be decided "
        "by a seeded comparison. hidden-unit-permutation-symmetry shows one exact source of weight diversity"),
    Unexecutable(
        "stats-models-for-mechanistic-insight",
        "DL is best for complex classification when how it works does not matter; traditional statistical "
        "models are more appropriate for mechanistic insight.",
        (Source(DOC, "Reflection: Are DL models understandable yet?", (828, 832),
                "DL is best for complex classifiction tasks, when you don't need to know how the classification "
                "works. ... DL is less appropriate for gaining mechanistic insights into how a system behaves, "
                "and why. ... Traditional statistical models (e.g. ANOVA or regression) are more appropriate for "
                "mechanistic insights into system behavior."),),
        "'appropriate for mechanistic insight' is a human judgement with no metric; the measurable part "
        "(statistical models on small linear data) is stats-models-beat-dl-on-small-data"),
]
