"""Scans made in code: Russian text drawn with a DejaVu font at a given dpi,
turned by a small angle, with grey noise, as PNG, JPEG, TIFF or an image-only
PDF (Pillow writes the PDF)."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Sequence

import pytest

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def page_image(lines: Sequence[str], *, dpi: int = 300, angle: float = 0.0, noise: float = 0.0,
               seed: int = 1):
    """A white page with black 11-point text, turned by `angle` degrees."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    if not FONT.is_file():
        pytest.skip(f"{FONT} not found (make test installs fonts-dejavu-core)")
    size = round(11 * dpi / 72)
    font = ImageFont.truetype(str(FONT), size)
    width = round(8.27 * dpi)
    image = Image.new("L", (width, round(size * 2.2 * (len(lines) + 2))), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((round(0.8 * dpi), round(size * (1 + 2.2 * i))), line, font=font, fill=0)
    if angle:
        image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    if noise:
        pixels = np.asarray(image, dtype=np.float64)
        pixels = pixels + np.random.default_rng(seed).normal(0, noise, pixels.shape)
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return image


def encode(images, fmt: str, dpi: int = 300) -> bytes:
    buffer = io.BytesIO()
    first, *rest = images
    options = {"save_all": True, "append_images": rest} if rest else {}
    if fmt == "PDF":
        options["resolution"] = dpi
    else:
        options["dpi"] = (dpi, dpi)
    first.save(buffer, fmt, **options)
    return buffer.getvalue()
