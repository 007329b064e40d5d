"""004 (Frank Kane's TensorFlow/Keras course), lecture 6 "Introducing TensorFlow" (file line 7): what a
tensor is, the 1 + 2 example, a dense layer as a matrix multiplication plus a bias vector, training
versus running a network, and why inputs must be normalised.

TensorFlow itself is not installed (the suite is PyTorch); the arithmetic of the lecture's examples is
run in torch, and the statements about TensorFlow's own behaviour (its lazy graph, tf.Variable names,
its distribution across GPUs and machines, Spark) are listed as not executable, with the reason.
Data: random tensors; scikit-learn's breast-cancer set (30 features from ~1e-3 to ~4e3) and a synthetic
age/income set for normalisation; the shipped MNIST files (the data set the next lecture uses).
"""
import hashlib
import math

import numpy as np
import torch

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.running.device import Clock
from harness.training.engine import TrainConfig
from harness.training.experiments import as_labels, as_tensor, fit, rows, split_indices
from harness.declaring.vague_words import VAGUE, printed_tolerance

DOC = "004_2947cf972490c874.txt"
SEC = "Lecture 6: Introducing TensorFlow"
LINE = (7, 7)
ONCE = {"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}}
LOOKS = {"smoke": (12,), "ci": (12, 24), "full": (24, 48)}
LOG_TENTH = -math.log(1 - VAGUE["better (relative)"].delta)


def src(quote):
    return Source(DOC, SEC, LINE, quote)


def sized(**per_profile):
    return {p: {"seeds": LOOKS[p], **per_profile.get(p, {})} for p in LOOKS}


# ------------------------------------------------------------------ identities
def add_errors(ctx):
    """torch's eager version of the lecture's program: a = 1, b = 2, f = a + b is a new tensor holding 3."""
    a, b = torch.tensor(1), torch.tensor(2)
    f = a + b
    return {"error": [float(not isinstance(f, torch.Tensor)), abs(f.item() - 3), float(f is a or f is b)]}


ADD = Claim(
    id="one-plus-two-gives-a-new-tensor-holding-three",
    statement="Adding a tensor holding 1 and one holding 2 gives a new tensor holding 3 (run in torch; the lecture's "
              "tf.Variable version needs TensorFlow).",
    sources=(src("We'll start off by saying a equals tf dot variable one comma name equals a. ... Then we set up a B "
                 "variable that's assigned to the value two and given the name B. ... And that will ultimately print "
                 "the value three in the form of a new tensor."),),
    kind=Kind.IDENTITY, topic="tensors", metric="1 if not a tensor; |f - 3|; 1 if f is one of the inputs",
    direction="holds", tolerance=0.0, experiment=add_errors, sizes=ONCE,
    expect=Verdict.SUPPORTED, expect_reason="measured: f is a new tensor holding 3",
)


def dense_errors(ctx):
    """nn.Linear(784, 512) on a random batch against x @ W^T + b and against a Python loop over 10 neurons
    (sum_i w_ji x_i + b_j), float64."""
    g = ctx.generator(ctx.seeds[0], "layer")
    lin = torch.nn.Linear(784, 512, dtype=torch.float64)
    with torch.no_grad():
        lin.weight.copy_(torch.randn(512, 784, generator=g, dtype=torch.float64) / 28)
        lin.bias.copy_(torch.randn(512, generator=g, dtype=torch.float64))
    x = torch.rand(32, 784, generator=g, dtype=torch.float64)
    with torch.no_grad():
        out = lin(x)
        errors = [(out - (x @ lin.weight.T + lin.bias)).abs().max().item()]
        W, b = lin.weight.tolist(), lin.bias.tolist()
        for j in range(10):
            loop = [sum(w * v for w, v in zip(W[j], row)) + b[j] for row in x.tolist()]
            errors.append(max(abs(o - l) for o, l in zip(out[:, j].tolist(), loop)))
    return {"error": errors}


DENSE = Claim(
    id="dense-layer-is-matmul-plus-bias",
    statement="A layer of a multi-layer perceptron is a matrix multiplication of the previous layer's output by the "
              "weight matrix plus a vector of biases: nn.Linear(784, 512) equals x @ W^T + b and the per-neuron sums "
              "sum_i w_ji x_i + b_j.",
    sources=(src("You can just take the output of the previous layer in your multilayer perceptron and do a matrix "
                 "multiplication with a matrix that describes the weights between each neuron of the two layers that "
                 "you're computing. Then you can add in a vector that contains the bias terms as well."),),
    kind=Kind.IDENTITY, topic="tensors", metric="max |Linear - matmul + bias|; max |Linear - per-neuron loop| (float64)",
    direction="holds", tolerance=1e-12, experiment=dense_errors, sizes=ONCE,
    expect=Verdict.SUPPORTED, expect_reason="measured: largest difference 1.2e-14 (float64)",
)


def array_errors(ctx):
    """Arrays of 0 to 4 dimensions (float32, float64, int64, uint8) go into a tensor and back unchanged: values,
    shape and dtype; the tensor shares the array's memory (torch.from_numpy)."""
    rng = ctx.rng(ctx.seeds[0], "arrays")
    errors = []
    for nd in range(5):
        shape = tuple(int(s) for s in rng.integers(1, 5, nd))
        for dtype in (np.float32, np.float64, np.int64, np.uint8):
            arr = np.asarray(rng.standard_normal(shape) * 50).astype(dtype)
            t = torch.from_numpy(arr)
            back = t.numpy()
            errors.append(float(not (np.array_equal(arr, back) and back.shape == arr.shape and back.dtype == arr.dtype
                                     and tuple(t.shape) == arr.shape and np.shares_memory(arr, back))))
    return {"error": errors}


ARRAY = Claim(
    id="tensor-is-an-array-of-numbers",
    statement="A tensor is a structured collection of numbers, an array: any 0- to 4-dimensional numpy array becomes "
              "a torch tensor and back with the same values, shape and dtype, sharing its memory.",
    sources=(src("At the end of the day, a tensor is just a fancy name for an array or a matrix of values. It's just a "
                 "structured collection of numbers and that's it."),),
    kind=Kind.IDENTITY, topic="tensors", metric="1 per array that does not round-trip exactly",
    direction="holds", tolerance=0.0, experiment=array_errors, sizes=ONCE,
    expect=Verdict.SUPPORTED, expect_reason="measured: all 20 arrays round-trip",
    notes="A torch tensor also carries a device and autograd state, which an array lacks; the numbers are the same.",
)


# ------------------------------------------------------------------ training vs running, native code
def train_vs_run_times(ctx):
    """Per seed: CPU seconds to run a 784-512-10 net over n random inputs once, and to train it for one epoch
    on them (batch 100, Adam), as logs (the lecture-8 network's shape)."""
    out = {"inference_log_seconds": [], "training_log_seconds": []}
    n = ctx.sizes["n"]
    for seed in ctx.seeds:
        g = ctx.generator(seed, "data")
        X = torch.rand(n, 784, generator=g)
        y = torch.randint(0, 10, (n,), generator=g)
        torch.manual_seed(seed % 2 ** 31)
        net = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 10))
        opt = torch.optim.Adam(net.parameters(), 1e-3)
        with Clock(ctx.device) as run:
            with torch.no_grad():
                net(X).argmax(1)
        with Clock(ctx.device) as trn:
            for i in range(0, n, 100):
                opt.zero_grad()
                torch.nn.functional.cross_entropy(net(X[i:i + 100]), y[i:i + 100]).backward()
                opt.step()
        out["inference_log_seconds"].append(math.log(max(run.seconds, 1e-6)))
        out["training_log_seconds"].append(math.log(max(trn.seconds, 1e-6)))
    return out


