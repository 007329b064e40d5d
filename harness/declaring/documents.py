"""The course documents the claims cite, by file name: a title a reader recognises.

The documents live in ``../shared/seeds/`` beside a checkout, which a fresh clone (or a machine
that only renders reports) does not have; the report and anything else that names a document
reads this table instead. Titles were taken from each document's first lines (its ``#`` heading,
or the slide deck's title page) and its entry in ``shared/seeds/README.md``. A file name missing
here is shown as itself (see :func:`title`).
"""
from __future__ import annotations

DOCUMENTS: dict[str, str] = {
    "000_d7a1d0a6624d5a73.txt": "A deep understanding of deep learning: more on data (Cohen, PyTorch)",
    "001_21bdbe3614939729.txt": "A deep understanding of deep learning: gradient descent, ANNs, overfitting, "
                                "regularization, mini-batches (Cohen, PyTorch)",
    "002_011bd4079aac2586.txt": "A deep understanding of deep learning: FFNs on MNIST, softmax vs log-softmax, "
                                "normalization (Cohen, PyTorch)",
    "003_9348410d8d3ffd8d.txt": "Module II: Fundamentals of Deep Learning (lecture slides after Chollet, Keras)",
    "004_2947cf972490c874.txt": "Deep learning neural networks with Python (Kane, TensorFlow/Keras transcript)",
}


def title(document: str) -> str:
    """The document's title, or its file name when the table does not know it."""
    return DOCUMENTS.get(str(document), str(document))
