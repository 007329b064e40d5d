"""L1 and L2 weight penalties (001, "Weight Regularization (L2/L2): math", "L2 regularization in
practice", "L1 regularization in practice", lines 1772-1953).

The document's model is ANNiris = 4-64-ReLU-64-ReLU-3 with SGD lr .005: L2 through SGD's
weight_decay=L2lambda (l.1851), L1 as ``L1lambda * sum|w| / nweights`` over the weights only
(l.1889-1920). [nb] the notebooks: batch 64 with drop_last on 120 training rows (one step per epoch),
1000 epochs, test_size .2, L2 lambdas linspace(0, .1, 10), L1 lambdas linspace(0, .005, 10).
"""
import torch

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import BatchedMLP, TrainConfig
from harness.training.experiments import fit
from harness.recipes.small_problems import iris_sets
from harness.declaring.vague_words import VAGUE

DOC = "001_21bdbe3614939729.txt"
IRIS_NET = (4, 64, 64, 3)
L2_CODE = Source(DOC, "L2 regularization in practice", (1851, 1851),
                 "optimizer = torch.optim.SGD(ANNiris.parameters(),lr=.005,weight_decay=L2lambda)")
L1_CODE = Source(DOC, "L1 regularization in practice", (1891, 1920),
                 "nweights = 0 ... if 'bias' not in pname: ... nweights = nweights + weight.numel() ... "
                 "L1_term = L1_term + torch.sum(torch.abs(weight)) ... loss = loss + L1lambda*L1_term/nweights")


def l2_penalty(scale):
    """scale * sum of squares of ALL parameters (biases included), per model: (K,)."""
    return lambda m: scale * sum(q.pow(2).flatten(1).sum(1) for q in m.parameters())


def l1_penalty(lam, per_weight_mean=True):
    """The document's L1 term over the weights only; divided by nweights as the document does, or not."""
    def penalty(m):
        total = sum(w.abs().flatten(1).sum(1) for w in m.weights)
        n = sum(w[0].numel() for w in m.weights)
        return lam * total / n if per_weight_mean else lam * total
    return penalty


def iris_config(s, **kw):
    return TrainConfig(epochs=s["epochs"], lr=0.005, batch_size=64, drop_last=True, optimizer="sgd", **kw)


def max_param_gap(a, b):
    """(K,) max |difference| over all parameters of two BatchedMLPs."""
    return torch.stack([(p - q).abs().flatten(1).max(1).values for p, q in zip(a.parameters(), b.parameters())]).max(0).values


# ----------------------------------------------------------------- weight_decay = (lambda/2) ||p||^2
def double(xy):
    return xy[0].double(), xy[1]


def weight_decay_errors(ctx):
    s = ctx.sizes
    train = double(iris_sets(ctx)[0])
    errors = []
    for lam in (0.01, 0.1):
        runs = {name: fit(ctx, IRIS_NET, *train, iris_config(s, **kw), dtype=torch.float64).model
                for name, kw in (("decay", {"weight_decay": lam}), ("half", {"penalty": l2_penalty(lam / 2)}),
                                 ("full", {"penalty": l2_penalty(lam)}))}
        errors += max_param_gap(runs["decay"], runs["half"]).tolist()                  # identical
        errors.append(0.0 if max_param_gap(runs["decay"], runs["full"]).min() > 1e-6 else 1.0)  # without 1/2: differs
    return {"error": errors}


WEIGHT_DECAY = Claim(
    id="sgd-weight-decay-equals-half-lambda-l2-penalty",
    statement="SGD's weight_decay=lambda trains exactly as adding (lambda/2) * sum of squared parameters "
              "(biases included) to the loss; adding lambda * sum of squares (no 1/2) does not.",
    sources=(L2_CODE,), kind=Kind.IDENTITY, topic="regularization",
    metric="max |parameter difference| after training, float64, per seed and lambda in {.01, .1}; "
           "0/1 check that the penalty without 1/2 differs",
    direction="holds", tolerance=1e-10, experiment=weight_decay_errors,
    sizes={"smoke": {"seeds": 2, "epochs": 20}, "ci": {"seeds": 3, "epochs": 100}, "full": {"seeds": 5, "epochs": 1000}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 3 seeds, 100 epochs, float64): max parameter gap 5.6e-17; the penalty without 1/2 differs in every seed",
    notes="Iris, the document's 4-64-64-3 and SGD lr .005, batch 64 with drop_last [nb], same init and order "
          "for both arms. weight_decay adds lambda * p to every gradient, which is the gradient of (lambda/2)||p||^2.",
)