TRAIN_HEAVY = Claim(
    id="training-is-the-heavy-lifting-not-running",
    measures_time=True,
    statement="The heavy lifting of deep learning is training: running a 784-512-10 net over 2,000 inputs takes "
              "less than 90% of the CPU time of one training epoch over the same inputs (batch 100, Adam).",
    sources=(src("Because the heavy lifting of deep-learning is training that network. So you can do that training "
                 "offline, push the weights of that network down to your car, which is relatively small."),),
    kind=Kind.COMPARATIVE, topic="tensors", metric="log(CPU seconds)",
    arms=("inference_log_seconds", "training_log_seconds"), direction="less", delta=LOG_TENTH,
    experiment=train_vs_run_times, sizes=sized(smoke={"n": 1000}, ci={"n": 2000}, full={"n": 60000}),
    redesigned="2026-12-07: ci inputs 10,000 -> 2,000 to fit the ci budget (first measured run at 10,000: -1.33 [-1.39, -1.27], supported). Arms, metric and delta unchanged; checked on the unseen seed family 8191.",
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): log CPU seconds -4.02 to run vs -2.85 to train one epoch (training about "
                  "3.2x the time), difference -1.18 [-1.19, -1.16]; at the earlier 10,000 inputs: -1.33 [-1.39, -1.27]",
    notes="One epoch is the least training there is; real training runs many epochs, so this is the weakest form "
          "of 'heavy lifting'. 'Heavy' read as the table's relative 'better' (10%).",
)


