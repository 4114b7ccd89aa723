# %% [markdown]
# # Padding a batch of sentences (PyTorch notebook)
#
# Sentences have different lengths; a batch tensor needs one. This notebook turns three sentences
# into token ids, pads them into one tensor, and keeps the true lengths for masking later.
# Download it with the button at the top of the page and run it in Jupyter, or read it here.

# %%
import torch
from torch.nn.utils.rnn import pad_sequence

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
# longest one.

# %%
batch = pad_sequence(sequences, batch_first=True, padding_value=0)
mask = batch != 0
print(batch.shape, lengths.tolist())
assert batch.shape == (3, 5)
assert mask.sum(dim=1).tolist() == lengths.tolist()
