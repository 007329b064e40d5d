"""004 (Frank Kane's TensorFlow/Keras course), lecture 3 "The History of Artificial Neural Networks"
(file line 4): threshold neurons (1943), the linear threshold unit (1957), the perceptron and its
learning rule, the multi-layer perceptron, and why the step function gave way to other activations.

Data: exhaustive Boolean inputs for the logic units; random linearly separable 2-D points for the
perceptron rule; the TensorFlow Playground's XOR data (``harness.recipes.playground``, re-implemented from the
public Playground source) for the hidden-layer claim; scikit-learn's 8x8 digits (the offline stand-in
for MNIST) for step versus ReLU activations.
"""
import itertools
import math

import numpy as np
import torch

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import TrainConfig
from harness.training.experiments import fit
from harness.recipes.playground import playground_sets, train_playground
from harness.recipes.tabular_sets import digits_sets
from harness.declaring.vague_words import VAGUE

DOC = "004_2947cf972490c874.txt"
SEC = "Lecture 3: The History of Artificial Neural Networks"
LINE = (4, 4)
SEC5 = "Lecture 5: Deep Learning Details"
BITS = list(itertools.product((0, 1), repeat=2))
ONCE = {"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}}


def fires(inputs, weights, threshold):
    """A 1943 threshold neuron: fires (1) when the weighted count of active inputs reaches the threshold."""
    return int(sum(w * x for w, x in zip(weights, inputs)) >= threshold)


def logic_errors(ctx):
    """Mismatches against Python's Boolean operators over all inputs: OR with two connections from A and two
    from B and threshold 2 (the lecture's diagram); AND with one connection each and threshold 2; NOT with an
    inhibitory connection beside an always-active input, threshold 1."""
    errors = [abs(fires((a, b), (2, 2), 2) - int(a or b)) for a, b in BITS]
    errors += [abs(fires((a, b), (1, 1), 2) - int(a and b)) for a, b in BITS]
    errors += [abs(fires((a, 1), (-1, 1), 1) - int(not a)) for a in (0, 1)]
    return {"error": errors}


LOGIC = Claim(
    id="threshold-neurons-implement-or-and-not",
    statement="A 1943-style threshold neuron that fires when two or more input connections are active computes "
              "C = A or B when A and B each have two connections to it; with other wirings it computes AND and "
              "(with an inhibitory connection) NOT.",
    sources=(Source(DOC, SEC, LINE, "So imagine that our threshold for our neuron was that if you have two or more "
                    "inputs active , you will in turn fire off a signal. In this set up here, we have two connections "
                    "to neuron A and turn to connections coming in from neuron B. ... So we've implemented here the "
                    "Boolean Operation C equals A or B, just using the same wiring that happens within your own brain, "
                    "and I won't go into the details, but it's also possible to implement and and not in similar "
                    "means."),),
    kind=Kind.IDENTITY, topic="architecture", metric="mismatches with the Boolean operator per input",
    direction="holds", tolerance=0.0, experiment=logic_errors, sizes=ONCE,
    expect=Verdict.SUPPORTED, expect_reason="measured: all 10 truth-table rows match",
)


def ltu_errors(ctx):
    """The LTU y = 1[sum_i w_i x_i > 0] against torch.heaviside(w.x, 0) on random weights and inputs (float64),
    and at exactly w.x = 0, where the lecture says it does nothing (output 0)."""
    g = ctx.generator(ctx.seeds[0], "ltu")
    X = torch.randn(ctx.sizes["cases"], 5, generator=g, dtype=torch.float64)
    w = torch.randn(5, generator=g, dtype=torch.float64)
    s = X @ w
    ltu = torch.tensor([1.0 if sum(float(a) * float(b) for a, b in zip(x, w)) > 0 else 0.0 for x in X],
                       dtype=torch.float64)
    errors = (ltu - torch.heaviside(s, torch.tensor(0.0, dtype=torch.float64))).abs().tolist()
    zero = torch.tensor([1.0, -1.0, 2.0], dtype=torch.float64)          # w.x = 1 - 1 + 0 = 0
    errors.append(float(fires((1, 1, 0), zero.tolist(), 1e-300)))       # not > 0: no output
    return {"error": errors}


LTU = Claim(
    id="ltu-fires-when-weighted-sum-positive",
    statement="The linear threshold unit outputs a step of the weighted sum of its inputs: 1 when the sum is "
              "greater than zero, 0 when it is zero or less (equal to torch.heaviside(w.x, 0)).",
    sources=(Source(DOC, SEC, LINE, "So we'll say if the some of those weights is greater than zero, we'll go ahead and "
                    "fire on her own off its lesson or lessons. Zero. We won't do anything."),),
    kind=Kind.IDENTITY, topic="architecture", metric="|LTU - heaviside(w.x, 0)| per input; 1 if w.x = 0 fires",
    direction="holds", tolerance=0.0, experiment=ltu_errors,
    sizes={"smoke": {"seeds": 1, "cases": 100}, "ci": {"seeds": 1, "cases": 2000}, "full": {"seeds": 1, "cases": 20000}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci): 2,000 random inputs and the zero case all match",
)


def perceptron_errors(ctx):
    """Per seed: Rosenblatt's rule (w += (y - y_hat) x, bias as a constant input) on 200 random 2-D points
    separated by a random line with margin 0.1. Error: 1 - final training accuracy, plus the excess of the
    number of updates over Novikoff's bound (R / gamma)^2 (relative), which caps the updates on separable data."""
    errors, updates, bounds = [], [], []
    for seed in ctx.seeds:
        rng = ctx.rng(seed, "data")
        w_true = rng.standard_normal(3)
        w_true /= np.linalg.norm(w_true[:2])
        X = rng.uniform(-1, 1, (2000, 2))
        Xa = np.column_stack([X, np.ones(len(X))])
        margin = Xa @ w_true
        keep = np.abs(margin) > 0.1
        Xa, y = Xa[keep][:200], (margin[keep][:200] > 0).astype(float)
        gamma = np.min(np.abs(Xa @ w_true)) / np.linalg.norm(w_true)
        bound = (np.max(np.linalg.norm(Xa, axis=1)) / gamma) ** 2
        w = np.zeros(3)
        n_updates = 0
        for _ in range(ctx.sizes["max_epochs"]):
            mistakes = 0
            for x, t in zip(Xa, y):
                pred = float(x @ w > 0)
                if pred != t:
                    w += (t - pred) * x
                    n_updates += 1
                    mistakes += 1
            if mistakes == 0:
                break
        acc = float(np.mean((Xa @ w > 0) == (y > 0)))
        errors.append((1 - acc) + max(0.0, n_updates - bound) / bound)
        updates.append(n_updates)
        bounds.append(bound)
    ctx.note("updates", updates)
    ctx.note("novikoff_bounds", [round(b, 1) for b in bounds])
    return {"error": errors}


PERCEPTRON = Claim(
    id="perceptron-rule-learns-separable-problem",
    statement="A perceptron of linear threshold units learns: reinforcing the weights of the wrong outputs "
              "(Rosenblatt's rule) reaches 100% training accuracy on linearly separable data, in no more updates "
              "than Novikoff's bound (R/gamma)^2.",
    sources=(Source(DOC, SEC, LINE, "And a perceptron is just a layer of multiple linear threshold units. Now we're "
                    "starting to get into things that can actually learn. Okay, So by reinforcing weights between "
                    "these lt use that produced the behavior we want, we can create a system that learns over time "
                    "how to produce the desired output."),),
    kind=Kind.IDENTITY, topic="architecture",
    metric="(1 - training accuracy) + relative excess of updates over (R/gamma)^2, per seed",
    direction="holds", tolerance=0.0, experiment=perceptron_errors,
    sizes={"smoke": {"seeds": 3, "max_epochs": 200}, "ci": {"seeds": 20, "max_epochs": 1000},
           "full": {"seeds": 100, "max_epochs": 1000}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci): all 20 seeds reach 100% training accuracy after 0-31 updates, each below its Novikoff"
                  " bound (5.5-655)",
    notes="Linearly separable data only: on XOR no single layer of LTUs can reach 100% (see "
          "mlp-hidden-layer-computes-xor), which the lecture's 'learns over time' leaves out.",
)


MLP_SRC = Source(DOC, SEC, LINE, "Let's take that one step further and we'll have a multi layer perceptron. ... and in "
                 "between we have this hidden layer of additional lt used in your threshold units that can perform "
                 "what we call deep learning. ... when you put them together in these layers and you have multiple "
                 "layers all wired together, you can get very complex behavior")


def xor_ltu_errors(ctx):
    """(1) Two hidden LTUs (OR, NAND) and an output LTU (AND) compute XOR on all four inputs. (2) No single LTU
    with integer weights and bias in -3..3 computes XOR (error 1 if one does)."""
    ltu = lambda x, w, b: int(sum(a * c for a, c in zip(x, w)) + b > 0)
    errors = []
    for x in BITS:
        h = (ltu(x, (1, 1), -0.5), ltu(x, (-1, -1), 1.5))
        errors.append(abs(ltu(h, (1, 1), -1.5) - (x[0] ^ x[1])))
    r = range(-3, 4)
    single = any(all(ltu(x, (w1, w2), b) == (x[0] ^ x[1]) for x in BITS) for w1 in r for w2 in r for b in r)
    errors.append(float(single))
    return {"error": errors}


XOR_LTU = Claim(
    id="mlp-hidden-layer-computes-xor",
    statement="A hidden layer of linear threshold units adds what one layer lacks: two hidden LTUs (OR, NAND) and "
              "an output LTU (AND) compute XOR exactly, while no single LTU (integer weights and bias in -3..3) does.",
    sources=(MLP_SRC,), kind=Kind.IDENTITY, topic="architecture",
    metric="mismatches per XOR input; 1 if a single LTU computes XOR", direction="holds", tolerance=0.0,
    experiment=xor_ltu_errors, sizes=ONCE,
    expect=Verdict.SUPPORTED, expect_reason="measured: the 2-layer LTU net matches XOR on all 4 inputs; none of the "
                                            "343 single LTUs does",
)


def xor_hidden_vs_none(ctx):
    """Playground XOR data and training: one hidden layer of 4 tanh units vs no hidden layer (the inputs wired
    straight to the output unit), same data, order and (shared) init draws."""
    s = ctx.sizes
    train_set, test_set = playground_sets(ctx, "xor")
    _, h = train_playground(ctx, (4,), train_set, test_set, s["epochs"])
    _, n = train_playground(ctx, (), train_set, test_set, s["epochs"])
    return {"hidden_layer_test_accuracy": h.final("test").tolist(), "no_hidden_test_accuracy": n.final("test").tolist()}


XOR_TRAINED = Claim(
    id="mlp-hidden-layer-beats-single-layer-on-xor",
    statement="Layers wired together give more complex behaviour than a single layer: on the Playground's XOR data "
              "a net with one hidden layer of four tanh units classifies the test points much better (at least 5 "
              "points) than the inputs wired straight to the output unit.",
    sources=(MLP_SRC,), kind=Kind.COMPARATIVE, topic="architecture", metric="test accuracy (fraction), 250 test points",
    arms=("hidden_layer_test_accuracy", "no_hidden_test_accuracy"), direction="greater",
    delta=VAGUE["much better"].delta, experiment=xor_hidden_vs_none,
    sizes={"smoke": {"seeds": (12,), "epochs": 10}, "ci": {"seeds": (12, 24), "epochs": 100},
           "full": {"seeds": (24, 48), "epochs": 500}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): test accuracy 0.934 with the hidden layer vs 0.509 without, difference "
                  "+0.424 [0.385, 0.470]",
    notes="Playground defaults (500 points, noise 0, 50% train, lr 0.03, batch 10, tanh, x1 and x2).",
)


# ------------------------------------------------------------------ the step function
STEP4 = Source(DOC, SEC, LINE, "The key point there. Those that a step function has a lot of nasty mathematical "
               "properties, especially when you're trying toe figure out their slopes in their derivatives. So it "
               "turns out that other shapes work out better and allow you to converge more quickly when you're "
               "trying to train.")
STEP6 = Source(DOC, SEC5, (6, 6), "But that doesn't really work with Grady and dissent because there is no Grady int "
               "there. If it's a step function, there is no slope. It's either on or off. ... There's no useful "
               "derivative there at all.")


def step(h):
    """The step activation: 1 where h > 0, else 0 (autograd sees a constant: no slope anywhere)."""
    return (h > 0).to(h.dtype)


def step_gradient_errors(ctx):
    """(1) In a 2-layer net with step hidden units, backprop gives the hidden weights a gradient of exactly 0,
    at every input (float64). (2) Sigmoid, tanh and ELU have a non-zero slope at every point of a grid over
    [-10, 10] (error 1 where the slope is 0)."""
    g = ctx.generator(ctx.seeds[0], "net")
    W1 = torch.randn(8, 5, generator=g, dtype=torch.float64, requires_grad=True)
    W2 = torch.randn(3, 8, generator=g, dtype=torch.float64, requires_grad=True)
    X = torch.randn(64, 5, generator=g, dtype=torch.float64)
    y = torch.randint(0, 3, (64,), generator=g)
    loss = torch.nn.functional.cross_entropy(step(X @ W1.T) @ W2.T, y)
    g1, g2 = torch.autograd.grad(loss, [W1, W2], allow_unused=True)
    errors = [0.0 if g1 is None else g1.abs().max().item(), float(g2 is None or g2.abs().max().item() == 0)]
    x = torch.linspace(-10, 10, 2001, dtype=torch.float64, requires_grad=True)
    for f in (torch.sigmoid, torch.tanh, torch.nn.functional.elu):
        (d,) = torch.autograd.grad(f(x).sum(), x)
        errors.append(float((d == 0).any()))
    return {"error": errors}


STEP_GRAD = Claim(
    id="step-function-gives-no-gradient",
    statement="A step function has no useful slope: backpropagating through step hidden units gives their incoming "
              "weights a gradient of exactly 0 (only the output layer learns), while sigmoid, tanh and ELU have a "
              "non-zero slope everywhere on [-10, 10].",
    sources=(STEP4, STEP6), kind=Kind.IDENTITY, topic="optimization",
    metric="max |gradient| of the step layer's weights; 1 if the output layer gets none; 1 if a smooth activation "
           "has a zero slope on the grid",
    direction="holds", tolerance=0.0, experiment=step_gradient_errors, sizes=ONCE,
    expect=Verdict.SUPPORTED, expect_reason="measured: hidden-weight gradient exactly 0; smooth slopes non-zero",
    notes="The ELU's slope for very negative inputs is exp(x), 4.5e-5 at x = -10: small, not zero.",
)


def relu_vs_step(ctx):
    """Digits 64-64-10, Adam 1e-3, batch 32: log of the last epoch's mean training loss with ReLU vs step hidden
    units (same init and order); test accuracies beside."""
    s = ctx.sizes
    (X, y), test = digits_sets(ctx)
    out = {}
    for arm, act in (("relu", "relu"), ("step", step)):
        f = fit(ctx, (64, 64, 10), X, y, TrainConfig(epochs=s["epochs"], lr=1e-3, batch_size=32, optimizer="adam"),
                activation=act, evals={"test": test})
        out[f"{arm}_log_train_loss"] = f.history.train_loss[:, -1].log().tolist()
        out[f"{arm}_test_accuracy"] = f["test"].tolist()
    return out


STEP_TRAIN = Claim(
    id="relu-converges-faster-than-step-activation",
    statement="Other activation shapes train better and converge more quickly than the step function: a 64-64-10 "
              "net on the 8x8 digits with ReLU hidden units reaches a training loss at least 10% lower than the "
              "same net with step hidden units after the same epochs (Adam 1e-3, batch 32).",
    sources=(STEP4,), kind=Kind.COMPARATIVE, topic="optimization", metric="log(mean training loss of the last epoch)",
    arms=("relu_log_train_loss", "step_log_train_loss"), direction="less",
    delta=-math.log(1 - VAGUE["better (relative)"].delta), experiment=relu_vs_step,
    sizes={"smoke": {"seeds": (12,), "epochs": 2}, "ci": {"seeds": (12, 24), "epochs": 10},
           "full": {"seeds": (24, 48), "epochs": 30}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): last-epoch training loss 0.31 with ReLU vs 1.21 with step units (logs -1.18"
                  " vs 0.19), difference -1.38 [-1.40, -1.36]",
    notes="'Converge more quickly' is the vague-word table's relative 'better' (10%) on the training loss, decided "
          "on its log. With step units only the output layer learns (its inputs are fixed random binary features).",
)


UNEXECUTABLE = [
    Unexecutable(
        id="brain-scale-numbers",
        statement="The cortex holds about 100 million mini-columns of about 100 neurons each; the brain has billions "
                  "of neurons with thousands of connections each.",
        sources=(Source(DOC, SEC, LINE, "Each one of these columns is in turn, made of these many columns of around 100 "
                        "neurons per many column that air then organized into these larger hyper columns and within "
                        "your cortex there are about 100 million of these many columns"),),
        reason="neuroscience figures; no network experiment measures a brain"),
    Unexecutable(
        id="gpus-suit-neural-networks",
        statement="The video cards used for games can be used to train neural networks (a happy accident of their "
                  "parallel architecture).",
        sources=(Source(DOC, SEC, LINE, "The same video cards you're using to play your video games can also be used to "
                        "perform deep learning and create artificial neural networks."),),
        reason="a hardware benchmark: the suite's ci profile runs on CPU only, and a GPU-vs-CPU speed ratio depends on "
               "the machine, not on anything the course can be right or wrong about"),
    Unexecutable(
        id="neural-network-history-dates",
        statement="Artificial neurons go back to 1943; the linear threshold unit dates from 1957; Google is designing "
                  "chips for neural networks.",
        sources=(Source(DOC, SEC, LINE, "And the this idea goes all the way back to 1943"),
                 Source(DOC, SEC, LINE, "We create something called the Linear Threshold Unit, or LTU, for short in 1957."),
                 Source(DOC, SEC, LINE, "I think Google's working on one as we speak")),
        reason="history, not a property of a computation"),
    Unexecutable(
        id="emergent-behavior-of-simple-units",
        statement="Very simple units stacked together give emergent, complex (even mysterious) behaviour, as in the brain.",
        sources=(Source(DOC, SEC, LINE, "You have a very simple concept, very simple model. But when you stack enough of "
                        "them together, you can create very complex behavior at the end of the day, and this can yield "
                        "learning behavior."),),
        reason="a qualitative description; its testable core (layers of threshold units compute what one cannot) is "
               "mlp-hidden-layer-computes-xor and mlp-hidden-layer-beats-single-layer-on-xor"),
]