def native_vs_python(ctx):
    """Per seed: CPU seconds of a 48 x 48 matrix product by torch (C++ kernels behind a Python call) and by a pure
    Python triple loop, as logs; the two results are checked to agree."""
    n = ctx.sizes["n"]
    out = {"native_log_seconds": [], "python_log_seconds": [], "max_difference": []}
    for seed in ctx.seeds:
        g = ctx.generator(seed, "m")
        A, B = torch.randn(n, n, generator=g, dtype=torch.float64), torch.randn(n, n, generator=g, dtype=torch.float64)
        a, b = A.tolist(), B.tolist()
        with Clock(ctx.device) as nat:
            for _ in range(10):
                C = A @ B
        with Clock(ctx.device) as py:
            P = [[sum(a[i][k] * b[k][j] for k in range(n)) for j in range(n)] for i in range(n)]
        out["native_log_seconds"].append(math.log(max(nat.seconds / 10, 1e-7)))
        out["python_log_seconds"].append(math.log(max(py.seconds, 1e-7)))
        out["max_difference"].append((C - torch.tensor(P, dtype=torch.float64)).abs().max().item())
    return out


NATIVE = Claim(
    id="native-backend-faster-than-python",
    measures_time=True,
    statement="Going down to C++ under a Python interface gives greater efficiency: a matrix product called from "
              "Python through torch's C++ kernels takes at least 10% less CPU time than the same product written in "
              "pure Python (48 x 48, float64).",
    sources=(src("Tensorflow is written in C plus plus under the hood, whereas Spark is written in Scala, which "
                 "ultimately runs on top of a JVM by going down to the C Plus Plus level with TensorFlow, that's going "
                 "to give you greater efficiency. But at the same time it has a Python interface."),),
    kind=Kind.COMPARATIVE, topic="tensors", metric="log(CPU seconds per product)",
    arms=("native_log_seconds", "python_log_seconds"), direction="less", delta=LOG_TENTH,
    experiment=native_vs_python, sizes=sized(smoke={"n": 16}, ci={"n": 48}, full={"n": 96}),
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): log CPU seconds per product -11.65 torch vs -5.06 pure Python (about 730x "
                  "faster), difference -6.59 [-6.64, -6.45]; results agree to float64 rounding",
    notes="The Spark/JVM half of the comparison is not executable here (no Spark); the C++-behind-Python half is "
          "tested with torch, whose kernels are C++ as TensorFlow's are.",
)


# ------------------------------------------------------------------ normalisation
NORMALIZE = src("One other. Gotcha. When you're using neural networks, it's very important to make sure that your input "
                "data is normalized, meaning that's all scaled into the same range. Generally speaking, you want to make "
                "sure that your input data has a mean value of 0 and unit variance.")