# ----------------------------------------------------------------- the L1 term
def l1_count_errors(ctx):
    model = BatchedMLP(IRIS_NET, [ctx.look_seed("init")], dtype=torch.float64, device=ctx.device)
    nweights = sum(w[0].numel() for w in model.weights)
    total = model.n_parameters()
    errors = [abs(nweights - 4544), abs(total - 4675)]
    lam = 0.005
    l1_penalty(lam)(model).sum().backward()
    errors += [(w.grad - lam * torch.sign(w) / nweights).abs().max().item() for w in model.weights]
    errors += [b.grad.abs().max().item() if b.grad is not None else 0.0 for b in model.biases]
    return {"error": errors}


L1_COUNT = Claim(
    id="document-l1-term-is-mean-abs-weight-biases-excluded",
    statement="For the 4-64-64-3 iris net the document's nweights is 4,544 (4,675 parameters with biases), and "
              "its L1 term's gradient is lambda * sign(w) / 4544 for every weight and exactly 0 for every bias.",
    sources=(L1_CODE,), kind=Kind.IDENTITY, topic="regularization",
    metric="|count - stated|; max |autograd - lambda sign(w)/nweights|; max |bias gradient|",
    direction="holds", tolerance=1e-15, experiment=l1_count_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured: 4,544 and 4,675 exactly; gradients match lambda sign(w)/4544 exactly, bias gradients 0",
)


def l1_negligible(ctx):
    """Per seed: test accuracy with and without the document's L1 term (same init and order); the max
    parameter shift relative to the unpenalised weights' rms stored beside."""
    s = ctx.sizes
    train, test = map(double, iris_sets(ctx))
    base = fit(ctx, IRIS_NET, *train, iris_config(s), evals={"test": test}, dtype=torch.float64)
    l1 = fit(ctx, IRIS_NET, *train, iris_config(s, penalty=l1_penalty(s["lam"])), evals={"test": test},
             dtype=torch.float64)
    rms = torch.cat([w.flatten(1) for w in base.model.weights], 1).pow(2).mean(1).sqrt()
    gap = max_param_gap(base.model, l1.model)
    return {"l1_test_accuracy": l1["test"].tolist(), "no_penalty_test_accuracy": base["test"].tolist(),
            "l1_relative_weight_shift": (gap / rms).tolist(),
            "max_abs_shift": gap.tolist(), "weight_rms_no_penalty": rms.tolist()}


L1_NEGLIGIBLE = Claim(
    id="document-l1-penalty-is-negligible",
    redesigned="2026-12-04: decided over seeds (TOST on test accuracy, 'negligible' = 0.01) instead of an identity on the worst seed's weight shift (flipped between seed families); a relative-weight-shift design tried in between was INCONCLUSIVE on 424242. Confirmed on unseen seed family 777001: SUPPORTED.",
    statement="With the document's L1 term (lambda * mean |w|) at the largest lambda of its sweep (.005), SGD lr "
              ".005 and 1000 one-step epochs, the penalty is negligible: test accuracy on the 30 held-out rows is "
              "the same as the unpenalised run's (same init and order) to within 1 point, decided over seeds.",
    sources=(L1_CODE, Source(DOC, "L1 regularization in practice", (1953, 1953),
                             "Regularisation doesn't always have a positive impact on relatively simple models "
                             "and relatively small data sets.")),
    kind=Kind.EQUIVALENCE, topic="regularization", metric="test accuracy (fraction), 30 held-out iris rows",
    arms=("l1_test_accuracy", "no_penalty_test_accuracy"), direction="equivalent",
    delta=VAGUE["negligible"].delta, experiment=l1_negligible,
    sizes={"smoke": {"seeds": (12,), "epochs": 200, "lam": 0.005}, "ci": {"seeds": (12, 24), "epochs": 1000, "lam": 0.005},
           "full": {"seeds": (20, 40), "epochs": 1000, "lam": 0.005}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): test accuracy 0.972 with and without L1, difference 0 in every seed; "
                  "seed family 424242: 0 in 12 of 12 (0.972); 777001: 0 in 12 of 12 (0.975). Weights do move: "
                  "max shift 0.01%-0.42% of the rms (default family), up to 4.2% in one seed of 424242",
    document_figures={"l1_lambda_max": 0.005, "nweights": 4544, "lr": 0.005, "epochs": 1000},
    notes="'Negligible' is the vague-word table's 1% of the compared quantity (here test accuracy: +-0.01). Per "
          "step the L1 term moves a weight by lr * lambda / nweights = 5.5e-9, at most 5.5e-6 over 1000 steps, "
          "plus what training does with that change. Design history (2026-12-04): the first design, an "
          "identity claim that every seed's weights stay within an absolute 1e-4, hinged on the worst of 12 "
          "random draws (REFUTED on one seed family, SUPPORTED on another). A second design decided the "
          "relative weight shift over seeds against 1%: SUPPORTED on the default family, INCONCLUSIVE on "
          "424242, where one seed's trajectory diverged (shift 4.2% of the rms; training amplifies any tiny "
          "change, as it would a rounding difference), so the weights are the wrong measure of 'matters'. "
          "The third and pinned design decides test accuracy over seeds; weight shifts are stored beside "
          "(l1_relative_weight_shift). Because 424242 had been seen, it is confirmed on the unseen seed "
          "family 777001: supported (12 seeds, every difference 0).",
)


