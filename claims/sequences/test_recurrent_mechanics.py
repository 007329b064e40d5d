"""Recurrent networks, mechanics (004, lecture 13 "Recurrent Neural Networks", file line 14, and
lecture 14 "Using RNN's for Sentiment Analysis", line 15): the bounded tanh state, recency in an
untrained RNN's gradients, truncated backpropagation through time, the cost of unrolling, GRU vs
LSTM parameter counts and speed, and the document's IMDB model's size as PyTorch counts it.

PyTorch modules (``harness.training.Net`` specs and their ``nn`` references); no data are needed
beyond random inputs. Keras' own counts of the same layers (one LSTM bias, 131,584 for LSTM(128))
and ``pad_sequences`` are tested in claims/keras/ (helper h003a), not repeated here.
"""
import math

import torch

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.running.device import Clock
from harness.training.engine import TrainConfig
from harness.recipes.sequence_tasks import first_step_task, fit_net
from harness.recipes.shared_runs import shared_experiment
from harness.training import GRU, LSTM, RNN, Embedding, Linear, Net
from harness.declaring.vague_words import VAGUE

DOC = "004_2947cf972490c874.txt"
L13 = "13. Recurrent Neural Networks"
L14 = "14. Using RNN's for Sentiment Analysis"
REL = VAGUE["better (relative)"].delta
LOG_REL = math.log10(1 + REL)          # a 10% change, on a log10 scale


def inputs(ctx, seed, shape, stream="data"):
    return torch.randn(*shape, generator=ctx.generator(seed, stream)).to(ctx.device)


# ----------------------------------------------------------------- tanh keeps the state bounded
def tanh_bounded(ctx):
    s = ctx.sizes
    T, F, H = s["steps"], 8, 64
    errors, growth = [], []
    for seed in ctx.seeds:
        x = inputs(ctx, seed, (32, T, F))
        norms = {}
        for act in ("tanh", "relu"):
            ref = Net((T, F), [RNN(H, return_sequences=True, nonlinearity=act)]).reference(seed, device=ctx.device)
            with torch.no_grad():
                w = ref[0].rnn.weight_hh_l0
                w.mul_(s["radius"] / torch.linalg.eigvals(w).abs().max())   # same spectral radius for both
                h = ref(x)
            norms[act] = h
        errors.append(max(0.0, norms["tanh"].abs().max().item() - 1.0))   # |h| <= 1 at every step
        relu = norms["relu"].norm(dim=-1).mean(0)
        growth.append(float(relu[-1] / relu[s["early"] - 1]))
    # ReLU's growth depends on the draw of the recurrent weights (a complex or negative leading
    # eigenvalue is cut by the ReLU), so it is recorded beside the check, not decided as an identity.
    ctx.note("relu_state_norm_growth_step_200_over_step_20", growth)
    return {"error": errors}


TANH_BOUNDED = Claim(
    id="rnn-tanh-bounded-hidden-state",
    statement="A recurrent layer with tanh keeps its hidden state within [-1, 1] at every one of 200 steps, even "
              "with its recurrent weights scaled to spectral radius 2 (the same layer with ReLU is run beside it "
              "and its state growth recorded).",
    sources=(Source(DOC, L13, (14, 14), "we're gonna be drawing something more like a hyperbolic tangent because "
                    "mathematically, you want to make sure that we preserve some of the information coming in and "
                    "more of a smooth manner"),),
    kind=Kind.IDENTITY, topic="sequences",
    metric="max(0, max|h_tanh| - 1) per seed",
    direction="holds", tolerance=0.0, experiment=tanh_bounded,
    sizes={"smoke": {"seeds": 2, "steps": 200, "early": 20, "radius": 2.0},
           "ci": {"seeds": 5, "steps": 200, "early": 20, "radius": 2.0},
           "full": {"seeds": 10, "steps": 200, "early": 20, "radius": 2.0}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 5 seeds): tanh state within [-1, 1] everywhere, in the default family and families 7 and 12345",
    redesigned="2026-12-07 (lead's review): the first design also required the ReLU state to grow 1000x in every "
               "seed; seed family 12345 drew a recurrent matrix whose ReLU state did not, so that part depended "
               "on the draw (an 'identity' decided by luck) and the quote never states it. The ReLU growth is now "
               "recorded beside the tanh check; confirmed on families 7 and 12345.",
    notes="nn.RNN(8, 64) with PyTorch's default init, the recurrent weight rescaled to spectral radius 2 for "
          "both activations; batch 32 of N(0, 1) inputs. The document's reason ('preserve information in a "
          "smooth manner') is its own; what is checked is the boundedness tanh gives and ReLU does not.",
)


