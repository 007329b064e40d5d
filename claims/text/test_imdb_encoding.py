"""Document 003's IMDB preparation and the activation slides beside it (3.4.2 multi-hot encoding,
sigmoid and tanh): exact facts, checked in float64 against independent references. (The loss
slides' formulas and code are claimed in claims/workflow/test_slide_formulas.py.)

The multi-hot claim also checks the suite's fast first layer (harness.training.MultiHotDense,
a sum of kernel rows) against the slides' way (vectorize_sequences, then a dense matmul), on the
polarity snippets that stand in for IMDB.
"""
import numpy as np
import torch

from fixtures import text
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.recipes.text_recipes import (NUM_WORDS, imdb_net, polarity_imdb, tensors)

DOC = "003_9348410d8d3ffd8d.txt"
IDENTITY_SIZES = {p: {"seeds": 1} for p in ("smoke", "ci", "full")}


def vectorize_sequences(sequences, dimension=10000):
    """The slides' function (l.917-921), verbatim in NumPy."""
    results = np.zeros((len(sequences), dimension))
    for i, sequence in enumerate(sequences):
        results[i, sequence] = 1.
    return results


def multi_hot_errors(ctx):
    errors = []
    v = vectorize_sequences([[3, 5]])[0]
    errors.append(abs(v.shape[0] - 10_000))
    errors.append(float(np.abs(v - np.isin(np.arange(10_000), [3, 5])).sum()))       # ones at 3 and 5 only
    # counts and order are lost: [5, 3, 3] encodes as [3, 5]
    errors.append(float(np.abs(vectorize_sequences([[5, 3, 3]]) - vectorize_sequences([[3, 5]])).sum()))
    # the fixture's multi_hot (used elsewhere in the suite) equals the slides' function on real snippets
    parts = polarity_imdb(ctx)
    seqs = parts.test[0][:200]
    errors.append(float(np.abs(text.multi_hot(seqs, NUM_WORDS) - vectorize_sequences(seqs)).max()))
    # Dense on the multi-hot vector == the suite's MultiHotDense on the distinct ids (float64)
    _, _, (Xte, _) = tensors(parts)
    net = imdb_net(16, max_ids=Xte.shape[1])
    model = net.build([ctx.look_seed("init")], device=ctx.device, dtype=torch.float64)
    ref = net.reference(ctx.look_seed("init"), device=ctx.device).double()
    ref.load_state_dict(model.reference_state(0))
    x = torch.as_tensor(vectorize_sequences(parts.test[0]), dtype=torch.float64, device=ctx.device)
    first = ref[0].linear(x)                                         # the slides' dense product
    batched_first = model.blocks[0](Xte.to(ctx.device).unsqueeze(0))[0]
    errors.append((first - batched_first).abs().max().item())
    with torch.no_grad():
        errors.append((ref(Xte.to(ctx.device)) - model(Xte.to(ctx.device).unsqueeze(0))[0]).abs().max().item())
    ctx.note("x_test0_first_entries", vectorize_sequences(parts.test[0][:1])[0, :4].tolist())
    return {"error": errors}


MULTI_HOT = Claim(
    id="imdb-multi-hot-vector-ones-at-word-indices",
    statement="vectorize_sequences turns [3, 5] into a 10,000-dimensional vector of 0s with 1s exactly at "
              "indices 3 and 5 (repeats and word order are lost), and a Dense layer on such vectors is the sum "
              "of its kernel rows at the review's distinct word indices plus the bias (checked on 1,662 "
              "polarity snippets standing in for IMDB reviews).",
    sources=(Source(DOC, "3.4.2 Preparing Data: One-hot Encoding", (897, 899),
                    "One-hot encode your lists to turn them into vectors of 0s and 1s - This would mean - turning "
                    "the sequence [3, 5] into a 10,000 dimensional vector that would be all 0s except for indices "
                    "3 and 5, which would be 1s - Then you could use as the first layer in your network a Dense "
                    "layer, capable of handling floating-point vector data"),
             Source(DOC, "3.4.2 Preparing Data: One-hot Encoding", (917, 921),
                    "def vectorize_sequences(sequences, dimension=10000): results = np.zeros((len(sequences), "
                    "dimension)) for i, sequence in enumerate(sequences): results[i, sequence] = 1.")),
    kind=Kind.IDENTITY, topic="text",
    metric="length error; count of wrong entries for [3, 5]; [5, 3, 3] vs [3, 5]; fixture vs slides' function; "
           "max |dense product - row sum| (first layer, whole net), float64",
    direction="holds", tolerance=1e-12, experiment=multi_hot_errors, sizes=IDENTITY_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci: supported, max error 2.78e-17 over 6 cases; family 4242: supported, max error 2.78e-17 over 6 cases)",
    notes="The slides call it one-hot; it is a multi-hot bag of words (several 1s per row, counts and order "
          "dropped). Stand-in: sentence polarity snippets for IMDB (harness.recipes.text_recipes).",
)


