"""Document 003's IMDB nets as Keras builds them (Listings 4.3-4.8): parameter counts, and what
regularizers.l2(0.001), l1(0.001) and l1_l2 add to the loss, checked against real Keras 3 (torch
backend) and against the suite's own nets and penalty (harness.recipes.text_recipes), so the stand-in runs
in claims/text train the slides' models.
"""
import numpy as np
import torch

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.recipes.keras_backend import keras
from harness.recipes.text_recipes import NUM_WORDS, imdb_net, l2_kernel_penalty

DOC = "003_9348410d8d3ffd8d.txt"
IDENTITY_SIZES = {p: {"seeds": 1} for p in ("smoke", "ci", "full")}


def keras_imdb(k, width, *, l2=None, dropout=None):
    """The slides' Sequential (Listings 4.3-4.6, 4.8)."""
    reg = k.regularizers.l2(l2) if l2 else None
    layers = [k.Input((NUM_WORDS,)), k.layers.Dense(width, activation="relu", kernel_regularizer=reg)]
    if dropout:
        layers.append(k.layers.Dropout(dropout))
    layers.append(k.layers.Dense(width, activation="relu", kernel_regularizer=reg))
    if dropout:
        layers.append(k.layers.Dropout(dropout))
    layers.append(k.layers.Dense(1, activation="sigmoid"))
    return k.Sequential(layers)


def count_errors(ctx):
    k = keras(ctx)
    variants = {"16 (4.3)": (16, {}), "4 (4.4)": (4, {}), "512 (4.5)": (512, {}),
                "16 + l2(0.001) (4.6)": (16, {"l2": 1e-3}), "16 + Dropout(0.5) (4.8)": (16, {"dropout": 0.5})}
    counts, errors = {}, []
    for name, (width, kw) in variants.items():
        n_keras = keras_imdb(k, width, **kw).count_params()
        ours = imdb_net(width, dropout=kw.get("dropout", 0.0)).build([0], device=ctx.device).n_parameters()
        counts[name] = n_keras
        errors.append(abs(n_keras - ours))                               # the suite's nets are the slides'
    ctx.note("keras_param_counts", counts)
    # weight regularization and dropout keep the number of parameters (l.2005)
    errors.append(abs(counts["16 + l2(0.001) (4.6)"] - counts["16 (4.3)"]))
    errors.append(abs(counts["16 + Dropout(0.5) (4.8)"] - counts["16 (4.3)"]))
    return {"error": errors}


COUNTS = Claim(
    id="imdb-nets-parameter-counts-l2-keeps-count",
    statement="The slides' IMDB nets have 160,305 (16-16-1), 40,029 (4-4-1) and 5,383,681 (512-512-1) "
              "parameters in Keras, the suite's nets the same; L2 weight regularization (and dropout) "
              "reduce complexity without changing the number of parameters.",
    sources=(Source(DOC, "4.4.2 Adding Weight Regularization", (2005, 2006),
                    "How to reduce the complexity of a network (without changing the number of parameters?) - "
                    "Force its weights to take only small values"),
             Source(DOC, "4.4.1 Regularization by Reducing the Network's Size", (1953, 1981),
                    "Listing 4.3 Original model ... Listing 4.4 Version of the model with lower capacity ... "
                    "Listing 4.5 Version of the model with higher capacity")),
    kind=Kind.IDENTITY, topic="text",
    metric="|Keras count_params - suite's count| per listing; |L2 / dropout model count - original's|",
    direction="holds", tolerance=0.0, experiment=count_errors, sizes=IDENTITY_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci: supported, max error 0 over 7 cases; family 4242: supported, max error 0 over 7 cases)",
    document_figures={},
    notes="The slides print no counts; 160,305 = 10,000*16+16 + 16*16+16 + 16+1.",
)


def listing_46_errors(ctx):
    """Listing 4.6 built in Keras with the suite's initial weights: its regularization loss (model.losses)
    equals the suite's penalty on the same weights (relative error), and the two nets' outputs agree."""
    k = keras(ctx)
    model = imdb_net(16, max_ids=8).build([ctx.look_seed("init")], device=ctx.device)
    params = []
    for b in model.blocks:
        if getattr(b, "weight", None) is not None:
            params += [b.weight[0].detach().cpu().numpy(), b.bias[0, 0].detach().cpu().numpy()]
    kmodel = keras_imdb(k, 16, l2=1e-3)
    kmodel.set_weights(params)
    keras_penalty = float(sum(float(k.ops.convert_to_numpy(x)) for x in kmodel.losses))
    ours = float(l2_kernel_penalty(1e-3)(model)[0])
    ids = torch.tensor([[1, 14, 22, 16, 43, 530, 973, 1622]])              # the slides' train_data[0] prefix
    x = np.zeros((1, NUM_WORDS), dtype=np.float32)
    x[0, ids[0].numpy()] = 1.0
    keras_out = float(np.asarray(k.ops.convert_to_numpy(kmodel(x)))[0, 0])
    ours_out = float(torch.sigmoid(model(ids.unsqueeze(0).to(ctx.device)))[0, 0, 0])
    ctx.note("penalties", {"keras_model_losses": keras_penalty, "suite": ours})
    return {"error": [abs(keras_penalty - ours) / keras_penalty, abs(keras_out - ours_out)]}


LISTING_46 = Claim(
    id="imdb-l2-listing-penalty-equals-suite-penalty",
    statement="Listing 4.6's model (l2(0.001) on both hidden Dense kernels) adds to its loss exactly the penalty "
              "the suite's L2 runs add (checked on the same weights in Keras 3), and the two nets compute the "
              "same output.",
    sources=(Source(DOC, "4.4.2 Adding Weight Regularization", (2027, 2037),
                    "Listing 4.6 Adding L2 weight regularization to the model ... "
                    "model.add(layers.Dense(16, kernel_regularizer=regularizers.l2(0.001), activation='relu', "
                    "input_shape=(10000,))) model.add(layers.Dense(16, kernel_regularizer=regularizers.l2(0.001), "
                    "activation='relu')) model.add(layers.Dense(1, activation='sigmoid'))"),),
    kind=Kind.IDENTITY, topic="text",
    metric="relative |Keras model.losses - suite's penalty|; |Keras output - suite's output| on one review",
    direction="holds", tolerance=1e-6, experiment=listing_46_errors, sizes=IDENTITY_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci: supported, max error 0 over 2 cases)",
    notes="Tolerance 1e-6: Keras computes in its float32 floatx. What l2(0.001) adds in general (and the "
          "slide's wording at l.2040) is claimed in claims/keras (keras-regularizers-add-weighted-norms-to-loss, "
          "slide-l2-adds-coefficient-value-to-loss); this claim ties the suite's IMDB runs to Listing 4.6.",
)
