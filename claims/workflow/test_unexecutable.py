"""Document 003 statements in this slice that cannot be executed here (history, opinion, taxonomy,
tool descriptions, setup advice), each with the reason, so the catalog stays complete."""
from harness.declaring.claim import Source, Unexecutable

DOC = "003_9348410d8d3ffd8d.txt"


def _u(id, statement, section, lines, quote, reason, topic="workflow"):
    return Unexecutable(id=id, statement=statement, sources=(Source(DOC, section, lines, quote),), reason=reason,
                        topic=topic)


HISTORY = _u("cnn-backprop-understood-1989-lstm-1997",
             "CNNs and backpropagation were well understood in 1989, the LSTM dates from 1997 and has barely changed "
             "since, and deep learning only took off after 2012.",
             "1.3 Why Deep Learning? Why Now?", (131, 133),
             "The two key ideas of deep learning for computer vision—convolutional neural networks and "
             "backpropagation—were already well understood in 1989 - The Long Short-Term Memory (LSTM) algorithm, "
             "which is fundamental to deep learning for time series, was developed in 1997 and has barely changed "
             "since - So why did deep learning only take off after 2012?",
             "History of the field: dates and adoption are facts about publications, not outcomes of an experiment.")

FORCES = _u("three-forces-hardware-data-algorithms",
            "Three technical forces drive machine learning: hardware (GPUs), datasets and benchmarks (ImageNet's 1.4 "
            "million images in 1,000 categories, Kaggle) and algorithmic advances.",
            "1.3 Why Deep Learning? Why Now?", (140, 145),
            "In general, three technical forces are driving advances in machine learning: - Hardware (GPUs) - "
            "Datasets and benchmarks - ImageNet dataset - 1.4 million images hand annotated with 1,000 image "
            "categories - Kaggle competitions - Algorithmic advances",
            "A historical account (and ImageNet is not available offline to count); the algorithmic part is "
            "executed in relu-adam-train-deep-nets-better-than-sigmoid-sgd.")

DEEP_NAMES = _u("deep-learning-is-layered-representation-learning",
                "Modern deep learning uses tens or hundreds of successive layers of representations, all learned "
                "from data; 'layered' or 'hierarchical representations learning' would be other names.",
                "1.1.4 The “Deep” in Deep Learning", (77, 83),
                "Modern deep learning often involves tens or even hundreds of successive layers of representations "
                "... Deep learning is a mathematical framework for learning representations from data",
                "A definition and a naming remark; 'tens or hundreds of layers' describes practice, not an outcome.")

KERAS_FEATURES = _u("keras-key-features",
                    "Keras runs the same code on CPU or GPU, has a user-friendly API, supports convolutional and "
                    "recurrent networks, arbitrary architectures and multi-GPU training, and is MIT-licensed.",
                    "3.2 Keras", (680, 687),
                    "It allows the same code to run seamlessly on CPU or GPU - It has a user-friendly API that makes "
                    "it easy to quickly prototype deep-learning models",
                    "Product description and opinion ('user-friendly'); the licence and backends are facts about the "
                    "package, not experiments. CPU/GPU portability of the suite itself is checked by the harness.",
                    topic="keras")

BACKENDS = _u("keras-backends-and-cuda",
              "Keras delegates tensor operations to a backend (Theano from MILA, TensorFlow from Google, CNTK from "
              "Microsoft); CUDA is Nvidia's GPU computing platform and cuBLAS its BLAS.",
              "3.2.1 Keras, TensorFlow, & Jupyter Notebooks", (692, 707),
              "Keras doesn't handle low-level operations such as tensor manipulation and differentiation - Theano "
              "is developed by the MILA lab at Université de Montréal - TensorFlow is developed by Google",
              "Who develops which tool: organisational facts, nothing to execute.", topic="keras")

SETUP = _u("local-install-took-a-week",
           "A local deep-learning install (Ubuntu, CUDA driver, CUDA, cuDNN, Python libraries, Jupyter, Tensorboard) "
           "is laborious; Colab or Azure are the alternatives.",
           "3.3.2 Getting Keras Running", (774, 785),
           "It took me about a week to setup my first deep learning hardware platform!!",
           "Personal experience and setup advice.", topic="keras")

