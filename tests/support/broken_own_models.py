#!/usr/bin/env python3
"""TorchScript modules that break the own-model contract (docs/own-model.md), for the
refusal tests of tst_own_model: python3 broken_own_models.py OUTDIR."""
import os
import sys
from typing import List

import torch


class Base(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.input_size = 32
        self.channels = 3
        self.attributes = ["ct.noise", "ct.blur"]
        self.features = torch.nn.Linear(3, 8)

    @torch.jit.export
    def embed(self, images: torch.Tensor) -> torch.Tensor:
        return self.features(images.mean(dim=(2, 3)))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.embed(images)


class MissingMethod(Base):
    pass


class WrongShape(Base):
    @torch.jit.export
    def attribute_logits(self, images: torch.Tensor) -> torch.Tensor:
        return self.embed(images)[:, :6].reshape(images.shape[0], 2, 3)


class NanOutput(Base):
    @torch.jit.export
    def attribute_logits(self, images: torch.Tensor) -> torch.Tensor:
        return torch.full([images.shape[0], 2, 4], float("nan"))


class WrongInputSize(Base):
    """Declares 32 px but only takes 48 px inputs: the probe fails inside embed."""

    @torch.jit.export
    def embed(self, images: torch.Tensor) -> torch.Tensor:
        return self.features(images.reshape(images.shape[0], 3, 48 * 48).mean(dim=2))

    @torch.jit.export
    def attribute_logits(self, images: torch.Tensor) -> torch.Tensor:
        return torch.zeros([images.shape[0], 2, 4])


def main() -> None:
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    for name, kind in [("missing_method", MissingMethod), ("wrong_shape", WrongShape),
                       ("nan_output", NanOutput), ("wrong_input_size", WrongInputSize)]:
        torch.jit.script(kind().eval()).save(os.path.join(out, name + ".pt"))


if __name__ == "__main__":
    main()
