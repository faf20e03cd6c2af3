"""Trains model.py the way NetStudio trains the net, on one or many processes.

    torchrun --standalone --nproc_per_node=2 train.py            # one machine, 2 processes
    python3 train.py                                             # one process, no torchrun
    torchrun ... train.py --resume runs/20261206-230000          # continue a run from its checkpoint

The recipe is NetStudio's (recipe.json): optimiser, learning rate and schedule, batch size, epochs,
validation examples, seed, early-stopping patience, class weights, frozen layers. The best epoch on
validation loss is kept, as NetStudio keeps it. Under torchrun every process trains a shard of each
epoch with DistributedDataParallel (gloo on the CPU, NCCL on GPUs): each update is NetStudio's batch
(its size, its examples, in NetStudio's order), split between the processes.

The run folder (--out, default runs/<date-time>) gets, from process 0:
    progress.jsonl     one JSON object per epoch (also printed), then the test metrics
    checkpoint.pt      everything needed to --resume, rewritten after each epoch
    best.safetensors   the best epoch's weights with NetStudio's names (netstudio import-weights)
"""
import argparse
import copy
import json
import math
import os
import sys
import time
from pathlib import Path

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader

import data
import model as netmodel
import netstudio_io

PROJECT = Path(__file__).resolve().parent
TINY = torch.finfo(torch.float32).tiny
EVALUATION_BATCH = 256


class RecipeError(Exception):
    """A problem with the project or its options, said in one sentence."""


def parse_args():
    p = argparse.ArgumentParser(description="Train " + repr("{{NET}}") + " with NetStudio's recipe.")
    p.add_argument("--out", type=Path, help="the run folder (default runs/<date-time>)")
    p.add_argument("--resume", type=Path, help="a run folder (or its checkpoint.pt) to continue")
    p.add_argument("--recipe", type=Path, default=PROJECT / "recipe.json", help="the recipe (default recipe.json)")
    p.add_argument("--epochs", type=int, help="override the recipe's epochs")
    p.add_argument("--batch-size", type=int, help="override the recipe's (global) batch size")
    p.add_argument("--learning-rate", type=float, help="override the recipe's learning rate")
    p.add_argument("--cpu", action="store_true", help="train on the CPU even when there are GPUs")
    return p.parse_args()


def main():
    args = parse_args()
    recipe = json.loads(args.recipe.read_text())
    if args.epochs is not None:
        recipe["epochs"] = args.epochs
    if args.batch_size is not None:
        recipe["batchSize"] = args.batch_size
    if args.learning_rate is not None:
        recipe["optimizer"]["learningRate"] = args.learning_rate
    rank, world, device = start_processes(args.cpu)
    try:
        train(recipe, args, rank, world, device)
    except RecipeError as e:
        if rank == 0:
            emit({"event": "error", "message": str(e)})
        sys.exit(1)
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()


def start_processes(cpu_only):
    """Joins torchrun's process group when there is one: (rank, world size, device)."""
    if "RANK" not in os.environ:
        return 0, 1, torch.device("cuda" if torch.cuda.is_available() and not cpu_only else "cpu")
    gpu = torch.cuda.is_available() and not cpu_only
    dist.init_process_group(backend="nccl" if gpu else "gloo")
    if gpu:
        local = int(os.environ.get("LOCAL_RANK", 0))
        torch.cuda.set_device(local)
        return dist.get_rank(), dist.get_world_size(), torch.device("cuda", local)
    return dist.get_rank(), dist.get_world_size(), torch.device("cpu")