# ----------------------------------------------------------------- activation formulas
def activation_errors(ctx):
    x = torch.linspace(-10, 10, 20001, dtype=torch.float64)
    slide_tanh = (1 - torch.exp(-2 * x)) / (1 + torch.exp(-2 * x))
    slide_sigmoid = 1 / (1 + torch.exp(-x))
    xs = x.clone().requires_grad_(True)
    torch.sigmoid(xs).sum().backward()
    errors = [
        (slide_tanh - torch.tanh(x)).abs().max().item(),                    # the slide's formula is tanh
        (slide_sigmoid - torch.sigmoid(x)).abs().max().item(),
        (slide_tanh + slide_tanh.flip(0)).abs().max().item(),               # odd: zero centered
        float(not bool(((slide_tanh > -1) & (slide_tanh < 1)).all())),     # range (-1, 1)
        float(not bool(((slide_sigmoid > 0) & (slide_sigmoid < 1)).all())),  # range (0, 1)
        abs(xs.grad.max().item() - 0.25),                                   # sigmoid' <= 1/4, at 0
        float(not bool(xs.grad[x.abs() >= 10].max() < 5e-5)),              # and vanishes in the tails
    ]
    return {"error": errors}


ACTIVATIONS = Claim(
    id="sigmoid-and-tanh-formulas-ranges-and-sigmoid-gradient",
    statement="The slides' formulas are the sigmoid (range 0 to 1) and tanh (range -1 to 1, odd, so zero "
              "centered); the sigmoid's derivative is at most 1/4 (at 0) and below 5e-5 at |x| = 10, the "
              "vanishing gradient.",
    sources=(Source(DOC, "Sigmoid Activation function", (997, 1003),
                    "$f(x) = 1 / (1 + \\exp(-x))$ - Range is 0 to 1 ... Vanishing gradient problem - Its output "
                    "isn't zero centered"),
             Source(DOC, "Hyperbolic Tangent function", (1015, 1017),
                    "$f(x) = \\frac{1 - \\exp(-2x)}{1 + \\exp(-2x)}$ - Range is -1 to 1 - Output is zero centered")),
    kind=Kind.IDENTITY, topic="text",
    metric="max |slide formula - torch| on [-10, 10]; max |f(x) + f(-x)|; range and derivative checks (0/1), float64",
    direction="holds", tolerance=1e-12, experiment=activation_errors, sizes=IDENTITY_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci: supported, max error 4.44e-16 over 7 cases; family 4242: supported, max error 4.44e-16 over 7 cases)",
)


def tanh_gradient_errors(ctx):
    x = torch.linspace(-10, 10, 20001, dtype=torch.float64, requires_grad=True)
    torch.tanh(x).sum().backward()
    g = x.grad
    closed = 1 - torch.tanh(x.detach()) ** 2
    tails = x.detach().abs() >= 5
    ctx.note("tanh_derivative_at_5", float(closed[tails].max()))
    return {"error": [(g - closed).abs().max().item(),                      # autograd is 1 - tanh^2
                      abs(g.max().item() - 1.0),                            # at most 1, at 0: 4x sigmoid's
                      float(not bool(g[tails].max() < 2e-4))]}             # but it vanishes in the tails


TANH_VANISHING = Claim(
    id="tanh-gradient-vanishes-in-the-tails",
    statement="tanh still suffers from vanishing gradients: its derivative 1 - tanh(x)^2 is at most 1 (at 0, four "
              "times the sigmoid's 1/4) but below 2e-4 once |x| >= 5.",
    sources=(Source(DOC, "Hyperbolic Tangent function", (1018, 1020),
                    "Optimization is easier - In practice, always preferred over Sigmoid - Still, it suffers from "
                    "vanishing gradient problem"),),
    kind=Kind.IDENTITY, topic="text",
    metric="max |autograd - (1 - tanh^2)|; |max derivative - 1|; 0/1: derivative < 2e-4 for |x| >= 5 (float64)",
    direction="holds", tolerance=1e-12, experiment=tanh_gradient_errors, sizes=IDENTITY_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci and family 4242: supported, max error 1.1e-16 over 3 cases)",
    notes="Only the vanishing-gradient part; 'optimization is easier / always preferred' is not tested here.",
)