def standardize(Xtr, Xte):
    """StandardScaler fitted on each seed's training rows only: (x - mean) / std (ddof 0)."""
    mu, sd = Xtr.mean(1, keepdim=True), Xtr.std(1, unbiased=False, keepdim=True).clamp(min=1e-12)
    return (Xtr - mu) / sd, (Xte - mu) / sd


def raw_vs_standardized(ctx, X, y, n_test, layers):
    s = ctx.sizes
    tr, te = split_indices(ctx, len(y), n_test, stratify=y.numpy())
    Xtr, Xte, ytr, yte = rows(X, tr), rows(X, te), rows(y, tr), rows(y, te)
    Ztr, Zte = standardize(Xtr, Xte)
    cfg = TrainConfig(epochs=s["epochs"], lr=0.01, batch_size=32)
    raw = fit(ctx, layers, Xtr, ytr, cfg, evals={"test": (Xte, yte)})
    std = fit(ctx, layers, Ztr, ytr, cfg, evals={"test": (Zte, yte)})
    return {"standardized_test_accuracy": std["test"].tolist(), "raw_test_accuracy": raw["test"].tolist(),
            "raw_final_train_loss": raw.history.train_loss[:, -1].tolist()}


def breast_cancer(ctx):
    from fixtures.tabular import sklearn_set
    ds = ctx.data(sklearn_set, "breast_cancer")
    return raw_vs_standardized(ctx, as_tensor(ds.X), as_labels(ds.y), 169, (30, 32, 2))


INPUTS = Claim(
    id="unnormalized-inputs-hurt-training",
    statement="It is very important that inputs are normalised: on scikit-learn's breast-cancer data (30 features "
              "from ~1e-3 to ~4e3), a 30-32-2 net trained by SGD (lr 0.01, batch 32) on standardised inputs (mean 0, "
              "unit variance, fitted on the training rows) classifies the test rows much better (at least 5 points) "
              "than on the raw inputs.",
    sources=(NORMALIZE,), kind=Kind.COMPARATIVE, topic="data", metric="test accuracy (fraction), 169 rows",
    arms=("standardized_test_accuracy", "raw_test_accuracy"), direction="greater", delta=VAGUE["much better"].delta,
    experiment=breast_cancer, sizes=sized(smoke={"epochs": 5}, ci={"epochs": 50}, full={"epochs": 200}),
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): test accuracy 0.961 standardised vs 0.627 raw (the raw net predicts the "
                  "majority class), difference +0.333 [0.327, 0.343]",
    contrasts={"unnormalized-works-when-near-normalized": "002: unnormalised MNIST pixels in [0, 1] train fine; "
                                                          "here features span six orders of magnitude"},
    notes="Stratified per-seed split, 400 training and 169 test rows. 'Very important' read as the table's 'much "
          "better' (5 points).",
)


def age_income_data(rng, n):
    """Age ~ U(0, 100) years, income ~ U(0, 1e6); label 1 where standardised age + standardised income + N(0, 0.3)
    > 0 (both matter equally)."""
    age, income = rng.uniform(0, 100, n), rng.uniform(0, 1e6, n)
    score = (age - 50) / 28.9 + (income - 5e5) / 2.89e5 + rng.normal(0, 0.3, n)
    return np.column_stack([age, income]), (score > 0).astype(np.int64)


def age_income(ctx):
    s = ctx.sizes
    Xs, ys = zip(*(age_income_data(ctx.rng(seed, "data"), s["n"]) for seed in ctx.seeds))
    X, y = as_tensor(np.stack(Xs)), as_labels(np.stack(ys))
    n_test = s["n"] // 4
    Xtr, Xte, ytr, yte = X[:, n_test:], X[:, :n_test], y[:, n_test:], y[:, :n_test]
    Ztr, Zte = standardize(Xtr, Xte)
    cfg = TrainConfig(epochs=s["epochs"], lr=0.01, batch_size=32)
    raw = fit(ctx, (2, 16, 2), Xtr, ytr, cfg, evals={"test": (Xte, yte)})
    std = fit(ctx, (2, 16, 2), Ztr, ytr, cfg, evals={"test": (Zte, yte)})
    ctx.note("data", "synthetic age U(0, 100) and income U(0, 1e6) per seed (stream 'data'); first quarter tests")
    return {"standardized_test_accuracy": std["test"].tolist(), "raw_test_accuracy": raw["test"].tolist(),
            "raw_final_train_loss": raw.history.train_loss[:, -1].tolist()}


