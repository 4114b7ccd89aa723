# %% [markdown]
# # Padding a batch of sentences (PyTorch notebook)
#
# Sentences have different lengths; a batch tensor needs one. This notebook pads three sentences
# into one tensor, then uses the mask and the true lengths the two ways a model needs them: to
# average word vectors without the padding, and to run an LSTM that stops at each sentence's end.
# The button at the top of the page downloads it as a percent-format Python script (`.py`), which
# Jupyter opens with the jupytext extension, VS Code runs cell by cell, and `python` runs whole.

# %%
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

torch.manual_seed(0)
sentences = ["the film was great", "dull", "a slow but moving story"]
words = sorted({word for sentence in sentences for word in sentence.split()})
vocabulary = {word: index for index, word in enumerate(words, start=1)}  # 0 pads
sequences = [
    torch.tensor([vocabulary[word] for word in sentence.split()])
    for sentence in sentences
]
lengths = torch.tensor([len(sequence) for sequence in sequences])

# %% [markdown]
# `pad_sequence` fills the short sentences with `padding_value` (0, the id no word has) up to the
# longest one. The mask is true where a real word stands.

# %%
batch = pad_sequence(sequences, batch_first=True, padding_value=0)
mask = batch != 0
print(batch.shape, lengths.tolist(), mask.sum(dim=1).tolist())
assert mask.sum(dim=1).tolist() == lengths.tolist()

# %% [markdown]
# Averaging the word vectors of a sentence: a plain mean over the padded tensor counts the padding
# vectors too, so "dull" is diluted by four vectors of padding. The masked mean divides by the true
# length and gives the same vector as the sentence alone.

# %%
embedding = torch.nn.Embedding(len(vocabulary) + 1, 4, padding_idx=0)
vectors = embedding(batch)
plain = vectors.mean(dim=1)
masked = (vectors * mask.unsqueeze(-1)).sum(dim=1) / lengths.unsqueeze(-1)
alone = embedding(sequences[1]).mean(dim=0)
print(torch.allclose(masked[1], alone), torch.allclose(plain[1], alone))
assert torch.allclose(masked[1], alone) and not torch.allclose(plain[1], alone)

# %% [markdown]
# An LSTM over the padded batch would read the padding after "dull". `pack_padded_sequence` with
# the true lengths makes it stop at each sentence's last word; `enforce_sorted=False` lets the
# lengths come in any order (without it they must be sorted longest first). The last hidden state
# of each sentence then equals the one it gets on its own.

# %%
lstm = torch.nn.LSTM(4, 8, batch_first=True)
packed = pack_padded_sequence(vectors, lengths, batch_first=True, enforce_sorted=False)
_, (last, _) = lstm(packed)
for index, sequence in enumerate(sequences):
    _, (alone, _) = lstm(embedding(sequence).unsqueeze(0))
    assert torch.allclose(last[0, index], alone[0, 0], atol=1e-6)
print("last states match each sentence on its own")