BRANCHES = _u("four-branches-of-machine-learning",
              "Machine-learning algorithms fall into four broad categories: supervised, unsupervised, self-supervised "
              "and reinforcement learning.",
              "4.1 Four Branches of Machine Learning", (1389, 1394),
              "Machine-learning algorithms generally fall into four broad categories: - a) Supervised learning - "
              "b) Unsupervised learning - c) Self-supervised learning - d) Reinforcement learning",
              "A taxonomy, not a testable outcome.")

SUPERVISED = _u("supervised-learning-maps-inputs-to-targets",
                "Supervised learning maps inputs to known (often human-annotated) targets; uncommon examples are "
                "sequence generation, syntax-tree prediction, object detection and image segmentation.",
                "4.1.1 Supervised Learning", (1401, 1406),
                "It consists of learning to map input data to known targets (also called annotations), given a set "
                "of examples (often annotated by humans)",
                "A definition with examples; the examples need captioned photos and parsers that are not offline.")

UNSUPERVISED = _u("unsupervised-learning-bread-and-butter",
                  "Unsupervised learning finds transformations of the input without targets (visualisation, "
                  "compression, denoising, correlations) and is the bread and butter of data analytics.",
                  "4.1.2 Unsupervised Learning", (1422, 1426),
                  "Finding interesting transformations of the input data without the help of any targets ... "
                  "Unsupervised learning is the bread and butter of data analytics",
                  "A definition and an opinion about practice. (Its aside on correlated features slowing training "
                  "is an optimisation fact left to the optimisation claims.)")

SELF_SUPERVISED = _u("self-supervised-learning-continuum",
                     "Self-supervised learning is supervised learning with labels generated from the input "
                     "(autoencoders, next-frame or next-word prediction); the categories form a continuum.",
                     "4.1.3 Self-supervised Learning", (1441, 1457),
                     "Self-supervised learning is supervised learning without human-annotated label ... These "
                     "categories are more of a continuum without solid borders",
                     "Taxonomy and definitions.")

RL = _u("reinforcement-learning-mostly-research",
        "Reinforcement learning is mostly a research area without significant practical successes beyond games.",
        "4.1.4 Reinforcement Learning", (1462, 1462),
        "Reinforcement learning is mostly a research area and hasn't yet had significant practical successes beyond "
        "games",
        "An opinion about the state of a field at the time of writing (2017), not an experiment.")

KAGGLE = _u("kaggle-winners-use-shuffled-kfold",
            "Winning teams in Kaggle competitions use K-fold validation with shuffling for small data sets.",
            "4.2.1 Three Classic Evaluation Recipes", (1658, 1659),
            "Winning teams in Kaggle competitions use K-fold validation with shuffling (for small data sets)",
            "A claim about other people's practice; no data on competition winners offline.", topic="evaluation")

GENERALIZE = _u("evaluation-is-measuring-generalization",
                "The goal is models that generalise; overfitting is the central obstacle, and evaluating a model "
                "is measuring its generalisation (the blind men and the elephant).",
                "4.2 Evaluating Machine-learning Models", (1486, 1489),
                "You can only control that which you can observe ... Evaluating a machine learning model is "
                "“measuring generalization”",
                "Framing and metaphor; the measurable parts are the evaluation-protocol claims.", topic="evaluation")

OCCAM = _u("occams-razor-simpler-models",
           "Occam's razor: of two explanations the simplest is most likely correct; simpler models are less likely "
           "to overfit.",
           "4.4.2 Adding Weight Regularization", (2002, 2003),
           "Occam's razor: Given two explanations for something, the explanation most likely to be correct is the "
           "simplest one",
           "A principle; its testable consequence (L2 reduces overfitting) is run on the IMDB stand-in by the "
           "companion 003 claims.", topic="evaluation")

WORKFLOW_STEPS = _u("universal-workflow-seven-steps",
                    "The universal workflow: define the problem, choose a measure of success, decide an evaluation "
                    "protocol, prepare the data, beat a baseline, scale up until overfitting, regularise and tune.",
                    "4.5 The Universal Workflow of Machine Learning", (2218, 2238),
                    "Step 1: Define the problem and assemble a dataset ... Step 7: Regularize your model and tune "
                    "hyperparameters",
                    "A procedure; its checkable steps are separate claims (baselines, Table 4.1, scaling up, "
                    "evaluation protocols).")
