"""Statements of 001's regularization section (l.1436-2071) that the suite lists but cannot run."""
from harness.declaring.claim import Source, Unexecutable

DOC = "001_21bdbe3614939729.txt"


def src(section, lines, quote):
    return Source(DOC, section, lines, quote)


UNEXECUTABLE = [
    Unexecutable(
        id="dropout-works-really-well-unexplained",
        statement="Nobody really understands why dropout works, but it works really well.",
        sources=(src("Node regularization", (1441, 1441),
                     "Nobody really understands exactly why dropout works, but it does work really well."),),
        reason="'nobody understands' is a statement about the field, not an experiment; 'works really well' has "
               "no setting. Where it works is tested by dropout-effect-larger-for-large-model-than-small and the "
               "dropout-hurts-small-model-* claims (in the document's own examples it does not)."),
    Unexecutable(
        id="any-regularization-beats-none-methods-similar",
        statement="Any of five regularization methods improved performance over none, all roughly equally.",
        sources=(src("Which regularization method to use?", (1487, 1489),
                     "not including any regularization led to worse performance and these five different methods of "
                     "regularization, all improved performance significantly, but they were all roughly equally "
                     "comparably good."),),
        reason="a figure from an external paper: the transcript names neither the methods, the data nor the "
               "strengths, and 'roughly equally' has no tolerance; a regularizer's gain depends on its tuned "
               "strength, so a suite-chosen set would test the suite's tuning, not the document's figure"),
    Unexecutable(
        id="regularize-as-little-as-possible-choose-by-cv",
        statement="Regularize as little as possible and as much as necessary; decide based on previous models "
                  "and cross-validation.",
        sources=(src("How much to regularize?", (1794, 1795),
                     "1. Regularize as little as possible and as much as necessary. 2. Decide based on previous "
                     "models and cross-validation."),),
        reason="advice on procedure with no measurable outcome stated; the hazard it guards against (choosing on "
               "the test set) is tested by researcher-overfitting-test-set-reuse"),
    Unexecutable(
        id="elastic-net-l1-plus-l2",
        statement="Other things to regularize for: L1 + L2 (elastic net), the norm of the weight matrix, "
                  "sample-specific costs.",
        sources=(src("What else to regularize for?", (1801, 1803),
                     "L1 + L2 (`elastic net` regression) ... Norm of weight matrix (more later in the course) ... "
                     "Sample-specific (e.g., positive bias on cancer diagnosis)"),),
        reason="a list of options (definitions) with no claim about their effect"),
    Unexecutable(
        id="use-l1-l2-when-train-much-higher-than-val",
        statement="Use L1/L2 in large models with many weights and when training accuracy is much higher than "
                  "validation accuracy; weight regularization prevents memorisation.",
        sources=(src("When to use L1/L2 regularization?", (1815, 1825),
                     "In large, complex models with lots of weights (high risk of overfitting) ... When training "
                     "accuracy is much higher that validation accuracy. ... adding a weight regularisation will "
                     "prevent the model from memorisation."),),
        reason="a usage heuristic; its empirical core (L2 shrinks the train-test gap of an overfitting model) "
               "is regularization-trades-train-acc-for-generalization, and the small-model side is "
               "l2-no-clear-effect-iris-small-model"),
    Unexecutable(
        id="batch-size-powers-of-two-2-to-512",
        statement="Batch size is often a power of 2, between 2 and 512.",
        sources=(src("How and why to train with mini-batches?", (1971, 1971),
                     "Batch size is often powers-of-2 (e.g., 2^4]16), between 2 and 512."),),
        reason="a convention about practice, not about an outcome; any speed advantage of 64 over 63/65 is "
               "timed in tests/benchmarks/test_regularization_speed.py (none seen on this CPU)"),
    Unexecutable(
        id="batching-vectorization-reduces-time",
        statement="Training in batches can decrease computation time because of vectorization.",
        sources=(src("How and why to train with mini-batches?", (1973, 1973),
                     "Training in batches can decrease computation time because of vectorization (matrix "
                     "multiiplication instead of for-loops)."),),
        reason="a speed statement: wall time is hardware- and load-specific, so it is a pytest-benchmark "
               "(tests/benchmarks/test_regularization_speed.py: one epoch of 2,048 rows at batch 1 takes ~90x "
               "the time at batch 256 on this CPU), not a seeded verdict"),
    Unexecutable(
        id="large-batches-large-samples-increase-time",
        statement="Batching can increase computation time for large batches and large samples (e.g. images).",
        sources=(src("How and why to train with mini-batches?", (1975, 1975),
                     "But batching can increase computation time for large batches and large data samples (e.g., "
                     "images)."),),
        reason="'can increase' with no size named; time per step trivially grows with the batch, time per "
               "epoch is a hardware-specific benchmark (tests/benchmarks/test_regularization_speed.py)"),
    Unexecutable(
        id="minibatch-analogy-trade-off",
        statement="Exam analogy: per-question feedback (SGD) is good but slow, one final grade (one batch) is fast "
                  "but hard to learn from, block grades (mini-batch) balance speed and learning.",
        sources=(src("Mini-batch analogy", (2003, 2007),
                     "SGD: Teacher gives you detailed feedback on each answer. This is good for learning but very "
                     "time consuming. ... Mini-batch: ... This balances speed and learning ability."),),
        reason="an analogy; its testable parts are the step-count and speed claims of this part "
               "(minibatch-2-beats-64-at-equal-epochs-iris, minibatch-2-vs-64-at-equal-steps-iris, the batch-size "
               "benchmark)"),
]
