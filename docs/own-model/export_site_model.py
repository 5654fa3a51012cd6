#!/usr/bin/env python3
"""Export a quality model as TorchScript for MedQ-Engine (docs/own-model.md).

Adapt SiteQualityModel to wrap your own network: keep the attribute names, the three
methods and their shapes. Run it with the python3-torch that matches the workstation's
libtorch (Debian 12: 1.13), then register the file:

    python3 export_site_model.py site-ct.pt
    medq model add WORKSPACE --torchscript site-ct.pt --name site-ct --current
"""
import argparse
from typing import List

import torch


class SiteQualityModel(torch.nn.Module):
    def __init__(self, attributes: List[str], input_size: int = 64, describe: bool = False):
        super().__init__()
        # The contract, as plain attributes (not typing.Final: TorchScript inlines those and
        # the workstation could not read them back).
        self.input_size = input_size          # pixels per side of the square input
        self.channels = 1                      # 1 (grey) or 3 (RGB)
        self.mean = [0.5]                      # per channel, on pixels in [0, 1]
        self.std = [0.25]
        self.attributes = attributes           # "modality.key" per row of attribute_logits
        self.writes_descriptions = describe
        self.backbone = torch.nn.Sequential(
            torch.nn.Conv2d(1, 8, 3, stride=2, padding=1), torch.nn.ReLU(),
            torch.nn.Conv2d(8, 16, 3, stride=2, padding=1), torch.nn.ReLU(),
            torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten())
        self.head = torch.nn.Linear(16, len(attributes) * 4)

    @torch.jit.export
    def embed(self, images: torch.Tensor) -> torch.Tensor:
        """[N, channels, input_size, input_size] -> [N, D] features for retrieval."""
        return self.backbone(images)

    @torch.jit.export
    def attribute_logits(self, images: torch.Tensor) -> torch.Tensor:
        """-> [N, A, 4]: per attribute, logits of none, mild, moderate, severe."""
        return self.head(self.embed(images)).view(images.shape[0], len(self.attributes), 4)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.attribute_logits(images)


class DescribingSiteModel(SiteQualityModel):
    """The same with its own describe(images) -> List[str] (optional in the contract)."""

    @torch.jit.export
    def describe(self, images: torch.Tensor) -> List[str]:
        severity = self.attribute_logits(images).argmax(-1)
        out: List[str] = []
        for n in range(severity.shape[0]):
            worst = int(severity[n].max())
            out.append("No visible artefact." if worst == 0 else "Artefacts of grade " + str(worst) + " are visible.")
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", help="where to write the TorchScript file (.pt)")
    parser.add_argument("--attributes", default="ct.noise,ct.blur,ct.motion,ct.metal_streak",
                        help="comma-separated modality.key names its head reads")
    parser.add_argument("--input-size", type=int, default=64)
    parser.add_argument("--describe", action="store_true", help="include describe(images)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    kind = DescribingSiteModel if args.describe else SiteQualityModel
    model = kind(args.attributes.split(","), args.input_size).eval()
    torch.jit.script(model).save(args.output)


if __name__ == "__main__":
    main()