# ----------------------------------------------------------------- recency: the earliest inputs matter least
def input_sensitivity(ctx):
    """Per seed, log10 of the gradient norm of the last step's summed state w.r.t. the last and the
    first input step, for an untrained tanh RNN (PyTorch's default init)."""
    s = ctx.sizes
    T, F, H = s["steps"], 8, 64
    last, first = [], []
    for seed in ctx.seeds:
        ref = Net((T, F), [RNN(H)]).reference(seed, device=ctx.device)
        x = inputs(ctx, seed, (32, T, F)).requires_grad_(True)
        ref(x).sum().backward()
        g = x.grad.norm(dim=(0, 2))
        last.append(math.log10(g[-1].item()))
        first.append(math.log10(max(g[0].item(), 1e-300)))
    return {"last_step_log10_sensitivity": last, "first_step_log10_sensitivity": first}


RECENCY = Claim(
    id="rnn-recency-dilution",
    statement="In a plain tanh recurrent layer the latest input influences the output more than the earliest "
              "one: over 50 steps, the gradient of the final state w.r.t. the last input step is more than 10% "
              "larger than w.r.t. the first (compared on a log10 scale).",
    sources=(Source(DOC, L13, (14, 14), "one property of memory cells is that more recent behaviour tends to have "
                    "more of an influence on the current behavior that you get out of a recurrent neuron, and this "
                    "could be a problem in some applications."),),
    kind=Kind.COMPARATIVE, topic="sequences", metric="log10 ||d sum(h_T) / d x_t|| (batch 32), t = T vs t = 1",
    arms=("last_step_log10_sensitivity", "first_step_log10_sensitivity"), direction="greater", delta=LOG_REL,
    experiment=input_sensitivity,
    sizes={"smoke": {"seeds": (12,), "steps": 50}, "ci": {"seeds": (12, 24), "steps": 50},
           "full": {"seeds": (20, 40), "steps": 50}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): log10 sensitivity last step - first step = +12.66 [11.99, 13.12] (the first step's gradient is ~1e-12 of the last's); seed family 1009: +12.36 [11.48, 12.90]",
    notes="nn.RNN(8, 64, tanh), PyTorch's default init, untrained: the dilution the lecture draws is a property of "
          "the recurrence (repeated multiplication by the recurrent Jacobian), present before any training. "
          "delta: 'more of an influence' read as the vague-word table's 10% relative change (log10 1.1).",
)


# ----------------------------------------------------------------- truncated BPTT
def truncated_bptt(ctx):
    s = ctx.sizes
    T, k = s["steps"], s["window"]
    errors = []
    for seed in ctx.seeds:
        torch.manual_seed(seed)
        cell = torch.nn.RNNCell(4, 16).to(ctx.device)
        x = inputs(ctx, seed, (T, 8, 4)).requires_grad_(True)
        h = torch.zeros(8, 16, device=ctx.device)
        for t in range(T):
            if t % k == 0:
                h = h.detach()             # cut the graph: no gradient flows back past this step
            h = cell(x[t], h)
        h.sum().backward()
        g = x.grad.abs().sum(dim=(1, 2))
        cut = (T - 1) // k * k              # first step of the last window
        errors.append(g[:cut].max().item())                       # exactly zero before the window
        errors.append(0.0 if bool((g[cut:] > 0).all()) else 1.0)   # non-zero inside it
    return {"error": errors}


