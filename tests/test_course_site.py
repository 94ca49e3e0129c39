"""The website's figure shrinking (``_ext/course_site.py``), without a Sphinx build."""

import base64
import sys
from pathlib import Path
from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
import course_site  # noqa: E402 - needs the path above


@pytest.fixture
def line_art(tmp_path):
    """A matplotlib line figure as the chapters draw them (lines, markers, text), saved as RGBA PNG."""
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    x = np.linspace(0, 3, 50)
    ax.plot(x, 1 / (1 + np.exp(-x)), label="sigmoid")
    ax.plot([0.5, 1, 2], [0.2, 0.6, 0.9], "x", color="#d55e00", label="points")
    ax.set_xlabel("z")
    ax.set_ylabel("g(z)")
    ax.legend()
    path = tmp_path / "line.png"
    fig.savefig(path)
    return path


@pytest.fixture
def shading():
    """A smooth two-way shading (thousands of colours, as an imshow of a probability)."""
    u, v = np.meshgrid(np.linspace(0, 1, 300), np.linspace(0, 1, 200))
    rgb = np.stack([255 * u, 255 * v, 255 * (1 - u * v)], axis=-1)
    return Image.fromarray(rgb.round().astype(np.uint8), "RGB")


def test_line_art_gets_a_small_faithful_palette(line_art):
    rgb = Image.open(line_art).convert("RGB")
    quantized = course_site.faithful_palette_image(rgb)
    assert len(quantized.getpalette()) // 3 <= 128
    solid, pixels = course_site.palette_errors(rgb, quantized)
    assert solid <= course_site.SOLID_COLOUR_ERROR and pixels <= course_site.PIXEL_ERROR_P99


def test_a_smooth_shading_keeps_256_colours(shading):
    quantized = course_site.faithful_palette_image(shading)
    assert len(quantized.getpalette()) // 3 == 256
    for colours in (64, 128):  # fewer colours would band it
        fewer = shading.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE,
                                 kmeans=course_site.KMEANS_ROUNDS)
        assert not course_site.faithful(shading, fewer)


def test_palette_errors_are_zero_when_the_palette_holds_every_colour():
    rgb = Image.fromarray(np.repeat(np.arange(0, 250, 10, dtype=np.uint8), 3).reshape(1, 25, 3).repeat(4, 0), "RGB")
    quantized = rgb.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    assert course_site.palette_errors(rgb, quantized) == (0.0, 0.0)


def test_shrink_png_stores_a_smaller_palette_file(line_art):
    before = line_art.stat().st_size
    colours = course_site.shrink_png(line_art)
    assert colours is not None and colours <= 256
    assert line_art.stat().st_size < before
    with Image.open(line_art) as image:
        assert image.mode == "P"
    assert course_site.shrink_png(line_art) is None  # already a palette: left alone


def test_shrink_png_leaves_a_transparent_png_alone(tmp_path):
    path = tmp_path / "clear.png"
    Image.new("RGBA", (20, 20), (255, 0, 0, 0)).save(path)
    before = path.read_bytes()
    assert course_site.shrink_png(path) is None
    assert path.read_bytes() == before


def test_inline_pngs_become_files_the_page_points_to(tmp_path, line_art):
    png = line_art.read_bytes()
    encoded = base64.b64encode(png).decode("ascii")
    body = f'<figure><img src="data:image/png;base64,{encoded}" alt="the picture"></figure><p>text</p>'
    context = {"body": body, "pathto": lambda uri, resource: f"../{uri}"}
    course_site.inline_images_to_files(SimpleNamespace(outdir=str(tmp_path)), "chapters/x", "page.html", context, None)
    (written,) = (tmp_path / "_images").iterdir()
    assert written.read_bytes() == png
    assert context["body"] == f'<figure><img src="../_images/{written.name}" alt="the picture"></figure><p>text</p>'


def test_strip_comment_lines_drops_comment_lines_and_keeps_code():
    source = (
        "/* Header,\n   two lines. */\n"
        "(function () {\n"
        "  // a line comment\n"
        "\n"
        "  /** one-line block */\n"
        "  const url = 'http://example.org'; // after code: kept\n"
        "  /* a block\n     closing with code after */ const x = 1;\n"
        "})();\n"
    )
    stripped = course_site.strip_comment_lines(source)
    assert "Header" not in stripped and "a line comment" not in stripped and "one-line block" not in stripped
    assert "const url = 'http://example.org'; // after code: kept" in stripped
    assert "closing with code after */ const x = 1;" in stripped  # could not drop the block alone
    assert stripped.startswith("(function () {\n") and "\n\n" not in stripped


def test_strip_comment_lines_refuses_an_unclosed_block():
    with pytest.raises(ValueError, match="never closed"):
        course_site.strip_comment_lines("const a = 1;\n/* oops\nconst b = 2;\n")


def test_served_explorer_scripts_lose_only_comment_lines():
    """Every explorer script, stripped: code lines unchanged and in order; only comments and blanks go.

    A template literal spanning lines could hold a line that looks like a comment; the scripts
    have none (every line has an even number of backquotes), so nothing but comments can go.
    """
    for path in sorted((Path(__file__).resolve().parents[1] / "_static" / "explorers").glob("*.js")):
        source = path.read_text(encoding="utf-8")
        assert all(line.count("`") % 2 == 0 for line in source.splitlines()), f"{path.name}: a multi-line template"
        stripped = course_site.strip_comment_lines(source)
        assert len(stripped) < len(source), path.name
        remaining = iter(source.splitlines())
        for line in stripped.splitlines():  # a subsequence of the source's lines
            assert any(line == candidate for candidate in remaining), (path.name, line)


def test_served_explorer_scripts_come_from_the_source_even_when_the_copy_is_newer(tmp_path):
    """An incremental build copies no static files; the served scripts must still be the source's."""
    source_dir = tmp_path / "src" / "_static" / "explorers"
    source_dir.mkdir(parents=True)
    (source_dir / "core.js").write_text("// a comment\nconst edited = 2;\n", encoding="utf-8")
    served_dir = tmp_path / "out" / "_static" / "explorers"
    served_dir.mkdir(parents=True)
    (served_dir / "core.js").write_text("const edited = 1;\n", encoding="utf-8")  # the last build's copy
    app = SimpleNamespace(srcdir=str(tmp_path / "src"), outdir=str(tmp_path / "out"),
                          builder=SimpleNamespace(format="html"))
    course_site.serve_explorer_scripts_without_comments(app, None)
    assert (served_dir / "core.js").read_text(encoding="utf-8") == "const edited = 2;\n"
    assert (source_dir / "core.js").read_text(encoding="utf-8").startswith("// a comment")  # source untouched
