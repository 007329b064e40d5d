"""Batched training for every layer family the documents train (see ``net.py`` for the design).

Describe a network once with :class:`Net` and the layer specs below; ``Net.build`` gives K seeds
trained together by ``harness.engine.train``, ``Net.reference`` the documents' nn.Sequential for one.
"""
from .conv import Conv1d, Conv2d, ConvTranspose2d, MaxPool1d, MaxPool2d
from .dense import Act, Dropout, Flatten, Linear, ReLU, Sigmoid, Tanh, Unflatten
from .embedding import Embedding
from .multihot import MultiHotDense
from .fast_ffn import train_fast
from .generative import VAE, BatchedVAE, GANHistory, train_gan, vae_loss
from .recurrent import GRU, LSTM, RNN
from .net import MODEL, STACKED, BatchedNet, Layer, Net, reference_noise

__all__ = [
    "Net", "BatchedNet", "Layer", "reference_noise", "MODEL", "STACKED",
    "Linear", "Act", "ReLU", "Tanh", "Sigmoid", "Dropout", "Flatten", "Unflatten",
    "Conv1d", "Conv2d", "ConvTranspose2d", "MaxPool1d", "MaxPool2d",
    "Embedding", "MultiHotDense", "RNN", "LSTM", "GRU",
    "VAE", "BatchedVAE", "vae_loss", "train_gan", "GANHistory", "train_fast",
]
