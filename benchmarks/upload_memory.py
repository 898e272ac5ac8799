"""What one photo upload costs a worker in memory: peak resident memory growth per file.

Each file is handled in a fresh Python process that has loaded Django (test settings) and the
photo code; the process reads its resident memory (/proc/self/statm), runs the upload through
`photo_process` (what the complaint form and the API call), then reads its peak (VmHWM in
/proc/self/status: `ru_maxrss` would keep the peak of the parent it was forked from). The
growth is that peak minus the memory before. The files are made here: the hostile PNG (7745 x
7745, RGBA, all zeros, about 230 KB), the largest accepted PNG and WebP, a 4000 x 3000 and a
40-megapixel JPEG, a 12-megapixel and the largest accepted HEIC. Budget: no file raises a
worker's memory by more than 150 MB (docs/performance.md).

    .venv/bin/python benchmarks/upload_memory.py
"""

import io
import os
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = 150


def png_zeros(width: int, height: int, mode: str = "RGBA") -> bytes:
    """A PNG of `width` x `height` zero pixels, written row by row (the maker needs no memory)."""
    bands = {"RGBA": 4, "RGB": 3}[mode]
    colour = {"RGBA": 6, "RGB": 2}[mode]

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + width * bands)  # filter byte 0, then the pixels
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def jpeg(width: int, height: int) -> bytes:
    from PIL import Image

    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def webp(width: int, height: int) -> bytes:
    from PIL import Image

    image = Image.linear_gradient("L").resize((width, height)).convert("RGBA")
    out = io.BytesIO()
    image.save(out, "WEBP", quality=50)
    return out.getvalue()


def heic(width: int, height: int) -> bytes:
    import pillow_heif
    from PIL import Image

    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    out = io.BytesIO()
    pillow_heif.from_pillow(image).save(out, quality=50)
    return out.getvalue()


def cases():
    return [
        ("hostile PNG 7745x7745 RGBA zeros", "bomb.png", lambda: png_zeros(7745, 7745)),
        ("largest accepted PNG 5000x5000 RGBA", "big.png", lambda: png_zeros(5000, 5000)),
        ("JPEG 4000x3000 (12 MP)", "foto.jpg", lambda: jpeg(4000, 3000)),
        ("JPEG 7745x5164 (40 MP)", "besar.jpg", lambda: jpeg(7745, 5164)),
        ("largest accepted WebP 3199x2500 RGBA", "big.webp", lambda: webp(3199, 2500)),
        ("HEIC 4032x3024 (12 MP)", "IMG_0001.heic", lambda: heic(4032, 3024)),
        ("largest accepted HEIC 4000x4000", "IMG_0002.heic", lambda: heic(4000, 4000)),
    ]


def rss_now() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def rss_peak() -> int:
    """This process's peak resident memory (VmHWM; ru_maxrss would carry the parent's peak)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def measure(path: str) -> None:
    """In the child: one upload, print 'status growth_bytes seconds'."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.core.files import File

    from cms.complaints.errors import PhotoError
    from cms.complaints.photos import photo_process

    with open(path, "rb") as handle:
        upload = File(handle, name=os.path.basename(path))
        before = rss_now()
        started = time.perf_counter()
        try:
            result = photo_process(upload)
            status = f"accepted ({len(result.read()) // 1024} KB JPEG)"
        except PhotoError as error:
            status = f"refused: {error.message}"
        seconds = time.perf_counter() - started
    peak = rss_peak()
    print(f"{max(0, peak - before)}\t{seconds:.2f}\t{status}")


def main() -> int:
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'file':40} {'size':>9} {'peak RSS growth':>16} {'time':>7}  result")
        for label, name, make in cases():
            path = Path(folder) / name
            path.write_bytes(make())
            out = (
                subprocess.run(
                    [sys.executable, __file__, "--one", str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                    cwd=ROOT,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            growth, seconds, status = out.split("\t")
            megabytes = int(growth) / 1024 / 1024
            worst = max(worst, megabytes)
            size = f"{path.stat().st_size // 1024} KB"
            print(f"{label:40} {size:>9} {megabytes:>13.0f} MB {seconds:>6}s  {status}")
    verdict = "within" if worst <= BUDGET_MB else "OVER"
    print(f"worst: {worst:.0f} MB, {verdict} the {BUDGET_MB} MB budget")
    return 0 if worst <= BUDGET_MB else 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        measure(sys.argv[2])
    else:
        raise SystemExit(main())
