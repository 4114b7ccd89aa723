"""A PyTorch model that stops in its forward pass: run it and type pdb commands."""

import torch
from torch import nn


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(100, 8)
        self.lstm = nn.LSTM(8, 16, batch_first=True)

    def forward(self, ids):
        vectors = self.embedding(ids)
        breakpoint()  # pdb starts here, with vectors and ids in scope
        outputs, _ = self.lstm(vectors)
        return outputs


torch.manual_seed(0)
outputs = Tagger()(torch.randint(1, 100, (4, 5)))
print("done:", tuple(outputs.shape))