AGE_INCOME = Claim(
    id="age-and-income-scales-cause-problems",
    statement="Age (0-100) and income (0-1,000,000) on their own scales lead to real problems: a 2-16-2 net trained "
              "by SGD (lr 0.01, batch 32) on a label that depends on both equally classifies much better (at least 5 "
              "points) when the two inputs are standardised first.",
    sources=(src("For example, if I already created a neural network that tries to classify people based on their age "
                 "and their income. Age might range from 0 to 100, but income might range from 0 to a million. Those "
                 "are wildly different ranges. So those are going to lead to real mathematical problems that they're "
                 "not scaled down to the correct range at first."),),
    kind=Kind.COMPARATIVE, topic="data", metric="test accuracy (fraction)",
    arms=("standardized_test_accuracy", "raw_test_accuracy"), direction="greater", delta=VAGUE["much better"].delta,
    experiment=age_income, sizes=sized(smoke={"n": 400, "epochs": 3}, ci={"n": 2000, "epochs": 20},
                                       full={"n": 10000, "epochs": 50}),
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): test accuracy 0.927 standardised vs 0.503 raw (chance), difference +0.425 "
                  "[0.412, 0.439]",
    notes="The lecture's thought experiment, made concrete: the label's rule weighs a standard deviation of age "
          "like one of income, so a model that ignores age is capped well below one that uses both.",
)


def mnist_moments(ctx):
    """Mean and standard deviation of the MNIST training pixels as shipped (0-255) and as the next lecture feeds
    them (/255), against the lecture's definition: mean 0 and unit variance, read to its printed precision
    (0 and 1: half a unit)."""
    import fixtures
    X = ctx.data(fixtures.mnist_train).X
    # exact integer sums: the pixels' mean and variance without a float copy of 47 million values
    n = X.size
    s1 = int(X.sum(dtype=np.int64))
    s2 = int(sum(int((row.astype(np.int64) ** 2).sum()) for row in np.array_split(X, 60)))
    raw_mean, raw_std = s1 / n, math.sqrt(s2 / n - (s1 / n) ** 2)
    errors, seen = [], {}
    for name, (mean, std) in (("raw", (raw_mean, raw_std)), ("divided_by_255", (raw_mean / 255, raw_std / 255))):
        seen[name] = {"mean": mean, "std": std}
        errors += [abs(mean - 0.0), abs(std - 1.0)]
    ctx.note("moments", seen)
    return {"error": errors}


ALREADY = Claim(
    id="mnist-already-normalized",
    statement="The data set of the next lectures (MNIST) is already normalised in the lecture's own sense, mean 0 and "
              "unit variance, so no scaling is needed: checked on the 60,000 training images as shipped (0-255) and "
              "as the course feeds them (divided by 255).",
    sources=(src("And many datasets that we use while researching will be normalized to begin with. One we're about to "
                 "use his already normalized, so we don't actually have to do that."), NORMALIZE),
    kind=Kind.IDENTITY, topic="data", metric="|pixel mean - 0| and |pixel sd - 1|, raw and /255",
    direction="holds", tolerance=printed_tolerance("1"), experiment=mnist_moments, sizes=ONCE,
    expect=Verdict.REFUTED, expect_reason="measured: raw pixels mean 33.3 and sd 78.6; divided by 255, mean 0.131 and sd 0.308 (|0.308 - 1| = "
                  "0.69 > 0.5): not mean 0 and unit variance either way",
    notes="Tolerance: 0 and 1 as printed integers, read to half a unit (the vague-word table's 'around'). The course "
          "itself divides the pixels by 255 in the next lecture (h004a2's slice), and even then the mean is ~0.13 "
          "and the sd ~0.31. In the looser sense of the same passage ('all scaled into the same range') the pixels "
          "do share one range, 0-255.",
)


