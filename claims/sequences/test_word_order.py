"""Word order and the LSTM sentiment model (004, lecture 13 "Recurrent Neural Networks", file line 14;
lecture 14 "Using RNN's for Sentiment Analysis", line 15).

"Word order matters" is tested where it can and where it cannot matter: on synthetic token
sequences whose label is decided by the order of two marker tokens (a bag of words sees the same
multiset in every sequence) and on sequences whose label is decided by token counts alone; then on
real review text, the sentence polarity snippets (``fixtures.text.polarity``) standing in for the
document's IMDB reviews, which are not available offline. What differs from the document: 10,662
one-sentence snippets (about 19 tokens after encoding, 1% longer than 40) instead of 25,000 + 25,000
full reviews (about 230 tokens, cut to the last 80); a random split of 2,000 test snippets; so the
document's 81% is not held against these numbers (its claim is Unexecutable, below).

The models are the document's in kind: Embedding -> LSTM -> Dense(1, sigmoid), binary
cross-entropy, Adam (lr 1e-3 on the snippets), Keras' initialisers (glorot weights, orthogonal
recurrent weights, forget-gate bias 1); Keras' LSTM(dropout=0.2, recurrent_dropout=0.2) is ported
as Dropout(0.2) on the embedded sequence (elementwise, not one mask per sequence) with no
recurrent dropout. The bag-of-words baseline is logistic regression on multi-hot (snippets) or count
(synthetic) vectors of the same tokens, trained by the same engine and optimizer.
"""
import torch

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import TrainConfig
from harness.training.experiments import fit
from harness.recipes.sequence_tasks import counts, fit_net, order_task, polarity_sequences
from harness.recipes.shared_runs import shared_experiment
from harness.training import LSTM, Dropout, Embedding, Linear, Net
from harness.declaring.vague_words import VAGUE

DOC = "004_2947cf972490c874.txt"
L13 = "13. Recurrent Neural Networks"
L14 = "14. Using RNN's for Sentiment Analysis"
ORDER_SRC = Source(DOC, L13, (14, 14), "These are examples of where the order of words in the sentence might matter, "
                   "and the structure of the sentence and how these words are put together could convey more meaning. "
                   "Then you could get by just looking at those words individually without context.")


# ----------------------------------------------------------------- synthetic: order decides / order irrelevant
def synthetic(ctx, order_matters):
    s = ctx.sizes
    V, T = s["vocab"], s["length"]
    X, y = order_task(ctx, s["n_train"] + s["n_test"], T, V, order_matters=order_matters)
    tr, te = slice(0, s["n_train"]), slice(s["n_train"], None)
    cfg = TrainConfig(epochs=s["epochs"], lr=s["lr"], batch_size=s["batch"], optimizer="adam", loss="bce_logits")
    net = Net((T,), [Embedding(V, s["embed"]), LSTM(s["hidden"], init="keras"), Linear(1)], init="glorot_uniform")
    _, hist = fit_net(ctx, net, X[:, tr], y[:, tr], cfg, evals={"test": (X[:, te], y[:, te])})
    C = counts(X, V)
    bow = fit(ctx, (V, 1), C[:, tr], y[:, tr], cfg, evals={"test": (C[:, te], y[:, te])})
    return {"lstm_test_accuracy": hist.final("test").tolist(), "bag_of_words_test_accuracy": bow["test"].tolist()}


SYN_SIZES = {"smoke": {"seeds": (12,), "n_train": 1000, "n_test": 1000, "length": 20, "vocab": 50, "embed": 16,
                       "hidden": 32, "epochs": 2, "batch": 64, "lr": 1e-2},
             "ci": {"seeds": (12, 24), "n_train": 2000, "n_test": 1000, "length": 12, "vocab": 50, "embed": 16,
                    "hidden": 32, "epochs": 4, "batch": 64, "lr": 1e-2},
             "full": {"seeds": (20, 40), "n_train": 10000, "n_test": 2000, "length": 80, "vocab": 200, "embed": 32,
                      "hidden": 64, "epochs": 10, "batch": 64, "lr": 1e-2}}


def order_decides(ctx):
    return synthetic(ctx, order_matters=True)


def order_irrelevant(ctx):
    return synthetic(ctx, order_matters=False)


