"""What Keras itself does, where documents 003 (Chollet's Keras slides) and 004 (Keras lectures,
transcribed) rely on it: defaults, parameter counts, padding, validation_split, EarlyStopping,
initialisers, optimizer constants, regularizers, Dropout, preprocess_input, the IMDB loader's
index offset.

Every claim runs real Keras 3 on the torch backend (``harness.recipes.keras_backend.keras``; never a copy
of its rules) and compares what it computes with an independent reference: float64 NumPy
arithmetic of the published formula, the equivalent PyTorch modules, or exact counting. One module,
so the Keras import (several seconds) is paid once per worker. Nothing is downloaded: the IMDB
loader is run on a small synthetic ``imdb.npz`` written to a temporary folder (its download is
replaced by that path for the call), and preprocess_input needs no weights.

004 is quoted exactly as transcribed ("caress"/"Caris" for Keras, "Ellis TM" for LSTM, ...).
Other helpers may add 004 sources to these claims.
"""
import math
import tempfile
from pathlib import Path

import numpy as np
import torch
from torch import nn

from fixtures.text import pad_sequences as suite_pad_sequences
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.recipes.keras_backend import keras
from harness.declaring.vague_words import VAGUE

D003 = "003_9348410d8d3ffd8d.txt"
D004 = "004_2947cf972490c874.txt"
ONE = {p: {"seeds": 1} for p in ("smoke", "ci", "full")}


def _k(ctx):
    k = keras(ctx)
    k.utils.set_random_seed(ctx.seeds[0] % (2 ** 31))
    return k


def _np(x) -> np.ndarray:
    return np.asarray(keras().ops.convert_to_numpy(x), dtype=np.float64)


# ------------------------------------------------------------------ pad_sequences truncation
def pad_errors(ctx):
    k = _k(ctx)
    errors, kept = [], {}
    for n in (81, 100, 230, 1000):
        seq = list(range(1, n + 1))
        out = k.utils.pad_sequences([seq], maxlen=80)[0].tolist()
        kept[n] = (out[0], out[-1])
        errors.append(float(out != seq[:80]))          # the lecture: "the 1st 80 words"
    short = k.utils.pad_sequences([[5, 6]], maxlen=80)[0].tolist()
    ctx.note("kept (first, last) token of 1..n at maxlen 80", kept)
    ctx.note("[5, 6] padded to 80: zeros in front", short[:3] + ["..."] + short[-3:])
    # the suite's own helper (fixtures.text.pad_sequences) must agree with Keras
    seqs = [list(range(1, n + 1)) for n in (2, 79, 80, 81, 300)]
    ctx.note("fixtures.text.pad_sequences equals keras", bool(np.array_equal(
        suite_pad_sequences(seqs, 80), k.utils.pad_sequences(seqs, maxlen=80))))
    return {"error": errors}


PAD = Claim(
    id="keras-pad-sequences-maxlen-keeps-first-words",
    statement="As the lecture says: sequence.pad_sequences(x, maxlen=80) with its default arguments trims each "
              "review to its first 80 words.",
    sources=(Source(D004, "14. Using RNN's for Sentiment Analysis", (15, 15),
                    "We're going to call sequence stop pad sequences just to make sure that everything has a limit "
                    "on them to 80 words. ... So by saying Max Line equals 80 that means we're only going to look "
                    "at the 1st 80 words in each review and limit our analysis to that."),),
    kind=Kind.IDENTITY, topic="keras", metric="1 per sequence length (81, 100, 230, 1000) whose kept 80 tokens are "
                                                "not its first 80",
    direction="holds", tolerance=0.0, experiment=pad_errors, sizes=ONE,
    expect=Verdict.REFUTED,
    expect_reason="measured: Keras keeps the LAST 80 tokens (1..100 -> 21..100) for every length: truncating='pre' "
                  "is the default; short sequences are padded in front",
    notes="keras.utils.pad_sequences defaults to padding='pre', truncating='pre'. The model in the lecture therefore "
          "sees the last 80 words of a review, not the first; truncating='post' would keep the first 80.",
)


