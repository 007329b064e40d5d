"""Batched training for every layer family the documents train (see ``net.py`` for the design).

Describe a network once with :class:`Net` and the layer specs below; ``Net.build`` gives K seeds
trained together by ``harness.training.engine.train``, ``Net.reference`` the documents' nn.Sequential for one.
"""
from harness.training.conv import Conv1d, Conv2d, ConvTranspose2d, MaxPool1d, MaxPool2d
from harness.training.dense import Act, Dropout, Flatten, Linear, ReLU, Sigmoid, Tanh, Unflatten
from harness.training.embedding import Embedding
from harness.training.multihot import MultiHotDense
from harness.training.fast_ffn import train_fast
from harness.training.generative import VAE, BatchedVAE, GANHistory, train_gan, vae_loss
from harness.training.recurrent import GRU, LSTM, RNN
from harness.training.residual import Residual
from harness.training.net import MODEL, STACKED, BatchedNet, Layer, Net, reference_noise

__all__ = [
    "Net", "BatchedNet", "Layer", "reference_noise", "MODEL", "STACKED",
    "Linear", "Act", "ReLU", "Tanh", "Sigmoid", "Dropout", "Flatten", "Unflatten",
    "Conv1d", "Conv2d", "ConvTranspose2d", "MaxPool1d", "MaxPool2d",
    "Embedding", "MultiHotDense", "RNN", "LSTM", "GRU", "Residual",
    "VAE", "BatchedVAE", "vae_loss", "train_gan", "GANHistory", "train_fast",
]