# ----------------------------------------------------------------- shapes of the penalties
def shrink_errors(ctx):
    g = torch.Generator().manual_seed(ctx.look_seed("w"))
    w0 = torch.randn(1000, dtype=torch.float64, generator=g) * torch.logspace(-4, 1, 1000, dtype=torch.float64)
    lr, lam = 0.1, 0.05
    errors = []
    for kind, penalty, expected_grad in (("l2", lambda w: lam * (w ** 2).sum(), lambda w: 2 * lam * w),
                                         ("l1", lambda w: lam * w.abs().sum(), lambda w: lam * torch.sign(w))):
        w = w0.clone().requires_grad_(True)
        penalty(w).backward()
        errors.append((w.grad - expected_grad(w0)).abs().max().item())
        step = lr * w.grad
        if kind == "l2":                                   # same relative shrink 2 lr lam for every weight
            errors.append(((step / w0) - 2 * lr * lam).abs().max().item())
            big, small = w0.abs() > 1, w0.abs() < 1e-2     # absolute shrink larger for larger weights
            errors.append(0.0 if step[big].abs().min() > step[small].abs().max() else 1.0)
        else:                                              # same absolute shrink lr lam for every weight
            errors.append((step.abs() - lr * lam).abs().max().item())
    z = torch.zeros(3, requires_grad=True, dtype=torch.float64)
    z.abs().sum().backward()
    errors.append(z.grad.abs().max().item())               # subgradient at 0 is 0
    return {"error": errors}


L2_SHRINK = Claim(
    id="l2-shrinks-every-weight-by-same-factor",
    statement="One gradient step on the L2 term lambda * sum w^2 shrinks every weight by the same factor "
              "(1 - 2 lr lambda): large weights lose more in absolute terms, but no nonzero weight escapes "
              "shrinking. On the L1 term lambda * sum |w| every nonzero weight moves by the same lr * lambda "
              "(constant slope; PyTorch's subgradient at 0 is 0).",
    sources=(Source(DOC, "The difference between L1 and L2", (1780, 1786),
                    "the weights are going to shrink, but the large weights are going to shrink a lot more. ... "
                    "And the small weights maybe, you know, they might not even shrink at all. ... This is "
                    "actually just the absolute value of the weight term. So that means the slope of this line "
                    "is the same everywhere."),),
    kind=Kind.IDENTITY, topic="regularization",
    metric="max |autograd - closed form|, max |relative shrink - 2 lr lambda| (L2), max ||step| - lr lambda| "
           "(L1), 0/1 ordering check, float64, 1000 weights spanning 1e-4..10",
    direction="holds", tolerance=1e-12, experiment=shrink_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured: all errors <= 1.7e-18 (float64)",
    notes="'Small weights might not even shrink at all' is wrong for L2 in relative terms (every weight "
          "shrinks by the same proportion) and only loosely true in absolute terms (the shrink is tiny).",
)


# ----------------------------------------------------------------- empirical: norms and iris accuracy
def weight_norms(ctx):
    s = ctx.sizes
    train, _ = iris_sets(ctx)
    out = {}
    for arm, wd in (("with_l2", s["weight_decay"]), ("without", 0.0)):
        m = fit(ctx, IRIS_NET, *train, iris_config(s, weight_decay=wd)).model
        out[arm + "_norm"] = sum(w.detach().pow(2).flatten(1).sum(1) for w in m.weights).sqrt()
    out["norm_ratio"] = out["with_l2_norm"] / out["without_norm"]
    out["one"] = torch.ones_like(out["norm_ratio"])
    return out


L2_NEAR_ZERO = Claim(
    id="l2-weight-decay-keeps-weights-smaller",
    statement="Training the document's iris net with L2 (SGD weight_decay .1, the top of its range) ends with "
              "a weight norm at least 5% smaller than the same training without it.",
    sources=(Source(DOC, "Loss regularization", (1447, 1447),
                    "`Something(L1/2)` makes sure that the weights are staying in a reasonable range that's "
                    "relatively close to zero."), L2_CODE),
    kind=Kind.COMPARATIVE, topic="regularization",
    metric="L2 norm of all weights with weight decay / without (same init and order)", arms=("norm_ratio", "one"),
    direction="less", delta=0.05, experiment=weight_norms,
    sizes={"smoke": {"seeds": (12,), "epochs": 200, "weight_decay": 0.1},
           "ci": {"seeds": (12, 24), "epochs": 1000, "weight_decay": 0.1},
           "full": {"seeds": (20, 40), "epochs": 1000, "weight_decay": 0.1}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): weight-norm ratio 0.64, i.e. -0.360 [-0.361, -0.360] below 1",
)


