# ---- sequence_mask
def sequence_mask(lengths, length, dtype):
    """(batch, length): 1 at each example's own elements, 0 at its padding."""
    positions = torch.arange(length, device=lengths.device)
    return (positions.unsqueeze(0) < lengths.unsqueeze(1)).to(dtype)


# ---- mask_like
def mask_like(x, axis, lengths):
    """The mask of x's varying axis `axis`, shaped to broadcast against x."""
    shape = [1] * x.dim()
    shape[0] = x.shape[0]
    shape[axis] = x.shape[axis]
    return sequence_mask(lengths, x.shape[axis], x.dtype).reshape(shape)


# ---- masked_softmax
def masked_softmax(x, dim, lengths, log=False):
    """Softmax along a varying axis, over each example's own elements."""
    if lengths is not None:
        x = x + (mask_like(x, dim, lengths) - 1) * 1e30
    return F.log_softmax(x, dim) if log else F.softmax(x, dim)


# ---- global_pooling
def global_pooling(x, function, lengths, axis):
    """The mean or maximum of each channel over its positions, in a padded batch its own ones."""
    flat = x.flatten(2)
    if lengths is None:
        return flat.amax(2) if function == "max" else flat.mean(2)
    real = mask_like(x, axis, lengths).expand_as(x).flatten(2)
    if function == "max":
        return (flat + (real - 1) * 1e30).amax(2)
    return (flat * real).sum(2) / real.sum(2)


# ---- aggregate
def aggregate(x, function, dims, keepdim, lengths, axis):
    """The mean, total, maximum or minimum over dims; along the varying axis, each example's own elements."""
    real = mask_like(x, axis, lengths).expand_as(x)
    if function == "max":
        return (x + (real - 1) * 1e30).amax(dim=dims, keepdim=keepdim)
    if function == "min":
        return (x - (real - 1) * 1e30).amin(dim=dims, keepdim=keepdim)
    total = (x * real).sum(dim=dims, keepdim=keepdim)
    return total if function == "total" else total / real.sum(dim=dims, keepdim=keepdim)


# ---- sequence_last
def sequence_last(x, lengths):
    """Each example's last element: (batch, n, ...) -> (batch, ...)."""
    if lengths is None:
        return x[:, -1]
    index = (lengths - 1).clamp(min=0).to(x.device)
    return x[torch.arange(x.shape[0], device=x.device), index]


# ---- reverse_sequences
def reverse_sequences(x, lengths):
    """Reverses each example's own elements along axis 1; padding stays at the end."""
    if lengths is None:
        return x.flip(1)
    t = torch.arange(x.shape[1], device=x.device).unsqueeze(0)
    n = lengths.to(x.device).unsqueeze(1)
    index = torch.where(t < n, n - 1 - t, t)
    index = index.reshape(index.shape + (1,) * (x.dim() - 2)).expand_as(x)
    return x.gather(1, index)


# ---- last_state
def last_state(rnn, x, lengths=None):
    """The state after each example's last element: (batch, n, d) -> (batch, units)."""
    if lengths is not None:
        x = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
    _, state = rnn(x)
    hidden = state[0] if isinstance(state, tuple) else state
    return hidden[-1]


# ---- attention
def attention(key, value, query, *masks, heads=1, causal=False, key_lengths=None):
    """Multi-head scaled dot-product attention: key (b, m, k), value (b, m, v), query (b, n, k) -> (b, n, v).

    Each key mask (b, m) hides the keys it holds 0 for."""
    def split(t):
        return t.reshape(t.shape[0], t.shape[1], heads, t.shape[2] // heads).transpose(1, 2)

    n, m = query.shape[1], key.shape[1]
    scores = split(query) @ split(key).transpose(2, 3) / math.sqrt(key.shape[2] / heads)
    if causal:
        hidden = torch.ones(n, m, dtype=torch.bool, device=scores.device).triu(1)
        scores = scores.masked_fill(hidden, float("-inf"))
    if key_lengths is not None:
        real = sequence_mask(key_lengths, m, scores.dtype)
        scores = scores + ((real - 1) * 1e30).reshape(-1, 1, 1, m)
    for mask in masks:
        scores = scores + ((mask == 0).to(scores.dtype) * -1e30).reshape(-1, 1, 1, m)
    out = scores.softmax(-1) @ split(value)
    return out.transpose(1, 2).reshape(query.shape[0], n, value.shape[2])


# ---- mean_per_example
def mean_per_example(values, lengths=None, axis=1):
    """One value per example: the mean of its values, in a padded batch of its own elements only."""
    if lengths is None or axis < 1 or axis >= values.dim():
        return values.reshape(values.shape[0], -1).mean(1)
    real = mask_like(values, axis, lengths).expand_as(values).reshape(values.shape[0], -1)
    total = (values.reshape(values.shape[0], -1) * real).sum(1)
    return total / real.sum(1).clamp(min=1)


# ---- cross_entropy_index
def cross_entropy_index(probabilities, target, lengths=None, axis=1):
    """-log p[target] per example; probabilities (b, ..., classes), target (b, ...) class indices."""
    log_p = probabilities.clamp(min=1e-30).log()
    values = -log_p.gather(-1, target.long().unsqueeze(-1)).squeeze(-1)
    return mean_per_example(values, lengths, axis)


# ---- cross_entropy_probabilities
def cross_entropy_probabilities(probabilities, target, lengths=None, axis=1):
    """-sum t log p over the classes, per example."""
    values = -(target.to(probabilities.dtype) * probabilities.clamp(min=1e-30).log()).sum(-1)
    return mean_per_example(values, lengths, axis)


# ---- binary_cross_entropy
def binary_cross_entropy(probabilities, target, lengths=None, axis=1):
    """-(t log p + (1 - t) log(1 - p)) per example."""
    t = target.to(probabilities.dtype)
    values = -(t * probabilities.clamp(min=1e-30).log() + (1 - t) * (1 - probabilities).clamp(min=1e-30).log())
    return mean_per_example(values, lengths, axis)


# ---- squared_differences
def squared_differences(prediction, target, lengths=None, axis=1):
    """The mean squared difference per example."""
    d = prediction - target.to(prediction.dtype).reshape(prediction.shape)
    return mean_per_example(d.square(), lengths, axis)


# ---- absolute_differences
def absolute_differences(prediction, target, lengths=None, axis=1):
    """The mean absolute difference per example."""
    d = prediction - target.to(prediction.dtype).reshape(prediction.shape)
    return mean_per_example(d.abs(), lengths, axis)