def train(recipe, args, rank, world, device):
    torch.manual_seed(recipe["seed"])
    train_set, validation_set, test_set = data.load(recipe, PROJECT)
    net = netmodel.build_model()
    weights = PROJECT / "weights.safetensors"
    if weights.exists():
        netstudio_io.load_netstudio(net, weights)
    frozen = freeze(net, recipe["multipliers"])
    net.to(device)
    model = DistributedDataParallel(net) if world > 1 else net

    # NetStudio's batches in NetStudio's order, each process taking its share of every batch.
    batches = data.NetStudioBatches(len(train_set), recipe["batchSize"], recipe["seed"], rank, world)
    loader = DataLoader(train_set, batch_sampler=batches, collate_fn=train_set.collate)
    epochs = recipe["epochs"]
    total_steps = len(loader) * epochs
    optimizer = make_optimizer(recipe, net)
    schedule = Schedule(recipe["schedule"], recipe["optimizer"])
    loss_of = Losses(recipe, device)
    arguments = forward_arguments(recipe)

    out = args.out or (run_folder(args.resume) if args.resume else PROJECT / "runs" / time.strftime("%Y%m%d-%H%M%S"))
    state = {"epoch": 0, "step": 0, "bestLoss": math.inf, "bestEpoch": 0, "sinceImprovement": 0,
             "best": None, "examples": 0}
    if args.resume:
        state = resume(args.resume, net, optimizer, device)
    progress = None
    if rank == 0:
        out.mkdir(parents=True, exist_ok=True)
        progress = open_progress(out / "progress.jsonl", state["epoch"] if args.resume else None)

    reason = "completed"
    for epoch in range(state["epoch"] + 1, epochs + 1):
        started = time.time()
        batches.set_epoch(epoch)
        model.train()
        for m in frozen:
            m.eval()  # a frozen layer's batch-norm statistics stay as they are, as in NetStudio
        sums = torch.zeros(3, dtype=torch.float64, device=device)  # loss × examples, correct, examples
        line_every = max(1, len(loader) // 20)
        for i, batch in enumerate(loader, start=1):
            batch = {k: v.to(device) for k, v in batch.items()}
            rate, momentum = schedule.at(state["step"], total_steps, epoch - 1)
            set_rate(optimizer, rate, momentum)
            outputs = forward(model, batch, arguments)
            loss, correct, count = loss_of(outputs, batch)
            share = batches.share(i - 1)
            if share == 0:
                correct, count = 0, 0
            optimizer.zero_grad(set_to_none=True)
            # Weighed by this process's share, the average DistributedDataParallel takes is the batch's mean.
            (loss * share).backward()
            optimizer.step()
            if not math.isfinite(loss.item()):
                raise RecipeError(f"Loss became {loss.item()} in epoch {epoch}, batch {i}; try a lower learning"
                                  f" rate (now {rate:g})")
            sums += torch.tensor([loss.item() * count, correct, count], dtype=torch.float64, device=device)
            state["step"] += 1
            state["examples"] += len(batches.batch(i - 1))
            if rank == 0 and (i % line_every == 0 or i == len(loader)):
                emit({"event": "batch", "epoch": epoch, "batch": i, "batches": len(loader), "epochs": epochs,
                      "step": state["step"], "loss": loss.item(),
                      "accuracy": correct / count if loss_of.classes else None,
                      "learningRate": rate, "size": len(batches.batch(i - 1)), "examples": state["examples"]})
        training = reduce(sums, world)
        validation = evaluate(net, validation_set, arguments, loss_of, rank, world, device)
        reference = validation["loss"] if validation else training["loss"]
        improved = reference < state["bestLoss"]
        if improved:
            state.update(bestLoss=reference, bestEpoch=epoch, sinceImprovement=0,
                         best=copy.deepcopy(net.state_dict()))
            if rank == 0:
                netstudio_io.write_safetensors(out / "best.safetensors", netstudio_io.netstudio_arrays(net))
        else:
            state["sinceImprovement"] += 1
        state["epoch"] = epoch
        if rank == 0:
            line = {"event": "epoch", "epoch": epoch, "epochs": epochs, "loss": training["loss"],
                    "accuracy": training["accuracy"], "trainExamples": training["examples"],
                    "validationLoss": validation["loss"] if validation else None,
                    "validationAccuracy": validation["accuracy"] if validation else None,
                    "validationExamples": validation["examples"] if validation else 0,
                    "learningRate": rate, "seconds": round(time.time() - started, 3), "improved": improved,
                    "examples": state["examples"]}
            emit(line, progress)
            save_checkpoint(out / "checkpoint.pt", net, optimizer, state, recipe)
        patience = recipe["patience"]
        if patience > 0 and state["sinceImprovement"] >= patience and epoch < epochs:
            reason = "early-stopped"
            break

    if state["best"] is not None:
        net.load_state_dict(state["best"])
    if test_set is not None:
        test = evaluate(net, test_set, arguments, loss_of, rank, world, device)
        if rank == 0:
            emit({"event": "test", "loss": test["loss"], "accuracy": test["accuracy"],
                  "examples": test["examples"], "bestEpoch": state["bestEpoch"]}, progress)
    if rank == 0:
        done = "Completed " + str(state["epoch"]) + " epochs" if reason == "completed" else (
            f"Stopped early after epoch {state['epoch']}: no improvement for {recipe['patience']} epochs")
        emit({"event": "done", "reason": reason, "bestEpoch": state["bestEpoch"],
              "message": f"{done} with PyTorch on {world} process{'es' if world > 1 else ''};"
                         f" kept epoch {state['bestEpoch']}"}, progress)
        progress.close()


def forward(model, batch, arguments):
    """Runs the net on a batch: {output port: tensor}. arguments: the batch entry of each forward argument."""
    result = model(*(batch[key] for key in arguments))
    if len(netmodel.OUTPUTS) == 1:
        return {netmodel.OUTPUTS[0]: result}
    return dict(zip(netmodel.OUTPUTS, result))


def forward_arguments(recipe):
    """The batch entry feeding each of model.py's FORWARD_ARGS: INPUTS in order (as Python names),
    a varying-length one followed by its lengths."""
    ports = iter(netmodel.INPUTS)
    keys, previous = [], None
    for argument in netmodel.FORWARD_ARGS:
        if previous is not None and argument == previous + "_lengths":
            keys.append(keys[-1] + ".lengths")
            previous = None
            continue
        port = next(ports, None)
        if port not in recipe["inputs"]:
            raise RecipeError(f"model.py's input {port} is fed from no column of recipe.json")
        keys.append(recipe["inputs"][port])
        previous = argument
    return keys


class Losses:
    """NetStudio's training loss: the net's drawn losses, plus the loss NetStudio attaches to each
    trained output (cross-entropy for classes, mean squared error for numbers), each times its weight.
    Calling it gives (loss, correct, examples) of a batch; correct counts the first class output."""

    def __init__(self, recipe, device):
        self.drawn = recipe["drawnLosses"]
        self.trained = recipe["trainedOutputs"]
        self.columns = recipe["data"]["columns"]
        self.class_weights = {o["output"]: torch.tensor(o["classWeights"], device=device)
                              for o in self.trained if o.get("classWeights")}
        self.classes = any(o["loss"] == "cross-entropy" for o in self.trained)

    def __call__(self, outputs, batch):
        total = 0.0
        correct, count = 0, None
        first = self.first_class()
        for port, weight in self.drawn.items():
            total = total + weight * outputs[port].mean()
        for o in self.trained:
            y, target = outputs[o["output"]], batch[o["column"]]
            if count is None:
                count = len(target)
            if o["loss"] == "cross-entropy":
                # NetStudio's nets end in a Softmax; cross-entropy then reads its log (the engine fuses the two).
                log_p = torch.log(y.clamp_min(TINY)) if o["probabilities"] else F.log_softmax(y, dim=-1)
                if self.columns[o["column"]]["kind"] == "index-sequence":
                    mask = positions(batch[o["column"] + ".lengths"], target.shape[1])
                    loss = F.nll_loss(log_p[mask], target[mask])
                    hits = (log_p.argmax(-1) == target)[mask].float().mean().item() * len(target)
                else:
                    loss = F.nll_loss(log_p, target, weight=self.class_weights.get(o["output"]))
                    hits = (log_p.argmax(-1) == target).sum().item()
                if o is first:
                    correct = hits
            else:
                loss = F.mse_loss(y, target)
            total = total + o["weight"] * loss
        if count is None:
            count = len(next(iter(batch.values())))
        return total, correct, count

    def first_class(self):
        return next((o for o in self.trained if o["loss"] == "cross-entropy"), None)


def positions(lengths, steps):
    """A [batch, steps] mask of the real (unpadded) positions."""
    return torch.arange(steps, device=lengths.device)[None, :] < lengths[:, None]


def evaluate(net, examples, arguments, loss_of, rank, world, device):
    """Loss and accuracy over examples, each process measuring its share; None without examples.

    It runs the bare net, not its DistributedDataParallel wrapper: the wrapper's forward would
    synchronise buffers between processes, whose shares may differ by a batch."""
    if examples is None:
        return None
    mine = data.shard(examples, rank, world)
    loader = DataLoader(mine, batch_size=EVALUATION_BATCH, collate_fn=mine.collate)
    sums = torch.zeros(3, dtype=torch.float64, device=device)
    net.eval()
    with torch.no_grad():
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss, correct, count = loss_of(forward(net, batch, arguments), batch)
            sums += torch.tensor([loss.item() * count, correct, count], dtype=torch.float64, device=device)
    return reduce(sums, world, loss_of.classes)


def reduce(sums, world, classes=True):
    """Sums over the processes: the mean loss, the accuracy (None without classes) and the examples."""
    if world > 1:
        dist.all_reduce(sums)
    loss, correct, count = sums.tolist()
    return {"loss": loss / max(count, 1), "accuracy": correct / max(count, 1) if classes else None,
            "examples": int(count)}


def make_optimizer(recipe, net):
    """NetStudio's optimisers with its constants; a layer's learning-rate multiplier scales its group."""
    spec = recipe["optimizer"]
    factors = parameter_factors(net, recipe["multipliers"])
    groups = {}
    for name, p in net.named_parameters():
        if p.requires_grad:
            groups.setdefault(factors.get(name, 1.0), []).append(p)
    param_groups = [{"params": ps, "factor": f} for f, ps in groups.items()]
    rate = spec["learningRate"]
    name = spec["name"]
    if name == "adam":
        return torch.optim.Adam(param_groups, lr=rate, betas=(0.9, 0.999), eps=1e-8)
    if name == "sgd":
        # NetStudio adds rate × gradient to the velocity; PyTorch scales the velocity by the rate.
        # The same under a constant rate.
        return torch.optim.SGD(param_groups, lr=rate, momentum=spec["momentum"])
    if name == "rmsprop":
        return torch.optim.RMSprop(param_groups, lr=rate, alpha=0.9, eps=1e-7)
    if name == "adagrad":
        return torch.optim.Adagrad(param_groups, lr=rate, eps=1e-10)
    raise RecipeError(f"recipe.json names the optimiser '{name}'; train.py knows adam, sgd, rmsprop, adagrad")


def parameter_factors(net, multipliers):
    """recipe.json's learning-rate factors (by NetStudio array name) by parameter name of the model."""
    names = type(net).netstudio_arrays
    unknown = [a for a in multipliers if a not in names]
    if unknown:
        raise RecipeError("recipe.json sets learning-rate multipliers of " + ", ".join(unknown)
                          + ", which model.py has no array for")
    return {names[array]: factor for array, factor in multipliers.items()}


def freeze(net, multipliers):
    """Arrays with multiplier 0 learn nothing: they take no gradient. Returns the modules whose
    arrays are all frozen, whose batch-norm statistics then stay as they are, as in NetStudio."""
    frozen_names = {name for name, factor in parameter_factors(net, multipliers).items() if factor == 0}
    for name, p in net.named_parameters():
        if name in frozen_names:
            p.requires_grad_(False)
    frozen = []
    for module_name, module in net.named_modules():
        own = [module_name + "." + n if module_name else n for n, _ in module.named_parameters(recurse=False)]
        if own and all(n in frozen_names for n in own):
            frozen.append(module)
    return frozen


def set_rate(optimizer, rate, momentum):
    for group in optimizer.param_groups:
        group["lr"] = rate * group["factor"]
        if momentum is not None:
            if "betas" in group:
                group["betas"] = (momentum, group["betas"][1])
            elif "momentum" in group:
                group["momentum"] = momentum


class Schedule:
    """NetStudio's learning-rate schedules (LearningRateSchedule): constant, step, cosine, one-cycle,
    each optionally after a linear warm-up of some updates. at() gives (rate, momentum or None)."""

    def __init__(self, spec, optimizer):
        self.spec = spec
        self.base = optimizer["learningRate"]
        self.warm = spec.get("warmUpSteps", 0)

    def at(self, step, total, epoch):
        if self.warm:
            rest = max(1, total - self.warm)
            if step < self.warm:
                rate, _ = self._at(0, rest, 0)
                return rate * (step + 1) / self.warm, self._momentum(0, rest)
            return self._at(step - self.warm, rest, epoch)
        return self._at(step, total, epoch)

    def _at(self, step, total, epoch):
        s, base = self.spec, self.base
        kind = s["kind"]
        if kind == "constant":
            return base, None
        if kind == "step":
            return base * s["factor"] ** (epoch // s["everyEpochs"]), None
        p = progress(step, total)
        if kind == "cosine":
            return anneal(base, base * s["finalFactor"], p), None
        if kind == "one-cycle":
            start = base / s["startDivisor"]
            w = s["warmFraction"]
            rate = anneal(start, base, p / w) if p < w else anneal(base, start / s["endDivisor"], (p - w) / (1 - w))
            return rate, self._momentum(step, total)
        raise RecipeError(f"recipe.json names the schedule '{kind}'; train.py knows constant, step, cosine, one-cycle")

    def _momentum(self, step, total):
        s = self.spec
        if s["kind"] != "one-cycle":
            return None
        p, w = progress(step, total), s["warmFraction"]
        return (anneal(s["highMomentum"], s["lowMomentum"], p / w) if p < w
                else anneal(s["lowMomentum"], s["highMomentum"], (p - w) / (1 - w)))


def progress(step, total):
    return 0.0 if total <= 1 else min(1.0, step / (total - 1))


def anneal(start, end, p):
    """Half a cosine from start (at 0) to end (at 1)."""
    return end + (start - end) * 0.5 * (1 + math.cos(math.pi * p))


def save_checkpoint(path, net, optimizer, state, recipe):
    """Everything --resume needs, written whole (temporary file, then renamed)."""
    temporary = path.with_suffix(".tmp")
    torch.save({"model": net.state_dict(), "optimizer": optimizer.state_dict(), "state": state,
                "recipe": recipe}, temporary)
    os.replace(temporary, path)


def open_progress(path, resumed_after):
    """progress.jsonl for appending; a resumed run keeps only the lines up to its checkpoint's epoch,
    since a process killed after an epoch's line but before its checkpoint trains that epoch again."""
    if resumed_after is None or not path.exists():
        return path.open("w")
    kept = []
    for text in path.read_text(encoding="utf-8").splitlines():
        try:
            line = json.loads(text)
        except ValueError:
            continue  # a line half written when the process died
        if line.get("event") in ("batch", "epoch") and line.get("epoch", 0) <= resumed_after:
            kept.append(text + "\n")
    temporary = path.with_suffix(".tmp")
    temporary.write_text("".join(kept), encoding="utf-8")
    os.replace(temporary, path)
    return path.open("a")


def run_folder(resume_from):
    return resume_from if resume_from.is_dir() else resume_from.parent


def resume(path, net, optimizer, device):
    checkpoint_file = path / "checkpoint.pt" if path.is_dir() else path
    if not checkpoint_file.exists():
        raise RecipeError(f"{checkpoint_file}: no checkpoint to resume from")
    checkpoint = torch.load(checkpoint_file, map_location=device)
    net.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    return checkpoint["state"]


def emit(line, progress_file=None):
    """One JSON line on stdout (NetStudio's trainer reads these), and in progress.jsonl."""
    text = json.dumps(line)
    print(text, flush=True)
    if progress_file is not None:
        progress_file.write(text + "\n")
        progress_file.flush()


if __name__ == "__main__":
    main()