ORDER_MATTERS = Claim(
    id="lstm-beats-bag-of-words-when-order-decides",
    statement="Where the order of words decides the label (does marker A come before marker B?), an "
              "Embedding-LSTM model is much more accurate (by more than 5 points) than a bag-of-words model of the "
              "same tokens, which cannot see order.",
    sources=(ORDER_SRC,), kind=Kind.COMPARATIVE, topic="sequences", metric="test accuracy (fraction), fresh sequences",
    arms=("lstm_test_accuracy", "bag_of_words_test_accuracy"), direction="greater", delta=VAGUE["much better"].delta,
    redesigned="2026-12-07: cut from 20-token sequences and 5 epochs to 12 tokens and 4 epochs after the first "
               "measured run, for the CI budget (the verdict was not the reason: the first run gave the verdict pinned "
               "here). Confirmed on unseen seed family 1009: see expect_reason.",
    experiment=order_decides, sizes=SYN_SIZES,
    expect=Verdict.SUPPORTED, expect_reason=("measured supported (ci, 12 seeds): +0.485 [0.4735, 0.4948]; means lstm_test_accuracy 1.000, bag_of_words_test_accuracy 0.515; seed family 7: +0.4959 [0.486, 0.5074], supported; seed family 12345: +0.4983 [0.4933, 0.5054], supported. Re-measured 2026-12-07 after Keras' recurrent defaults became the layer's declared init (LSTM(init='keras'): the orthogonal recurrent weight is drawn from the seed's init stream, not a separate 'init-recurrent' stream, so the draws changed; the distribution is the same, and so is every family's verdict). (Default and seed 7: the LSTM is right on every test sequence under either init, so those raw values are bit-identical.)"
                   ' Earlier: measured (ci, 12 seeds): LSTM - bag of words = +0.485 [0.474, 0.495] (1.000 vs 0.515); unseen seed family 1009: SUPPORTED +0.500 [0.489, 0.511]'),
    notes="Synthetic: 12 tokens from a vocabulary of 50; markers A and B once each at random positions, filler "
          "elsewhere; every sequence has the same markers, so bag-of-words accuracy is 0.5 by construction. "
          "LSTM(32) on Embedding(50, 16), Adam 1e-2, 4 epochs of 2,000 sequences, batch 64; the baseline is "
          "logistic regression on token counts with the same optimizer and epochs.",
)

ORDER_IRRELEVANT = Claim(
    id="lstm-no-better-than-bag-of-words-when-order-is-irrelevant",
    statement="Where only which words occur decides the label (more 'good' than 'bad' tokens), looking at the words "
              "individually is enough: a bag-of-words model is as accurate as the Embedding-LSTM model (within 2 "
              "points).",
    sources=(ORDER_SRC,), kind=Kind.EQUIVALENCE, topic="sequences", metric="test accuracy (fraction), fresh sequences",
    arms=("lstm_test_accuracy", "bag_of_words_test_accuracy"), direction="equivalent",
    delta=VAGUE["basically the same"].delta, experiment=order_irrelevant,
    sizes={**SYN_SIZES, "ci": {**SYN_SIZES["ci"], "seeds": (24, 48, 96)}},
    redesigned='2026-12-07: cut from 20-token sequences and 5 epochs to 12 tokens and 4 epochs after the first measured run, for the CI budget (the verdict was not the reason: the first run gave the verdict pinned here). Confirmed on unseen seed family 1009: see expect_reason. 2026-12-07: ci looks (12, 24) -> (24, 48, 96), the uniform remedy for claims whose verdict differed between the seed families default/7/12345 (looks added, each doubling the last planned one, up to 4x its seeds; the 12-seed look dropped, since at its share of alpha it could never decide). Why: verdict differed between seed families 7/12345/default: power (a skewed arm: the LSTM fails to learn in a few seeds). Arms, metric, direction, delta and data unchanged. Confirmed on seed family 31337 (never used by the suite): supported at 24 seeds, -0.001458 [-0.0035, -0.00025].',
    expect=Verdict.SUPPORTED, expect_reason=("measured supported (ci, 24 seeds): -0.000792 [-0.002833, 0.00004167]; seed family 7: -0.001625 [-0.004167, -0.0002917] at 24 seeds, supported; seed family 12345: -0.001583 [-0.006262, -0.00008333] at 24 seeds, supported; seed family 31337: -0.001917 [-0.004738, -0.0004583] at 24 seeds, supported. Re-measured 2026-12-07 after Keras' recurrent defaults became the layer's declared init (LSTM(init='keras'): the orthogonal recurrent weight is drawn from the seed's init stream, not a separate 'init-recurrent' stream, so the draws changed; the distribution is the same, and so is every family's verdict). "
                   ' Earlier: measured supported (ci, 48 seeds): -0.00125 [-0.005055, -0.0001667]; seed family 7: -0.002531 [-0.005375, -0.001333] at 96 seeds, supported; seed family 12345: +0.00025 [-0.000125, 0.0009583] at 24 seeds, supported; seed family 31337: -0.001458 [-0.0035, -0.00025] at 24 seeds, supported. Earlier: measured (ci, 12 seeds): LSTM - bag of words = -0.0004 [-0.002, 0.0004] (0.9992 vs 0.9996); unseen seed family 1009: INCONCLUSIVE at 24 seeds, -0.0033 [-0.0104, -0.0009] (0.9964 vs 0.9997: a few LSTM seeds lag; the bag of words is never worse)'),
    notes="The same models and budget as lstm-beats-bag-of-words-when-order-decides; 1-6 'good' and 1-6 'bad' tokens "
          "(never equal) among filler. The document's sentence implies the converse of its claim: without order "
          "the recurrent model has nothing extra to use. 'As accurate' = the vague-word table's 'basically the same'.",
)