def penalty_accuracy(kind):
    def experiment(ctx):
        s = ctx.sizes
        train, test = iris_sets(ctx)
        kw = {"weight_decay": s["lam"]} if kind == "l2" else {"penalty": l1_penalty(s["lam"], per_weight_mean=False)}
        return {"regularized": fit(ctx, IRIS_NET, *train, iris_config(s, **kw), evals={"test": test})["test"],
                "none": fit(ctx, IRIS_NET, *train, iris_config(s), evals={"test": test})["test"]}
    return experiment


L2_NOT_HELPING = Claim(
    id="l2-no-clear-effect-iris-small-model",
    statement="On iris with the document's 4-64-64-3 net (SGD lr .005, batch 64, 1000 epochs), L2 weight decay "
              "at .1 (the top of its range) changes test accuracy by less than 3 points.",
    sources=(Source(DOC, "L2 regularization in practice", (1862, 1866),
                    "the L2 regularization certainly isn't really helping model performance, but whether it's "
                    "actually hurting or not within this range, ... it's not super duper clear in this case "
                    "because we have a relatively simple model and we don't have a lot of data."),),
    kind=Kind.EQUIVALENCE, topic="regularization", metric="test accuracy (fraction), 30 held-out iris rows",
    arms=("regularized", "none"), direction="equivalent", delta=0.03, experiment=penalty_accuracy("l2"),
    sizes={"smoke": {"seeds": (16,), "epochs": 200, "lam": 0.1}, "ci": {"seeds": (16,), "epochs": 1000, "lam": 0.1},
           "full": {"seeds": (20, 40, 80), "epochs": 1000, "lam": 0.1}},
    expect=Verdict.INCONCLUSIVE,
    expect_reason="measured (ci, 16 seeds in one look): L2 (.1) - none = -0.033 [-0.062, -0.019], p = .58, "
                  "p_refute = .86: L2 hurts by about 3 points, the CI straddles the -3-point bound (the earlier "
                  "48-seed schedule measured -0.033 [-0.047, -0.024], also inconclusive)",
)

L1_NOT_HELPING = Claim(
    id="l1-no-clear-effect-iris-small-model",
    statement="On iris with the document's 4-64-64-3 net, an L1 penalty that is not negligible (lambda .005 per "
              "weight, i.e. without the document's division by nweights) changes test accuracy by less than 3 points.",
    sources=(Source(DOC, "L1 regularization in practice", (1953, 1953),
                    "Regularisation doesn't always have a positive impact on relatively simple models and "
                    "relatively small data sets."),),
    kind=Kind.EQUIVALENCE, topic="regularization", metric="test accuracy (fraction), 30 held-out iris rows",
    arms=("regularized", "none"), direction="equivalent", delta=0.03, experiment=penalty_accuracy("l1"),
    sizes={"smoke": {"seeds": (16,), "epochs": 200, "lam": 0.005}, "ci": {"seeds": (16, 48, 96, 192), "epochs": 1000, "lam": 0.005},
           "full": {"seeds": (20, 40, 80), "epochs": 1000, "lam": 0.005}},
    redesigned='2026-12-07: ci looks (16, 48) -> (16, 48, 96, 192), the uniform remedy for claims whose verdict differed between the seed families default/7/12345 (looks added, each doubling the last planned one, up to 4x its seeds). Why: verdict differed between seed families 7/12345/default: power (mostly-zero differences of one test row). Arms, metric, direction, delta and data unchanged. Confirmed on seed family 31337 (never used by the suite): supported at 48 seeds, +0 [-0.002778, 0.002778].',
    expect=Verdict.SUPPORTED,
    expect_reason='measured supported (ci, 96 seeds): -0.001736 [-0.004167, 0.0006944]; seed family 7: -0.0006944 [-0.002778, 0.001042] at 96 seeds, supported; seed family 12345: -0.002431 [-0.004861, 0.0003472] at 96 seeds, supported; seed family 31337: +0 [-0.002778, 0.002778] at 48 seeds, supported. Earlier: measured (ci, 48 seeds): L1 - none = -0.001 [-0.004, 0.003], inside +-0.03',
    notes="The document's own L1 runs cannot show anything (see document-l1-penalty-is-negligible), so this "
          "claim applies the penalty at a strength that acts.",
)