TRUNCATED = Claim(
    id="truncated-bptt-zero-gradient-beyond-window",
    statement="Truncating backpropagation through time to a window of 20 steps (detaching the state every 20 "
              "steps of 60) makes the loss's gradient exactly zero for every input before the last window, and "
              "non-zero inside it.",
    sources=(Source(DOC, L13, (14, 14), "When we limit the back propagation to a limited number of time steps, we "
                    "call this truncated back propagation through time."),),
    kind=Kind.IDENTITY, topic="sequences",
    metric="max |dL/dx_t| before the window; 0/1 any step inside it without gradient",
    direction="holds", tolerance=0.0, experiment=truncated_bptt,
    sizes={"smoke": {"seeds": 1, "steps": 60, "window": 20}, "ci": {"seeds": 3, "steps": 60, "window": 20},
           "full": {"seeds": 5, "steps": 60, "window": 20}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 3 seeds): gradients exactly 0 before step 40, non-zero on steps 40-59",
)


# ----------------------------------------------------------------- the cost of unrolling
def fwd_bwd_seconds(ctx, module, x, reps):
    """Median CPU (or synchronised CUDA) seconds of one forward+backward."""
    times = []
    for _ in range(reps + 1):
        module.zero_grad(set_to_none=True)
        with Clock(ctx.device) as c:
            module(x).float().sum().backward()
        times.append(c.seconds)
    times = sorted(times[1:])                    # the first call warms up
    return times[len(times) // 2]


def unroll_cost(ctx):
    s = ctx.sizes
    long_, short = [], []
    for seed in ctx.seeds:
        out = {}
        for T in (s["short"], s["long"]):
            ref = Net((T, 16), [LSTM(64)]).reference(seed, device=ctx.device)
            out[T] = fwd_bwd_seconds(ctx, ref, inputs(ctx, seed, (32, T, 16)), s["reps"])
        long_.append(math.log10(out[s["long"]]))
        short.append(math.log10(out[s["short"]]))
    ctx.note("time_ratio_long_over_short_median", float(10 ** sorted(a - b for a, b in zip(long_, short))[len(short) // 2]))
    return {"long_log10_seconds": long_, "short_log10_seconds": short}


BPTT_COST = Claim(
    id="bptt-cost-grows-with-sequence-length",
    measures_time=True,
    statement="Each time step acts as another layer to backpropagate through, so one gradient step of an LSTM(64) "
              "costs more on 200-step sequences than on 25-step ones (by more than 10%).",
    sources=(Source(DOC, L13, (14, 14), "every one of those times steps ends up looking like another layer in our "
                    "neural network ... the cost of actually performing Grady and dissent on that increasingly deep "
                    "neural network becomes increasingly large."),),
    kind=Kind.COMPARATIVE, topic="sequences", metric="log10 CPU seconds of one forward+backward (batch 32), median of reps",
    arms=("long_log10_seconds", "short_log10_seconds"), direction="greater", delta=LOG_REL, experiment=unroll_cost,
    sizes={"smoke": {"seeds": (11,), "short": 25, "long": 200, "reps": 1},
           "ci": {"seeds": (11, 22), "short": 25, "long": 200, "reps": 1},
           "full": {"seeds": (20, 40), "short": 25, "long": 200, "reps": 5}},
    expect=Verdict.SUPPORTED, expect_reason='measured (ci, 11 seeds): log10 time ratio 200 vs 25 steps = +0.901 [0.886, 0.917] (median ratio 7.8x for 8x the steps: about linear); seed family 1009: +0.825 [0.790, 0.852]',
    notes="nn.LSTM(16, 64), batch 32; 'increasingly large' read as the vague-word table's 10% relative change. "
          "The note time_ratio_long_over_short_median records how the cost grows (about linearly: 8x the steps).",
)


def truncation_cost(ctx):
    """The document's model: Embedding(20000, 128) -> LSTM(128) -> Dense(1), batch 32, one
    forward+backward at maxlen 80 (the document's) vs at an average IMDB review's length (240 tokens)."""
    s = ctx.sizes
    full, cut = [], []
    for seed in ctx.seeds:
        out = {}
        ref = Net((s["maxlen"],), [Embedding(20000, 128), LSTM(128), Linear(1)]).reference(seed, device=ctx.device)
        for T in (s["maxlen"], s["full_length"]):           # the same module runs at any length
            x = torch.randint(1, 20000, (32, T), generator=ctx.generator(seed, "data")).to(ctx.device)
            out[T] = fwd_bwd_seconds(ctx, ref, x, s["reps"])
        full.append(math.log10(out[s["full_length"]]))
        cut.append(math.log10(out[s["maxlen"]]))
    per_batch = 10 ** (sorted(cut)[len(cut) // 2])
    ctx.note("hours_15_epochs_25000_reviews_maxlen80_fwd_bwd_only", per_batch * math.ceil(25000 / 32) * 15 / 3600)
    return {"full_length_log10_seconds": full, "truncated_log10_seconds": cut}


TRUNCATION = Claim(
    id="sequence-truncation-cuts-training-time",
    measures_time=True,
    statement="Truncating reviews to 80 tokens cuts the cost of a training step of the document's model "
              "(Embedding(20000,128) -> LSTM(128) -> Dense(1), batch 32) against 240-token reviews (IMDB's average length), by more than 10%.",
    sources=(Source(DOC, L14, (15, 15), "So that is a way of truncating our back propagation through time. It's "
                    "kind of a low tech way of doing it, but it's effective. Otherwise we would be running this thing "
                    "for days."),),
    kind=Kind.COMPARATIVE, topic="sequences", metric="log10 CPU seconds of one forward+backward, median of reps",
    arms=("full_length_log10_seconds", "truncated_log10_seconds"), direction="greater", delta=LOG_REL,
    experiment=truncation_cost,
    sizes={"smoke": {"seeds": (11,), "maxlen": 80, "full_length": 240, "reps": 1},
           "ci": {"seeds": (11, 22), "maxlen": 80, "full_length": 240, "reps": 1},
           "full": {"seeds": (20, 40), "maxlen": 80, "full_length": 240, "reps": 3}},
    expect=Verdict.SUPPORTED, expect_reason='measured (ci, 11 seeds): log10 time ratio 240 vs 80 tokens = +0.583 [0.568, 0.595] (3.8x for 3x the tokens); forward+backward extrapolated to 15 epochs of 25,000 reviews at maxlen 80: 0.09 h on this CPU; seed family 1009: +0.560 [0.532, 0.584]',
    document_figures={"maxlen": 80, "training_time_hours": 1, "epochs": 15, "batch_size": 32},
    notes="240 tokens stands in for an untruncated IMDB review (about 230 on average; some run to thousands). 'Days' is "
          "not tested: the note hours_15_epochs_25000_reviews_maxlen80_fwd_bwd_only extrapolates this CPU's "
          "forward+backward time (no optimizer step) to the document's 15 epochs, beside its 'about an hour'.",
)


# ----------------------------------------------------------------- GRU vs LSTM size and speed
def gru_lstm_counts(ctx):
    errors = []
    for i, h in ((128, 128), (32, 64), (300, 100)):
        counts = {}
        for name, layer in (("gru", GRU), ("lstm", LSTM)):
            model = Net((10, i), [layer(h)]).build(ctx.stream("init")[:1], device=ctx.device)
            counts[name] = model.n_parameters()
        # PyTorch's documented shapes: G gate blocks of (h x i) + (h x h) weights and two h biases each
        errors.append(abs(counts["gru"] - 3 * (h * i + h * h + 2 * h)))
        errors.append(abs(counts["lstm"] - 4 * (h * i + h * h + 2 * h)))
        errors.append(abs(counts["gru"] / counts["lstm"] - 0.75))
        ctx.note(f"gru_lstm_params_i{i}_h{h}", [counts["gru"], counts["lstm"]])
    return {"error": errors}


GRU_COUNT = Claim(
    id="gru-three-quarters-lstm-params",
    statement="A GRU layer is a simplification of an LSTM layer: 3 gate blocks instead of 4, so exactly 3/4 of "
              "its parameters in PyTorch (i = h = 128: 99,072 against 132,096).",
    sources=(Source(DOC, L13, (14, 14), "There's also an optimization on top of L S T M cells called G R U cells "
                    "that stands for gated recurrent unit. It's just a simplification on Ellis TM cells"),),
    kind=Kind.IDENTITY, topic="sequences",
    metric="|count - 3 or 4 (h i + h h + 2 h)|, |GRU/LSTM - 3/4| for (i, h) in (128,128), (32,64), (300,100)",
    direction="holds", tolerance=0.0, experiment=gru_lstm_counts,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason="measured: counts equal the formulas; ratio exactly 0.75",
    notes="PyTorch keeps two bias vectors per gate block; Keras' LSTM keeps one and its GRU (reset_after=True) "
          "two, so Keras' GRU/LSTM ratio is not exactly 3/4 (Keras-side counts: claims/keras/).",
)


def recurrent_speed(ctx):
    s = ctx.sizes
    lstm, gru = [], []
    for seed in ctx.seeds:
        x = inputs(ctx, seed, (32, s["steps"], 128))
        for arm, layer in ((lstm, LSTM), (gru, GRU)):
            ref = Net((s["steps"], 128), [layer(128)]).reference(seed, device=ctx.device)
            arm.append(math.log10(fwd_bwd_seconds(ctx, ref, x, s["reps"])))
    return {"lstm_log10_seconds": lstm, "gru_log10_seconds": gru}


GRU_FASTER = Claim(
    id="gru-trains-faster-than-lstm",
    measures_time=True,
    statement="A GRU layer takes less time per training step than an LSTM layer of the same size (by more than 10%): "
              "nn.GRU vs nn.LSTM, 128 units, 40 steps, batch 32, forward+backward.",
    sources=(Source(DOC, L13, (14, 14), "So if you need to strike a balance or a compromise between performance in "
                    "terms of how well your model works and performance in the terms of how long it takes to train it, "
                    "Aguiar you sell might be a good choice."),),
    kind=Kind.COMPARATIVE, topic="sequences", metric="log10 CPU seconds of one forward+backward, median of reps",
    arms=("lstm_log10_seconds", "gru_log10_seconds"), direction="greater", delta=LOG_REL, experiment=recurrent_speed,
    sizes={"smoke": {"seeds": (11,), "steps": 40, "reps": 1}, "ci": {"seeds": (11, 22), "steps": 40, "reps": 1},
           "full": {"seeds": (20, 40), "steps": 40, "reps": 5}},
    expect=Verdict.REFUTED, expect_reason='measured (ci, 11 seeds): log10 LSTM time - GRU time = -0.044 [-0.054, -0.024]: on this CPU nn.GRU takes about 11% longer per step than nn.LSTM (fused oneDNN kernels), the opposite of the claim; seed family 1009: -0.081 [-0.091, -0.075]',
    notes="On CPU (oneDNN) the fused kernels decide, not the gate count alone; a CUDA (cuDNN) run may differ and "
          "records its own result. 'How long it takes to train' read as time per step; 10% = the vague-word table.",
)


# ----------------------------------------------------------------- the document's model, PyTorch count
def imdb_model_count(ctx):
    model = Net((80,), [Embedding(20000, 128), LSTM(128), Linear(1)]).build(ctx.stream("init")[:1], device=ctx.device)
    ref = 20000 * 128 + 4 * (128 * 128 + 128 * 128 + 2 * 128) + (128 + 1)
    ctx.note("pytorch_parameters", model.n_parameters())
    return {"error": [abs(model.n_parameters() - 2_692_225), abs(model.n_parameters() - ref)]}


IMDB_COUNT = Claim(
    id="imdb-lstm-param-count",
    statement="The document's sentiment model (Embedding of 20,000 words into 128 dimensions, an LSTM of 128 "
              "units, one sigmoid output) has 2,692,225 parameters as PyTorch builds it (2,560,000 + 132,096 + 129).",
    sources=(Source(DOC, L14, (15, 15), "it's going to create a dense vector of a fixed size of 20,000 words and then "
                    "funnel that into 128 hit and neurons ... they wanna have 128 recurrent neurons in that Ellis TM "
                    "layer"),),
    kind=Kind.IDENTITY, topic="sequences", metric="|engine count - 2,692,225|, |engine count - formula|",
    direction="holds", tolerance=0.0, experiment=imdb_model_count,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason="measured: 2,692,225",
    notes="The document prints no count. PyTorch's LSTM has two bias vectors (132,096); Keras' has one (131,584, "
          "total 2,691,713), checked against Keras itself in claims/keras/ (helper h003a).",
)


# ----------------------------------------------------------------- long-range memory: LSTM vs RNN vs GRU
@shared_experiment("lstm-beats-rnn-on-long-range-memory")
def memory_task(ctx):
    """Per seed: test accuracy of RNN, LSTM and GRU (32 units, Keras' initialisers) on the first-step
    memory task: the label is carried only by the first of T steps, noise follows."""
    s = ctx.sizes
    T = s["steps"]
    X, y = first_step_task(ctx, s["n_train"] + s["n_test"], T)
    tr, te = slice(0, s["n_train"]), slice(s["n_train"], None)
    cfg = TrainConfig(epochs=s["epochs"], lr=3e-3, batch_size=64, optimizer="adam", loss="bce_logits")
    out = {}
    for name, layer in (("rnn", RNN), ("lstm", LSTM), ("gru", GRU)):
        net = Net((T, 2), [layer(32, init="keras"), Linear(1)], init="glorot_uniform")
        _, hist = fit_net(ctx, net, X[:, tr], y[:, tr], cfg, evals={"test": (X[:, te], y[:, te])})
        out[f"{name}_test_accuracy"] = hist.final("test").tolist()
    return out


MEMORY_SIZES = {"smoke": {"seeds": (12,), "steps": 20, "n_train": 256, "n_test": 256, "epochs": 1},
                "full": {"seeds": (20, 40), "steps": 100, "n_train": 2000, "n_test": 1000, "epochs": 50}}
MEMORY_SKIP_CI = {"ci": "100-step sequences for three recurrent cells cost minutes of CPU (the engine runs each "
                        "seed's fused cell; GRU is ~3x slower than LSTM on CPU); at 40 steps, affordable here, the "
                        "plain RNN still remembers (measured while designing), so a shorter run would not test the claim"}
MEMORY_REDESIGNED = ("2026-12-07: full epochs 10 -> 50 after the first measured run, in which the LSTM and the GRU "
                     "stayed at chance on all 20 seeds while the plain RNN solved 4 (LSTM minus RNN -0.097 "
                     "[-0.204, -0.020]): a gated cell that never leaves chance may only be undertrained. Arms, metric, "
                     "direction, delta, seeds and data unchanged. Run on seed family 4099, never used for these claims: "
                     "there 'LSTM beats RNN' came out refuted where the default family is inconclusive, so the "
                     "families disagree and the full verdicts are pinned inconclusive.")
MEMORY_NOTES = ("First-step task: step 0 holds the label as +-1, steps 1..99 hold N(0, 1) noise in another channel; "
                "32 units, Keras' initialisers (glorot, orthogonal recurrent weights, LSTM forget bias 1), Adam 3e-3, "
                "batch 64, 50 epochs of 2,000 sequences (1,600 Adam steps), 1,000 test sequences. While designing (12 seeds, 40 steps, "
                "8 epochs, PyTorch-style zero forget bias) the RNN reached 0.96 and the LSTM stayed at 0.5, and with "
                "Keras' forget bias 1 both reached about 0.95: the task must be long for the claim to apply.")

LSTM_VS_RNN = Claim(
    id="lstm-beats-rnn-on-long-range-memory",
    statement="Where the early part of a sequence matters, an LSTM beats a plain RNN: on 100-step sequences whose "
              "label is given only at the first step, the LSTM's test accuracy is much higher (by more than 5 points).",
    sources=(Source(DOC, L13, (14, 14), "if you're dealing with a sequence of data where you don't want to give "
                    "preferential treatment to more recent data, you probably want to use an L S T M cell instead of "
                    "just using a straight up r n n."),),
    kind=Kind.COMPARATIVE, topic="sequences", metric="test accuracy (fraction)",
    arms=("lstm_test_accuracy", "rnn_test_accuracy"), direction="greater", delta=VAGUE["much better"].delta,
    experiment=memory_task, sizes=MEMORY_SIZES, requires=MEMORY_SKIP_CI, redesigned=MEMORY_REDESIGNED,
    expect=Verdict.INCONCLUSIVE, expect_reason="measured inconclusive (full, 40 seeds): -0.0246 [-0.1186, 0.06936]; "
                  "means lstm_test_accuracy 0.6577, rnn_test_accuracy 0.6823; seed family 4099: -0.148 [-0.2443, "
                  "-0.04577] at 40 seeds, refuted. Trained 50 epochs, each cell either solves the task (0.93-1.0) or "
                  "stays at chance: the LSTM solved 12 and 10 of 40 seeds, the RNN 15 and 22. No family shows the LSTM "
                  "ahead; the all-or-nothing seeds leave the default family undecided, so the families disagree "
                  "(published inconclusive). At 10 epochs (the first run) neither gated cell had left chance",
    notes=MEMORY_NOTES,
)

GRU_AS_GOOD = Claim(
    id="gru-almost-as-good-as-lstm-on-long-range-memory",
    statement="A GRU performs almost as well as an LSTM: on the 100-step first-step memory task their test "
              "accuracies are within 2 points.",
    sources=(Source(DOC, L13, (14, 14), "It's just a simplification on Ellis TM cells that performs almost a swell."),),
    kind=Kind.EQUIVALENCE, topic="sequences", metric="test accuracy (fraction)",
    arms=("gru_test_accuracy", "lstm_test_accuracy"), direction="equivalent", delta=VAGUE["basically the same"].delta,
    experiment=memory_task, sizes=MEMORY_SIZES, requires=MEMORY_SKIP_CI, redesigned=MEMORY_REDESIGNED,
    expect=Verdict.INCONCLUSIVE, expect_reason="measured inconclusive (full, 40 seeds): -0.1035 [-0.1885, -0.02146]; "
                  "means gru_test_accuracy 0.5542, lstm_test_accuracy 0.6577; seed family 4099: -0.07075 [-0.1556, "
                  "0.0085] at 40 seeds, inconclusive. The GRU solved the task on 3 and 4 of 40 seeds, the LSTM on 12 and "
                  "10: the GRU trails by 7-10 points, not decisively beyond the 2-point margin at alpha. At 10 epochs "
                  "(the first run) both sat at chance on every seed, an equivalence of two nets that had not learned",
    notes=MEMORY_NOTES + " 'Almost as well' = the vague-word table's 'basically the same'.",
)

HARD_TO_TRAIN = Unexecutable(
    id="rnns-sensitive-to-topology-and-hyperparameters",
    statement="Recurrent networks are very sensitive to the topology and hyperparameters chosen, are resource "
              "intensive, and with wrong choices may not converge at all.",
    sources=(Source(DOC, L13, (14, 14), "They are very sensitive to the topology is that you choose and the choice of "
                    "hyper parameters. ... you might have a recurrent or a network that doesn't converge it all."),),
    reason="a comparison with no reference point (sensitive compared with what?) over an unbounded space of "
           "choices; not implemented here within the CI budget (a grid of learning rates for a plain RNN against an "
           "MLP of similar size was proposed in the catalog).", topic="sequences")