# ----------------------------------------------------------------- real snippets (IMDB stand-in)
@shared_experiment("lstm-vs-bag-of-words-on-review-snippets")
def snippets(ctx):
    s = ctx.sizes
    sp = polarity_sequences(ctx, s["num_words"], s["maxlen"], s["n_test"])
    cfg = TrainConfig(epochs=s["epochs"], lr=1e-3, batch_size=32, optimizer="adam", loss="bce_logits", eval_every=1)
    net = Net((s["maxlen"],), [Embedding(s["num_words"], s["embed"]), Dropout(0.2), LSTM(s["hidden"], init="keras"),
                               Linear(1)], init="glorot_uniform")
    _, hist = fit_net(ctx, net, sp.train_seq, sp.train_y, cfg, evals={"test": (sp.test_seq, sp.test_y)})
    # the baseline trains to its plateau (cheap), so a win of the budget-limited LSTM is not an undertrained
    # baseline's loss
    bow_cfg = TrainConfig(epochs=s["bow_epochs"], lr=s["bow_lr"], batch_size=s["bow_batch"], optimizer="adam",
                          loss="bce_logits", eval_every=1)
    bow = fit(ctx, (s["num_words"], 1), sp.train_bow, sp.train_y, bow_cfg, evals={"test": (sp.test_bow, sp.test_y)})
    per_epoch = torch.stack(hist.evals["test"], 1)
    ctx.note("lstm_test_accuracy_per_epoch_mean", per_epoch.mean(0).tolist())
    ctx.note("bag_of_words_test_accuracy_per_epoch_mean", torch.stack(bow.history.evals["test"], 1).mean(0).tolist())
    return {"lstm_test_accuracy": hist.final("test").tolist(), "bag_of_words_test_accuracy": bow["test"].tolist(),
            "chance": [0.5] * len(ctx.seeds)}


SNIPPET_SIZES = {"smoke": {"seeds": (12,), "num_words": 2000, "maxlen": 30, "embed": 16, "hidden": 16, "epochs": 1,
                           "bow_epochs": 2, "bow_lr": 1e-2, "bow_batch": 256, "n_test": 2000},
                 "ci": {"seeds": (12, 24), "num_words": 5000, "maxlen": 30, "embed": 32, "hidden": 32, "epochs": 2,
                        "bow_epochs": 5, "bow_lr": 1e-2, "bow_batch": 256, "n_test": 2000},
                 "full": {"seeds": (20, 40), "num_words": 20000, "maxlen": 80, "embed": 128, "hidden": 128,
                          "epochs": 15, "bow_epochs": 15, "bow_lr": 1e-3, "bow_batch": 32,
                          "n_test": 2000}}
UNMEASURED_FULL = {"full": "the document's size (Embedding 20000x128, LSTM 128, 15 epochs of batch 32, 20-40 seeds) "
                           "takes hours of CPU here; no GPU was lent to this session"}