# ------------------------------------------------------------------ validation_split
def validation_split_errors(ctx):
    k = _k(ctx)
    n, frac = 100, 0.2
    x = np.arange(n, dtype="float32").reshape(-1, 1)
    y = np.arange(n, dtype="float32").reshape(-1, 1)      # target = row number
    model = k.Sequential([k.Input((1,)), k.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros")])
    model.compile(optimizer=k.optimizers.SGD(learning_rate=0.0), loss="mse")   # predictions stay 0
    hist = model.fit(x, y, validation_split=frac, epochs=1, batch_size=10, shuffle=True, verbose=0)
    val_loss = float(hist.history["val_loss"][0])
    n_val = int(n * frac)
    last = float(np.mean(y[-n_val:].astype(np.float64) ** 2))    # loss of predicting 0 on the last rows
    first = float(np.mean(y[:n_val].astype(np.float64) ** 2))
    ctx.note("reported val_loss", val_loss)
    ctx.note("mean y^2 of last 20 rows / first 20 rows", [last, first])
    return {"error": [abs(val_loss - last) / last]}


VAL_SPLIT = Claim(
    id="keras-validation-split-takes-last-rows-unshuffled",
    statement="Keras' fit(validation_split=v) sets apart the last v of the rows, taken before any shuffling, as the "
              "validation set; like the slides' hand-made split (which takes the first 10,000 rows), it relies on "
              "the data being shuffled beforehand.",
    sources=(Source(D003, "3.4.4 Validating Your Approach (a Validation Set)", (1112, 1126),
                    "create a validation set by setting apart 10,000 samples from the original training data (50k) "
                    "... x_val = x_train[:10000] partial_x_train = x_train[10000:]"),),
    kind=Kind.IDENTITY, topic="keras",
    metric="|Keras val_loss - MSE of the last 20% of rows| / that MSE (a frozen model predicting 0; target = row index)",
    direction="holds", tolerance=1e-6, experiment=validation_split_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: val_loss 8,043.5 = mean of 80^2..99^2 exactly (the first 20 rows would give 123.5)",
)


# ------------------------------------------------------------------ EarlyStopping defaults
VAL_CURVES = ([0.9, 0.7, 0.6, 0.65, 0.5, 0.4], [0.5, 0.4, 0.3, 0.25, 0.2, 0.3], [0.6, 0.61, 0.5, 0.4, 0.3, 0.2],
              [0.8, 0.5, 0.45, 0.44, 0.46, 0.3])


def early_stopping_errors(ctx):
    k = _k(ctx)
    errors, stops = [], []
    for curve in VAL_CURVES:
        model = k.Sequential([k.Input((2,)), k.layers.Dense(1)])
        cb = k.callbacks.EarlyStopping()                      # the defaults
        cb.set_model(model)
        model.stop_training = False
        cb.on_train_begin()
        stopped_at = None
        for epoch, v in enumerate(curve):
            # each epoch's "weights": a marker value, so the kept weights can be identified afterwards
            model.layers[0].kernel.assign(np.full((2, 1), float(epoch), dtype="float32"))
            cb.on_epoch_end(epoch, {"val_loss": v, "loss": 0.1})
            if model.stop_training:
                stopped_at = epoch
                break
        cb.on_train_end()
        # the slides' rule: stop as soon as the validation error is higher than the last check
        rule = next((e for e in range(1, len(curve)) if curve[e] > curve[e - 1]), None)
        kept = float(_np(model.layers[0].kernel)[0, 0])
        stops.append((stopped_at, rule, kept))
        errors.append(float(stopped_at != rule))
        if stopped_at is not None:
            errors.append(float(kept != stopped_at))           # last epoch's weights, not the best
    ctx.note("(Keras stop epoch, slide-rule stop epoch, epoch whose weights are kept)", stops)
    return {"error": errors}


EARLY = Claim(
    id="keras-early-stopping-default-is-patience-zero",
    statement="Keras' EarlyStopping() with its defaults (monitor val_loss, patience 0, min_delta 0, "
              "restore_best_weights False) is the slides' rule: it stops at the first epoch whose validation loss "
              "is higher than the previous one, and the model keeps that last epoch's weights, not the best ones.",
    sources=(Source(D003, "4.4 How to prevent overfitting", (1897, 1898),
                    "Early stopping:** - Stop training as soon as the error on the validation set is higher than it "
                    "was the last time it was checked."),
             Source(D003, "4.4.2 course notebook", (2079, 2079), "from keras.callbacks import EarlyStopping"),
             Source(D004, "17. Deep Learning Regularization with Dropout and Early Stopping", (18, 18),
                    "I'll early stopping is, is a way of automatically detecting that. And it's an algorithm that "
                    "we'll just say, okay, the validation accuracy is leveled out.")),
    kind=Kind.IDENTITY, topic="keras",
    metric="1 per validation curve where Keras stops at another epoch than the slide's rule, or keeps other weights "
           "than the stopping epoch's",
    direction="holds", tolerance=0.0, experiment=early_stopping_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: on 4 curves Keras stops exactly where the slide's rule does and keeps the stopping "
                  "epoch's weights",
    notes="Ties differ: with min_delta=0 Keras also stops when the loss merely stays equal. The default monitor is "
          "val_loss; the 004 lecture watches validation accuracy (monitor='val_accuracy' would be needed), and "
          "patience 0 stops at the first noisy uptick.",
)


# ------------------------------------------------------------------ Dense / Conv initialisers
def init_errors(ctx):
    k = _k(ctx)
    errors = []
    stats = {}
    for name, layer, shape in (("Dense(512) on 784", k.layers.Dense(512), (None, 784)),
                               ("Conv2D(32, 3) on 1 channel", k.layers.Conv2D(32, 3), (None, 28, 28, 1))):
        layer.build(shape)
        w, b = _np(layer.kernel).ravel(), _np(layer.bias)
        receptive = int(np.prod(layer.kernel.shape[:-2])) if len(layer.kernel.shape) > 2 else 1
        fan_in = receptive * int(layer.kernel.shape[-2])
        fan_out = receptive * int(layer.kernel.shape[-1])
        limit = math.sqrt(6.0 / (fan_in + fan_out))           # Glorot & Bengio (2010), uniform
        # Kolmogorov-Smirnov distance to U(-limit, limit), and the range it fills
        ws = np.sort(w)
        cdf = (ws + limit) / (2 * limit)
        ks = float(np.max(np.maximum(np.arange(1, ws.size + 1) / ws.size - cdf, cdf - np.arange(ws.size) / ws.size)))
        stats[name] = {"limit": limit, "max|w|": float(np.abs(w).max()), "ks": ks, "n": int(w.size),
                       "torch Linear/Conv bound 1/sqrt(fan_in)": 1 / math.sqrt(fan_in)}
        errors.append(float(np.abs(w).max() > limit))
        errors.append(float(ks > 2.23 / math.sqrt(w.size)))   # KS critical value at alpha 1e-4
        errors.append(float(np.abs(b).max() != 0.0))
    ctx.note("initialisation", stats)
    return {"error": errors}


INIT = Claim(
    id="keras-dense-conv-glorot-uniform-zero-bias",
    statement="Keras' Dense and Conv2D layers start from glorot_uniform kernels (uniform on +-sqrt(6/(fan_in + "
              "fan_out))) and all-zero biases: the 'small random values' of random initialization.",
    sources=(Source(D003, "2.3 The Gears of Neural Networks", (481, 482), "keras.layers.Dense(512, activation='relu')"),
             Source(D003, "2.4 The Engine of NNs", (650, 650),
                    "Initially, these weight matrices are filled with small random values (a step called random "
                    "initialization)"),
             Source(D004, "9. Introducing Keras", (10, 10),
                    "Basically, we've done here is at a that same dense layer, 512 hidden neurons taking the 17 84 "
                    "features."), Source("004_2947cf972490c874.txt", "7. Using Tensorflow for Handwriting Recognition, Part 1", (8, 8), "These will be initialized zeros. Okay, so a little bit different there for the biases By default. We want our biases to be zero.")),
    kind=Kind.IDENTITY, topic="keras",
    metric="kernel outside the Glorot limit; KS distance to U(-limit, limit) above its 1e-4 critical value; any "
           "non-zero bias",
    direction="holds", tolerance=0.0, experiment=init_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: Dense(512) on 784 kernels within +-0.068 with KS 0.001, Conv2D(32, 3) within +-0.142, "
                  "biases exactly 0 (KS distance 0.002 and 0.079 against critical values 0.0035 and 0.13)",
    notes="PyTorch's nn.Linear/nn.Conv2d use a different default (uniform +-1/sqrt(fan_in) for weights and biases): a "
          "port that keeps torch's defaults is not the slides' model (bounds noted in the result).",
)


# ------------------------------------------------------------------ optimizer defaults
def _rmsprop_ref(grads, lr, rho, eps):
    w, v, out = 0.0, 0.0, []
    for g in grads:
        v = rho * v + (1 - rho) * g * g
        w -= lr * g / math.sqrt(v + eps)          # Keras form (Tieleman & Hinton): eps inside the root
        out.append(w)
    return out


def _adam_ref(grads, lr, b1, b2, eps):
    w, m, v, out = 0.0, 0.0, 0.0, []
    for t, g in enumerate(grads, 1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        alpha = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)     # Kingma & Ba, Algorithm 1 final form
        w -= alpha * m / (math.sqrt(v) + eps)
        out.append(w)
    return out


def _keras_steps(k, opt, grads):
    var = k.Variable(np.zeros((1,), dtype="float64"), dtype="float64")
    out = []
    for g in grads:
        opt.apply_gradients([(k.ops.convert_to_tensor(np.array([g], dtype="float64")), var)])
        out.append(float(_np(var)[0]))
    return out


def optimizer_errors(ctx):
    k = _k(ctx)
    # gradients small enough (1e-4 .. 1e-6) that epsilon matters, so 1e-7 vs 1e-8 is visible
    grads = [1e-4, -3e-5, 2e-6, 5e-5, -1e-6, 8e-5, 1e-5, -2e-5]
    errors, gaps = [], {}
    for name, opt, ref, torch_ref in (
            ("RMSprop", k.optimizers.RMSprop(), _rmsprop_ref(grads, 1e-3, 0.9, 1e-7),
             _rmsprop_ref(grads, 1e-2, 0.99, 1e-8)),
            ("Adam", k.optimizers.Adam(), _adam_ref(grads, 1e-3, 0.9, 0.999, 1e-7),
             _adam_ref(grads, 1e-3, 0.9, 0.999, 1e-8))):
        got = _keras_steps(k, opt, grads)
        scale = max(abs(r) for r in ref)
        errors.append(max(abs(a - b) for a, b in zip(got, ref)) / scale)
        gaps[name] = max(abs(a - b) for a, b in zip(got, torch_ref)) / scale
    ctx.note("relative distance of Keras' trajectory to one with torch's defaults", gaps)
    return {"error": errors}


OPT = Claim(
    id="keras-rmsprop-adam-default-constants",
    statement="Keras' default optimizers are RMSprop with learning rate 0.001, rho 0.9, epsilon 1e-7 and Adam with "
              "learning rate 0.001, beta 0.9/0.999, epsilon 1e-7: their updates match the published formulas with "
              "these constants (PyTorch's defaults, RMSprop lr 0.01 / alpha 0.99 and eps 1e-8, are different).",
    sources=(Source(D003, "4.5.5 Develop a Model That Does Better Than Baseline", (2260, 2260),
                    "Check optimizer - start with rmsprop with its default learning rate"),
             Source(D003, "3.4.4 Validating Your Approach (a Validation Set)", (1118, 1118),
                    "model.compile(optimizer='rmsprop', loss='binary_crossentropy', metrics=[ 'accuracy' ])"),
             Source(D003, "Optimizers", (1040, 1040), "Try all once with the default learning rates"),
             Source(D004, "9. Introducing Keras", (10, 10), "We're going to use the RMS prop optimizer just for fun."),
             Source(D004, "14. Using RNN's for Sentiment Analysis", (15, 15),
                    "will use the Adam Optimizer this time just because that's sort of the best of both worlds for "
                    "Optimizers")),
    kind=Kind.IDENTITY, topic="keras",
    metric="max |Keras trajectory - float64 formula with the stated constants| / max |formula| over 8 steps "
           "(gradients 1e-6..1e-4)",
    direction="holds", tolerance=1e-6, experiment=optimizer_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: both trajectories agree with the formulas to 4.8e-8 (Keras keeps the learning rate as a "
                  "float32 variable: 0.001 -> 0.0010000000475); torch's defaults would move them by 30x (RMSprop) and 2.4% (Adam) of their size",
    notes="Keras' RMSprop puts epsilon inside the square root (w -= lr g / sqrt(v + eps)); torch's adds it outside "
          "(sqrt(v) + eps). A PyTorch port of the slides needs RMSprop(lr=1e-3, alpha=0.9) to match.",
)


# ------------------------------------------------------------------ recurrent parameter counts
def _count_keras(k, layers, input_shape):
    model = k.Sequential([k.Input(input_shape)] + layers)
    return int(model.count_params())


def _count_torch(*mods):
    return sum(p.numel() for m in mods for p in m.parameters())


def gru_lstm_errors(ctx):
    k = _k(ctx)
    h = i = 128
    kg = _count_keras(k, [k.layers.GRU(h)], (None, i))
    kl = _count_keras(k, [k.layers.LSTM(h)], (None, i))
    tg, tl = _count_torch(nn.GRU(i, h)), _count_torch(nn.LSTM(i, h))
    ctx.note("Keras GRU / LSTM parameters", [kg, kl, kg / kl])
    ctx.note("PyTorch GRU / LSTM parameters", [tg, tl, tg / tl])
    # Keras' default GRU (reset_after=True) carries two bias vectors like torch's GRU; Keras' LSTM one (torch two)
    return {"error": [abs(kg - tg), abs(kl - (tl - 4 * h)),
                      max(0.0, abs(kg / kl - 0.75) - VAGUE["negligible"].delta * 0.75)]}


GRU = Claim(
    id="keras-gru-has-three-quarters-of-lstm-parameters",
    statement="A GRU is a simplification of the LSTM: with 128 units on 128-d inputs Keras' GRU (reset_after=True, "
              "the default) has 99,072 parameters against the LSTM's 131,584, a ratio of 0.753 (three gates' "
              "weights instead of four); PyTorch counts the same GRU and 512 more LSTM biases.",
    sources=(Source(D004, "13. Recurrent Neural Networks", (14, 14),
                    "There's also an optimization on top of L S T M cells called G R U cells that stands for gated "
                    "recurrent unit. It's just a simplification on Ellis TM cells that performs almost a swell."),),
    kind=Kind.IDENTITY, topic="keras",
    metric="|Keras - PyTorch count| (GRU; LSTM less torch's second bias); ratio beyond 1% of 3/4",
    direction="holds", tolerance=0.0, experiment=gru_lstm_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: GRU 99,072 in both; LSTM 131,584 (Keras) = 132,096 - 512 (PyTorch); ratio 0.7529",
)


def imdb_lstm_errors(ctx):
    k = _k(ctx)
    kc = _count_keras(k, [k.layers.Embedding(20000, 128), k.layers.LSTM(128, dropout=0.2, recurrent_dropout=0.2),
                          k.layers.Dense(1, activation="sigmoid")], (80,))
    tc = _count_torch(nn.Embedding(20000, 128), nn.LSTM(128, 128), nn.Linear(128, 1))
    ctx.note("Keras / PyTorch parameters", [kc, tc])
    return {"error": [abs(kc - 2_691_713), abs(tc - kc - 4 * 128)]}


IMDB_LSTM = Claim(
    id="keras-imdb-lstm-model-parameter-count",
    statement="The lecture's IMDB model (Embedding(20000, 128), LSTM(128) with dropout 0.2, Dense(1, sigmoid)) has "
              "2,691,713 parameters in Keras; a PyTorch port with the same layers has 512 more (its LSTM carries "
              "two bias vectors per gate).",
    sources=(Source(D004, "14. Using RNN's for Sentiment Analysis", (15, 15),
                    "So it's going to create a dense vector of a fixed size of 20,000 words and then funnel that into "
                    "128 hit and neurons inside my neural network. ... they wanna have 128 recurrent neurons in that "
                    "Ellis TM layer."),),
    kind=Kind.IDENTITY, topic="keras", metric="|Keras count - 2,691,713|; |PyTorch - Keras - 4 x 128|",
    direction="holds", tolerance=0.0, experiment=imdb_lstm_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: Keras 2,691,713, PyTorch 2,692,225",
    notes="The lecture states no count; this pins what its model is, so a port can be checked against it.",
)


def pima_errors(ctx):
    k = _k(ctx)
    errors, counts = [], {}
    for d in (8, 16):
        model = k.Sequential([k.Input((d,)), k.layers.Dense(12, activation="relu"),
                              k.layers.Dense(8, activation="relu"), k.layers.Dense(1, activation="sigmoid")])
        per_layer = [int(l.count_params()) for l in model.layers]
        torch_layers = [_count_torch(m) for m in (nn.Linear(d, 12), nn.Linear(12, 8), nn.Linear(8, 1))]
        counts[d] = per_layer
        errors.append(float(per_layer != torch_layers))
    errors.append(float(counts[8][1:] != counts[16][1:]))      # only the first layer depends on the input
    errors.append(abs(sum(counts[8]) - 221))
    ctx.note("per-layer parameters for input_dim 8 / 16", counts)
    return {"error": errors}


PIMA = Claim(
    id="keras-pima-mlp-parameter-count",
    statement="The slides' Pima model (Dense(12, input_dim=8) - Dense(8) - Dense(1)) has 108 + 104 + 9 = 221 "
              "parameters; changing the input shape (8 -> 16 features) changes only the first layer (204), the "
              "other layers' shapes stay.",
    sources=(Source(D003, "2.2.4 3D Tensors and Higher-dimensional Tensors", (383, 390),
                    "What happens to other tensors' shapes when input shape changes? ... "
                    "model.add(Dense(12, input_dim=8, activation='relu')) ... model.add(Dense(8, activation='relu')) "
                    "... model.add(Dense(1, activation='sigmoid'))"),),
    kind=Kind.IDENTITY, topic="keras", metric="per-layer Keras counts vs nn.Linear counts; later layers changed; |total - 221|",
    direction="holds", tolerance=0.0, experiment=pima_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: [108, 104, 9] for 8 inputs, [204, 104, 9] for 16, as nn.Linear",
)


# ------------------------------------------------------------------ preprocess_input
def preprocess_errors(ctx):
    k = _k(ctx)
    from keras.applications import resnet50     # noqa: PLC0415  (after the backend is chosen)
    rng = ctx.rng(ctx.seeds[0], "pixels")
    img = rng.integers(0, 256, size=(2, 8, 8, 3)).astype("float32")
    img[0, 0, 0] = 0.0
    img[0, 0, 1] = 255.0
    out = np.asarray(resnet50.preprocess_input(img.copy()), dtype=np.float64)
    # reference: caffe mode = RGB -> BGR, minus the ImageNet channel means, no scaling
    ref = img[..., ::-1].astype(np.float64) - np.array([103.939, 116.779, 123.68])
    span_ratio = float((out.max() - out.min()) / (img.max() - img.min()))
    ctx.note("max |preprocess_input - caffe reference|", float(np.abs(out - ref).max()))
    ctx.note("all-255 pixel becomes (B, G, R)", out[0, 0, 1].tolist())
    ctx.note("output span / input span", span_ratio)
    ctx.note("output range", [float(out.min()), float(out.max())])
    # the lecture's guess: values are scaled down into a smaller range
    return {"error": [float(span_ratio > 1 - VAGUE["negligible"].delta)]}


PREPROCESS = Claim(
    id="keras-resnet50-preprocess-input-scales-down",
    statement="As the lecture assumes: ResNet50's preprocess_input scales the pixel values down into a smaller "
              "range before prediction.",
    sources=(Source(D004, "15. Transfer Learning", (16, 16),
                    "call the resident 50 models pre process input to do something to prepare that data. I assume "
                    "it's scaling it down into whatever range it wants and maybe doing some pre processing of the "
                    "image itself"),),
    kind=Kind.IDENTITY, topic="keras", metric="1 if the output span is not below 99% of the input span (no down-scaling)",
    direction="holds", tolerance=0.0, experiment=preprocess_errors, sizes=ONE,
    expect=Verdict.REFUTED,
    expect_reason="measured: output span / input span = 1.08 (no down-scaling): 'caffe' mode flips RGB to BGR and subtracts the "
                  "channel means (255 -> 151.061, 138.221, 131.32); nothing is scaled",
    notes="The second half of the guess is right: it does preprocess (channel order and mean subtraction), exactly "
          "the caffe reference (max difference noted). Needs no weights, so it runs offline.",
)


# ------------------------------------------------------------------ IMDB loader's index offset
def imdb_offset_errors(ctx):
    k = _k(ctx)
    import keras.src.datasets.imdb as imdb_mod     # noqa: PLC0415
    rng = ctx.rng(ctx.seeds[0], "reviews")
    # raw word ranks as the stored file holds them (1 = most frequent word), ragged object arrays
    raw = [rng.integers(1, 40, size=int(rng.integers(3, 12))).tolist() for _ in range(40)]
    labels = rng.integers(0, 2, size=40)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "imdb.npz"
        obj = np.empty(20, dtype=object)
        obj2 = np.empty(20, dtype=object)
        for j in range(20):
            obj[j], obj2[j] = raw[j], raw[20 + j]
        np.savez(path, x_train=obj, y_train=labels[:20], x_test=obj2, y_test=labels[20:])
        saved = imdb_mod.get_file
        imdb_mod.get_file = lambda *a, **kw: str(path)          # no download: the file above
        try:
            (xtr, ytr), _ = k.datasets.imdb.load_data(num_words=20)
        finally:
            imdb_mod.get_file = saved
    order = np.arange(20)
    np.random.RandomState(113).shuffle(order)                   # the loader's documented shuffle seed
    errors = []
    for got, src in zip(xtr, (raw[j] for j in order)):
        want = [1] + [w + 3 if w + 3 < 20 else 2 for w in src]  # 0 pad, 1 start, 2 unknown; words from 3
        errors.append(float(list(got) != want))
    ctx.note("smallest / largest index in the loaded training data", [min(min(s) for s in xtr), max(max(s) for s in xtr)])
    return {"error": errors}


IMDB_OFFSET = Claim(
    id="keras-imdb-indices-offset-by-3",
    statement="keras.datasets.imdb.load_data shifts every word index by 3 and starts each review with 1: 0 is "
              "padding, 1 'start of sequence', 2 'unknown' (also every word outside num_words), so decoding needs "
              "i - 3 and every index stays below num_words.",
    sources=(Source(D003, "3.4.1 The IMDB Dataset", (872, 874),
                    "# We decode the review; note that our indices were offset by 3 # because 0, 1 and 2 are "
                    "reserved indices for \"padding\", \"start of sequence\", and \"unknown\"."),
             Source(D003, "3.4.1 The IMDB Dataset", (835, 838),
                    "The argument num_words=10000 means you'll only keep the top 10,000 most frequently occurring "
                    "words in the training data (Rare words will be discarded)"),
             Source(D004, "14. Using RNN's for Sentiment Analysis", (15, 15),
                    "But they've encoded each unique word between zero and 20,000 because we said we wanted the "
                    "20,000 most popular words two numbers.")),
    kind=Kind.IDENTITY, topic="keras",
    metric="1 per review whose loaded indices differ from [1] + [w + 3, or 2 beyond num_words]",
    direction="holds", tolerance=0.0, experiment=imdb_offset_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: all 20 synthetic reviews load as [1] + (w + 3), rare words as 2, indices in 1..19",
    notes="Run on a 40-review synthetic imdb.npz in the stored file's format (the real file is a download). "
          "'Discarded' is loose: rare words are kept as the unknown index 2, not removed.",
)


# ------------------------------------------------------------------ Dropout
def dropout_errors(ctx):
    k = _k(ctx)
    errors = []
    n = 200_000
    x = np.ones((1, n), dtype="float32")
    for rate in (0.2, 0.5):
        layer = k.layers.Dropout(rate, seed=ctx.seeds[0] % (2 ** 31))
        out = _np(layer(x, training=True))[0]
        zeros = float(np.mean(out == 0))
        kept = out[out != 0]
        sd = math.sqrt(rate * (1 - rate) / n)
        errors.append(max(0.0, abs(zeros - rate) - 5 * sd))          # zero share = rate (5 sd slack)
        errors.append(float(np.abs(kept - 1 / (1 - rate)).max()))   # survivors scaled by 1/(1 - rate)
        errors.append(float(np.abs(_np(layer(x, training=False))[0] - 1).max()))   # identity at test time
        ctx.note(f"rate {rate}: zero share, survivor value", [zeros, float(kept[0])])
    return {"error": errors}


DROPOUT = Claim(
    id="keras-dropout-is-inverted",
    statement="Keras' Dropout(rate) zeroes a share 'rate' of the features during training and scales the survivors "
              "up by 1/(1 - rate) (inverted dropout, x2 at rate 0.5 as in Figure 4.8); at test time it leaves the "
              "activations unchanged.",
    sources=(Source(D003, "4.4.3 Adding Dropout", (2134, 2151),
                    "Inverted dropout (Strategy 2) - `activation = activation / keep_probability` to scale up during "
                    "the training ... * 2 ... Figure 4.8 Dropout applied to an activation matrix at training time, "
                    "with rescaling happening during training. At test time, the activation matrix is unchanged."),
             Source(D003, "4.4.3 Adding Dropout", (2105, 2105),
                    "The **dropout rate** is the fraction of the features that are zeroed out"),
             Source(D004, "5. Deep Learning Details", (6, 6),
                    "The idea is just to ignore, say, half of the neurons randomly each training step, pretend that "
                    "they don't exist it all."), Source("003_9348410d8d3ffd8d.txt", "4.4.3 Adding Dropout", (2094, 2096), "Let's say a given layer would normally return a vector $[0.2, 0.5, 1.3, 0.8, 1.1]$ for a given input sample during training ... After applying dropout, this vector will have a few zero entries distributed at random ... For example, $[0, 0.5, 1.3, 0, 1.1]$")),
    kind=Kind.IDENTITY, topic="keras",
    metric="zero share beyond rate +- 5 sd; |survivor - 1/(1 - rate)|; |test output - input| (200,000 ones)",
    direction="holds", tolerance=1e-6, experiment=dropout_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: zero shares 0.200 / 0.500 within sampling error, survivors exactly 1.25 / 2.0, test "
                  "output unchanged",
)


# ------------------------------------------------------------------ weight regularizers
def _loss_with_penalty(k, reg, w_init, x, y):
    """Keras' evaluate() loss of a one-layer linear model whose kernel carries ``reg``."""
    model = k.Sequential([k.Input((w_init.shape[0],)),
                          k.layers.Dense(w_init.shape[1], use_bias=False, kernel_regularizer=reg)])
    model.layers[0].kernel.assign(w_init)
    model.compile(optimizer="sgd", loss="mse")
    return float(model.evaluate(x, y, verbose=0))


def regularizer_values(ctx):
    """Keras' penalties (direct and as added by fit/evaluate) against float64 sums; the slide's l2 wording too."""
    k = _k(ctx)
    rng = ctx.rng(ctx.seeds[0], "weights")
    w = (rng.standard_normal((10, 4)) - 0.3).astype("float32")      # negative mean: sum(w) < 0
    x = rng.standard_normal((32, 10)).astype("float32")
    y = rng.standard_normal((32, 4)).astype("float32")
    w64 = w.astype(np.float64)
    mse = float(np.mean((x.astype(np.float64) @ w64 - y) ** 2))
    out = {}
    for name, reg, ref in (("l2", k.regularizers.l2(0.001), 0.001 * np.sum(w64 ** 2)),
                           ("l1", k.regularizers.l1(0.001), 0.001 * np.sum(np.abs(w64))),
                           ("l1_l2", k.regularizers.l1_l2(l1=0.001, l2=0.001),
                            0.001 * np.sum(np.abs(w64)) + 0.001 * np.sum(w64 ** 2))):
        direct = float(_np(reg(k.ops.convert_to_tensor(w))))
        in_loss = _loss_with_penalty(k, reg, w, x, y) - mse
        out[name] = {"keras": direct, "added_to_loss": in_loss, "float64": float(ref)}
    out["slide_l2"] = float(0.001 * np.sum(w64))         # "add 0.001 * weight_coefficient_value"
    return out


def regularizer_errors(ctx):
    v = regularizer_values(ctx)
    ctx.note("penalties", v)
    errors = []
    for name in ("l2", "l1", "l1_l2"):
        ref = v[name]["float64"]
        errors += [abs(v[name]["keras"] - ref) / ref, abs(v[name]["added_to_loss"] - ref) / ref]
    return {"error": errors}


REGULARIZERS = Claim(
    id="keras-regularizers-add-weighted-norms-to-loss",
    statement="regularizers.l2(0.001) adds 0.001 * sum(w^2) of the layer's kernel to the training loss, l1(0.001) "
              "adds 0.001 * sum(|w|), and l1_l2(l1=0.001, l2=0.001) adds both: the L1 cost grows with the absolute "
              "values, the L2 cost with their squares.",
    sources=(Source(D003, "4.4.2 Adding Weight Regularization", (2016, 2022),
                    "L_1 regularization: ... The cost added is proportional to the absolute value of the weight "
                    "coefficients ... L_2 regularization ... The cost added is proportional to the square of the "
                    "value of the weight coefficients"),
             Source(D003, "4.4.2 Adding Weight Regularization", (2049, 2055),
                    "regularizers.l1(0.001)           ←— L1 regularization ... regularizers.l1_l2(l1=0.001, l2=0.001)"),
             Source(D003, "4.4.2 Adding Weight Regularization", (2033, 2033),
                    "model.add(layers.Dense(16, kernel_regularizer=regularizers.l2(0.001),")),
    kind=Kind.IDENTITY, topic="keras",
    metric="relative |Keras penalty - float64 sum| (direct call and as added to evaluate()'s loss)",
    direction="holds", tolerance=1e-4, experiment=regularizer_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: all three penalties equal the float64 sums (to float32 rounding) and are added to the loss",
)


def slide_l2_errors(ctx):
    v = regularizer_values(ctx)
    ctx.note("penalties", v)
    keras_l2 = v["l2"]["added_to_loss"]
    return {"error": [abs(v["slide_l2"] - keras_l2) / keras_l2], "slide_value": [v["slide_l2"]],
            "keras_value": [keras_l2]}


SLIDE_L2 = Claim(
    id="slide-l2-adds-coefficient-value-to-loss",
    statement="As the slide words it: l2(0.001) makes every kernel coefficient add 0.001 * its value to the total "
              "loss (0.001 * sum(w)).",
    sources=(Source(D003, "4.4.2 Adding Weight Regularization", (2040, 2040),
                    "$l2(0.001)$ means every coefficient in the weight matrix of the layer will add $0.001 * "
                    "\\text{weight_coefficient_value}$ to the total loss of the network."),),
    kind=Kind.IDENTITY, topic="keras",
    metric="|slide's 0.001 * sum(w) - what Keras adds| / what Keras adds (random 10x4 kernel, negative mean)",
    direction="holds", tolerance=VAGUE["negligible"].delta, experiment=slide_l2_errors, sizes=ONE,
    expect=Verdict.REFUTED,
    expect_reason="measured: the slide's formula gives a negative 'penalty' while Keras adds 0.001 * sum(w^2) > 0; "
                  "they differ by more than 100% of Keras' value",
    notes="The book has the same slip: the intended meaning is 0.001 * weight_coefficient_value^2 (checked in "
          "keras-regularizers-add-weighted-norms-to-loss). A linear 'penalty' is unbounded below and would push "
          "weights to -infinity.",
)


# ------------------------------------------------------------------ the Dense formula
def dense_formula_errors(ctx):
    k = _k(ctx)
    rng = ctx.rng(ctx.seeds[0], "inputs")
    layer = k.layers.Dense(512, activation="relu", bias_initializer="random_normal")
    x = rng.standard_normal((16, 784)).astype("float32")
    out = _np(layer(x))
    W, b = _np(layer.kernel), _np(layer.bias)
    ref = np.maximum(x.astype(np.float64) @ W + b, 0.0)     # relu(dot(input, W) + b), Keras' kernel is (in, out)
    ctx.note("share of outputs clipped to 0 by relu", float(np.mean(ref == 0)))
    return {"error": [float(np.abs(out - ref).max() / np.abs(ref).max())]}


DENSE = Claim(
    id="keras-dense-is-relu-of-dot-plus-bias",
    statement="keras.layers.Dense(512, activation='relu') computes relu(dot(input, W) + b) with relu(x) = max(x, 0) "
              "(a dot product, a vector addition and an element-wise relu).",
    sources=(Source(D003, "2.3 The Gears of Neural Networks", (481, 495),
                    "keras.layers.Dense(512, activation='relu') ... output = relu(dot(W, input) + b) ... a relu "
                    "operation - $\\text{relu}(x)$ is $\\max(x, 0)$"),),
    kind=Kind.IDENTITY, topic="keras", metric="max |Keras output - float64 relu(x W + b)| / max |reference|",
    direction="holds", tolerance=1e-6, experiment=dense_formula_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: agrees to float32 rounding on a 16 x 784 batch",
    notes="With a batch in rows, Keras computes dot(input, W) with W of shape (in, out); the slide's dot(W, input) "
          "is the same map for column vectors.",
)


# ------------------------------------------------------------------ channels-last images, time axis 1
def channels_last_errors(ctx):
    k = _k(ctx)
    rng = ctx.rng(ctx.seeds[0], "images")
    x = rng.standard_normal((4, 16, 16, 1)).astype("float32")     # (samples, height, width, channels)
    conv = k.layers.Conv2D(8, 3)
    out = _np(conv(x))
    # reference: the same kernel as a channels-first torch convolution on the permuted batch
    w = torch.as_tensor(_np(conv.kernel)).permute(3, 2, 0, 1)
    ref = torch.nn.functional.conv2d(torch.as_tensor(x, dtype=torch.float64).permute(0, 3, 1, 2), w,
                                     torch.as_tensor(_np(conv.bias))).permute(0, 2, 3, 1).numpy()
    ctx.note("image_data_format", k.config.image_data_format())
    ctx.note("Conv2D output shape", list(out.shape))
    return {"error": [float(k.config.image_data_format() != "channels_last"), float(out.shape != (4, 14, 14, 8)),
                      float(np.abs(out - ref).max())]}


CHANNELS = Claim(
    id="keras-images-are-channels-last",
    statement="Keras (as TensorFlow) stores images channels-last: a batch of grayscale images is (samples, height, "
              "width, 1) and Conv2D reads the last axis as channels; PyTorch's convolution is channels-first and "
              "gives the same result on the permuted batch.",
    sources=(Source(D003, "2.2.11 Image Data", (441, 444),
                    "A batch of 128 grayscale images of size 256×256 could thus be stored in a tensor of shape "
                    "$(128, 256, 256, 1)$ ... There are two conventions for shapes of images tensors: the "
                    "channels-last convention (used by TensorFlow) and the channels-first convention (Theano)."),),
    kind=Kind.IDENTITY, topic="keras",
    metric="default data format; Conv2D output shape; max |Keras conv - torch conv on permuted batch|",
    direction="holds", tolerance=1e-5, experiment=channels_last_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: channels_last, (4, 14, 14, 8), equal to torch's channels-first convolution",
)


def time_axis_errors(ctx):
    k = _k(ctx)
    rng = ctx.rng(ctx.seeds[0], "sequences")
    x = rng.standard_normal((3, 10, 8)).astype("float32")       # (samples, timesteps, features)
    lstm = k.layers.LSTM(16, return_sequences=True)
    base = _np(lstm(x))
    errors = [float(base.shape != (3, 10, 16))]
    for t in (2, 6):
        x2 = x.copy()
        x2[:, t, :] += 1.0
        diff = np.abs(_np(lstm(x2)) - base).max(axis=(0, 2))     # change per step along axis 1
        # causal along axis 1: steps before t unchanged, step t changed
        errors.append(float(diff[:t].max() if t else 0.0))
        errors.append(float(diff[t] == 0.0))
    ctx.note("torch.nn.LSTM default batch_first", nn.LSTM(8, 16).batch_first)
    return {"error": errors}


TIME_AXIS = Claim(
    id="keras-sequence-time-axis-is-axis-1",
    statement="A batch of sequences is a 3D tensor (samples, timesteps, features) with time on axis 1: a Keras "
              "LSTM returns (samples, timesteps, units) and a change at step t affects its outputs only from step "
              "t on along axis 1.",
    sources=(Source(D003, "2.2.10 Time series Data or Sequence Data", (397, 399),
                    "Each sample can be encoded as a sequence of vectors (a 2D tensor), and thus a batch of data "
                    "will be encoded as a 3D tensor - The time axis is always the second axis (axis of index 1), by "
                    "convention"),),
    kind=Kind.IDENTITY, topic="keras",
    metric="output shape; max output change before the perturbed step; 1 if the perturbed step is unchanged",
    direction="holds", tolerance=0.0, experiment=time_axis_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: (3, 10, 16); outputs before the perturbed step bit-identical",
    notes="'Always' is Keras' convention: PyTorch's nn.LSTM defaults to batch_first=False, time on axis 0 "
          "(noted in the result).",
)