def overlap_errors(ctx):
    """Exact duplicates between the 60,000 MNIST training and the 10,000 test images (SHA-1 of each image's bytes)."""
    import fixtures
    tr, te = ctx.data(fixtures.mnist_train), ctx.data(fixtures.mnist_test)
    seen = {hashlib.sha1(r.tobytes()).digest() for r in tr.X}
    shared = sum(hashlib.sha1(r.tobytes()).digest() in seen for r in te.X)
    return {"error": [float(shared)]}


UNSEEN = Claim(
    id="mnist-test-images-never-seen-in-training",
    statement="The test set is data the network has never seen: none of MNIST's 10,000 test images is an exact copy "
              "of one of its 60,000 training images.",
    sources=(src("When we're done, we can evaluate the performance of this network using a test dataset that it's never "
                 "seen before and see if it can correctly classify that data that it was not trained on."), Source("004_2947cf972490c874.txt", "7. Using Tensorflow for Handwriting Recognition, Part 1", (8, 8), "That means that we're only going to train our neural network using that 60,000 set of training samples and were holding a side of 10,000 test samples so we can actually test how well are trained network works on data that it's never seen before. This is how we prevent over fitting."),),
    kind=Kind.IDENTITY, topic="data", metric="test images identical (byte for byte) to a training image",
    direction="holds", tolerance=0.0, experiment=overlap_errors, sizes=ONCE,
    expect=Verdict.SUPPORTED, expect_reason="measured: 0 of the 10,000 test images is a byte-for-byte copy of a training image",
    notes="Exact copies only; near-duplicates (the same digit written twice) are a different question.",
)


UNEXECUTABLE = [
    Unexecutable(
        id="tf2-add-builds-a-lazy-graph",
        statement="In TensorFlow 2, f = a + b does not compute 3 but builds a graph, executed (eagerly) only when f's "
                  "value is accessed.",
        sources=(src("We say F equals a plus b. And you might think that will put the number three into the variable f, "
                     "but it doesn't. F is actually your graph. ... Nothing actually happens until we tried to access the "
                     "value of f, at which points TensorFlow 2 uses something called eager execution to actually "
                     "execute that graph at that point"),),
        reason="needs TensorFlow itself (not installed; the suite is PyTorch). Note for a reader: TensorFlow 2's eager "
               "execution computes a + b at once, which is the opposite of the description; torch does the same"),
    Unexecutable(
        id="tensorflow-distributes-work-across-gpus-and-machines",
        statement="TensorFlow figures out how to distribute a graph of operations across GPU cores and machines; it "
                  "runs on phones too, and on GPUs where Spark does not.",
        sources=(src("What TensorFlow actually does is figure out how to distribute that processing across the various "
                     "GPU cores on your PC or across various machines on a network."),
                 src("So one thing that's special about TensorFlow is that I can even run it on my phone if I want to.")),
        reason="needs TensorFlow, a cluster and other devices; a statement about a product's features"),
    Unexecutable(
        id="tensorflow-popularity-and-installation",
        statement="TensorFlow is free, made by Google, by far the most popular such library, and easy to install with "
                  "Conda; TensorFlow-GPU is troublesome on Windows.",
        sources=(src("Tensorflow as of right now is still by far the most popular."),
                 src("Installing TensorFlow is really easy.")),
        reason="popularity, installation experience and history, not computations"),
    Unexecutable(
        id="tensorflow-not-purpose-built-for-deep-learning",
        statement="TensorFlow is a general architecture for executing graphs of numerical operations, not purpose-built "
                  "for neural networks.",
        sources=(src("More generally, it's an architecture for executing a graph of numerical operations. It's not just "
                     "about neural networks."),),
        reason="a description of TensorFlow's design and history; needs TensorFlow"),
]