SNIPPET_NOTES = ("ci is a reduced run (Embedding 5000x32, LSTM 32, 2 epochs, maxlen 30: the last 30 tokens, as "
                 "pad_sequences keeps; a few % of snippets are longer) and is not held against the document; full is "
                 "the document's recipe on the snippets (maxlen 80 as the document, 15 epochs). The LSTM trains with "
                 "Adam 1e-3, batch 32, and is evaluated after the last epoch as the document does; the bag-of-words "
                 "baseline in ci with Adam 1e-2, batch 256, 10 epochs (to its plateau, cheaply), in full as the LSTM; "
                 "per-epoch means are in the notes. One random split per look, "
                 "shared by its seeds (the seeds vary initialisation, dropout and order).")

LSTM_VS_BOW = Claim(
    id="lstm-vs-bag-of-words-on-review-snippets",
    statement="On real movie-review text the order-aware Embedding-LSTM sentiment model is more accurate (by more "
              "than 1 point) than a bag-of-words logistic regression on the same words.",
    sources=(ORDER_SRC, Source(DOC, L14, (15, 15), "we're taking the sequence of words in a user written movie review. "
                               "And we try to output a vector that's just a single binary value of whether or not that "
                               "user like the movie or not")),
    kind=Kind.COMPARATIVE, topic="sequences", metric="test accuracy (fraction), 2,000 held-out snippets",
    arms=("lstm_test_accuracy", "bag_of_words_test_accuracy"), direction="greater", delta=VAGUE["better"].delta,
    experiment=snippets, sizes=SNIPPET_SIZES, unmeasured=UNMEASURED_FULL,
    expect=Verdict.REFUTED, expect_reason=("measured refuted (ci, 12 seeds): -0.00225 [-0.006996, 0.00004167]; means lstm_test_accuracy 0.7727, bag_of_words_test_accuracy 0.7750; seed family 7: -0.01113 [-0.01363, -0.0075], refuted; seed family 12345: -0.006083 [-0.009083, -0.003667], refuted. Re-measured 2026-12-07 after Keras' recurrent defaults became the layer's declared init (LSTM(init='keras'): the orthogonal recurrent weight is drawn from the seed's init stream, not a separate 'init-recurrent' stream, so the draws changed; the distribution is the same, and so is every family's verdict). ci is reduced (not held against the document's IMDB); full (the document's sizes) unmeasured."
                   " Earlier: measured (ci, 12 seeds): LSTM - bag of words = -0.0028 [-0.0067, -0.0003] (0.772 vs 0.775); the LSTM peaks at epoch 2 (a 3-epoch run: 0.752, 0.772, 0.766), so more ci epochs would not reverse it; unseen seed family 1009: REFUTED -0.013 [-0.016, -0.010] (0.768 vs 0.781). ci is reduced (not held against the document's IMDB); full (the document's sizes) unmeasured"),
    redesigned="2026-12-07: (1) the baseline first trained for the LSTM's 2 epochs and was still improving "
               "(0.722 -> 0.730, seed means; the LSTM won by 0.041); (2) trained 10 epochs at the LSTM's recipe it "
               "plateaued at 0.774 and beat the 2-epoch LSTM (0.771, still rising: REFUTED by 0.003), a verdict that "
               "could reflect the LSTM's reduced training. Now: the baseline reaches its plateau cheaply (batch 256, "
               "lr 1e-2) and the LSTM gets 3 epochs at maxlen 30; (3) that run (REFUTED, -0.0087 [-0.0127, -0.0064]) "
               "showed the LSTM peaking at epoch 2 (0.752, 0.772, 0.766) and the baseline at its plateau by epoch 5 "
               "(0.742 ... 0.775, 0.776, 0.777, 0.775, 0.776, 0.774), so ci now runs 2 and 5 epochs, for the CI "
               "budget. Confirmed on unseen seed family 1009: see expect_reason.",
    notes=SNIPPET_NOTES + " The upstream Keras example the lecture draws on says in its docstring that the IMDB "
          "set is too small for an LSTM to beat TF-IDF + logistic regression.",
)

LSTM_LEARNS = Claim(
    id="lstm-sentiment-far-above-chance-on-review-snippets",
    statement="The document's kind of model (Embedding -> LSTM with 20% dropout -> sigmoid, binary cross-entropy, "
              "Adam, batch 32) learns the sentiment of real review text: its test accuracy is much higher (by more "
              "than 5 points) than chance (50%, balanced classes).",
    sources=(Source(DOC, L14, (15, 15), "we would see that we end up with a accuracy of 81% on our model here . "
                    "Doesn't sound that impressive"),),
    kind=Kind.COMPARATIVE, topic="sequences", metric="test accuracy (fraction), 2,000 held-out snippets",
    arms=("lstm_test_accuracy", "chance"), direction="greater", delta=VAGUE["much better"].delta,
    experiment=snippets, sizes=SNIPPET_SIZES, unmeasured=UNMEASURED_FULL,
    expect=Verdict.SUPPORTED, expect_reason=("measured supported (ci, 12 seeds): +0.2727 [0.2676, 0.2755]; means lstm_test_accuracy 0.7727; seed family 7: +0.2521 [0.2495, 0.2550], supported; seed family 12345: +0.2414 [0.2392, 0.2434], supported. Re-measured 2026-12-07 after Keras' recurrent defaults became the layer's declared init (LSTM(init='keras'): the orthogonal recurrent weight is drawn from the seed's init stream, not a separate 'init-recurrent' stream, so the draws changed; the distribution is the same, and so is every family's verdict). "
                   ' Earlier: measured (ci, 12 seeds): LSTM test accuracy 0.772, +0.272 [0.268, 0.275] over chance; seed family 1009: 0.768, SUPPORTED'),
    notes=SNIPPET_NOTES + " The 81% is IMDB's (imdb-lstm-81-percent, Unexecutable); here only that the recipe learns.",
)


# ----------------------------------------------------------------- not executable here
IMDB_81 = Unexecutable(
    id="imdb-lstm-81-percent",
    statement="The Embedding(20000,128)-LSTM(128, dropout .2)-sigmoid model, Adam, batch 32, 15 epochs on Keras' IMDB "
              "reviews cut to 80 words reaches 81% test accuracy, converging after about 13 epochs.",
    sources=(Source(DOC, L14, (15, 15), "Seems like after about 13 steps, it was getting about as good as it was going "
                    "to get. ... we would see that we end up with a accuracy of 81% on our model here"),),
    reason="needs Keras' IMDB data (downloaded at run time; not available offline). The same recipe on the sentence "
           "polarity snippets is lstm-sentiment-far-above-chance-on-review-snippets (a different data set, not held "
           "against the 81%).", topic="sequences")

IMDB_SPLIT = Unexecutable(
    id="keras-imdb-split-sizes",
    statement="Keras' IMDB data set has 5,000 training reviews and 25,000 test reviews.",
    sources=(Source(DOC, L14, (15, 15), "Oddly, it has 5000 training reviews and 25,000 testing reviews, which seems "
                    "backwards to me."),),
    reason="a fact about Keras' imdb.npz (25,000 / 25,000 by its documentation; '5000' may be a transcription slip), "
           "which is not available offline; no stand-in can check a fact about that file.", topic="sequences")

IMDB_VOCAB = Unexecutable(
    id="imdb-vocab-index-range",
    statement="imdb.load_data(num_words=20000) keeps the 20,000 most frequent words, encoded as integers between 0 "
              "and 20,000.",
    sources=(Source(DOC, L14, (15, 15), "So by saying numbers equals 20,000 that means that I'm going to limit my data "
                    "to the 20,000 most popular words and the data set."),),
    reason="a fact about Keras' IMDB file (which words are the 20,000 most frequent, ids below 20,000), which needs "
           "the downloaded data; the loader's reserved ids and index offset are run on a synthetic file in "
           "claims/keras/ (keras-imdb-indices-offset-by-3, helper h003a).", topic="sequences")

IMDB_HOUR = Unexecutable(
    id="imdb-lstm-takes-an-hour-on-one-cpu",
    statement="Training the IMDB LSTM for 15 epochs takes about an hour on a single CPU.",
    sources=(Source(DOC, L14, (15, 15), "I'm not going to actually run this right now because it will take about an "
                    "hour."),),
    reason="a wall-clock figure of the author's machine and TensorFlow build; sequence-truncation-cuts-training-time "
           "records this CPU's forward+backward extrapolation beside it.", topic="sequences")
