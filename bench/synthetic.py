"""A synthetic archive of any size, made from the repository's reference issue, for tests and benchmarks."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

REFERENCE = Path(__file__).resolve().parent.parent / "issues" / "2024-07.yaml"
CADENCES = ("monthly", "weekly", "mixed")
CAPTIONS = ("会议现场", "代表**视察**现场", "协商议事活动安排（单位：场）", "代表联络站")


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as literal blocks, the way editors write bodies."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """A string node, literal when it spans lines."""
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def make_archive(folder: Path, count: int, seed: int = 1, cadence: str = "mixed",
                 start: dt.date = dt.date(2000, 1, 1), reference: Path = REFERENCE, figures: float = 0.0) -> list[Path]:
    """Write `count` issues and the real publication.yaml into `folder`; return the issue paths.

    With `figures` above 0, that share of the articles gets a figure after its first paragraph,
    its image (an RGB JPEG or a grayscale PNG, drawn with Pillow) written into folder/images.
    """
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(reference.parent / "publication.yaml", folder / "publication.yaml")
    material = yaml.safe_load(reference.read_text(encoding="utf-8"))
    paths = []
    for total, (date, number) in enumerate(issue_dates(count, seed, cadence, start), start=1):
        rng = random.Random(f"{seed}:{total}")
        issue = {"edition": edition(rng), "number": number, "total": total, "date": date,
                 "sections": sections(material, rng)}
        path = folder / f"{date.year}-{number:02d}.yaml"
        if figures > 0:
            add_figures(issue, folder, path.stem, figures, rng)
        path.write_text(yaml.dump(issue, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000),
                        encoding="utf-8")
        paths.append(path)
    return paths


def issue_dates(count: int, seed: int, cadence: str, start: dt.date) -> list[tuple[dt.date, int]]:
    """Dates and per-year numbers of `count` issues, year after year from `start`."""
    if cadence not in CADENCES:
        raise ValueError(f"cadence must be one of {', '.join(CADENCES)}")
    rng = random.Random(f"{seed}:dates")
    found: list[tuple[dt.date, int]] = []
    year = start.year
    while len(found) < count:
        kind = rng.choice(CADENCES[:2]) if cadence == "mixed" else cadence
        dates = [d for d in year_dates(year, kind, rng) if d >= start]
        found += [(date, number) for number, date in enumerate(dates, start=1)]
        year += 1
    return found[:count]


def year_dates(year: int, kind: str, rng: random.Random) -> list[dt.date]:
    """A year's issue dates: a day late in each month, or every Friday."""
    if kind == "monthly":
        return [dt.date(year, month, rng.randint(20, 28)) for month in range(1, 13)]
    first_friday = dt.date(year, 1, 1) + dt.timedelta(days=(4 - dt.date(year, 1, 1).weekday()) % 7)
    return [first_friday + dt.timedelta(weeks=w) for w in range(53)
            if (first_friday + dt.timedelta(weeks=w)).year == year]


def edition(rng: random.Random) -> str:
    """Mostly 普刊, now and then a 专刊."""
    return "专刊" if rng.random() < 0.05 else "普刊"


def sections(material: dict, rng: random.Random) -> list[dict]:
    """Some of the reference's article sections with sampled, shortened articles, then maybe briefs."""
    article_sections = [s for s in material["sections"] if "articles" in s]
    briefs = [b for s in material["sections"] for b in s.get("briefs", [])]
    articles = [a for s in article_sections for a in s["articles"]]
    chosen = sorted(rng.sample(range(len(article_sections)), rng.randint(1, len(article_sections))))
    made = [{"label": article_sections[i]["label"],
             "articles": [shortened(a, rng) for a in rng.sample(articles, rng.randint(1, 2))]}
            for i in chosen]
    if rng.random() < 0.8:
        made.append({"label": "信息摘登", "briefs": rng.sample(briefs, rng.randint(2, len(briefs)))})
    return made


def shortened(article: dict, rng: random.Random) -> dict:
    """An article keeping its first few paragraphs (at least one)."""
    paragraphs = article["body"].strip().split("\n\n")
    kept = paragraphs[:rng.randint(1, len(paragraphs))]
    return {**article, "body": "\n\n".join(kept) + "\n"}


def add_figures(issue: dict, folder: Path, stem: str, share: float, rng: random.Random) -> None:
    """Give about `share` of the issue's articles a figure after the first paragraph, drawing its image."""
    made = 0
    for section in issue["sections"]:
        for article in section.get("articles", []):
            if rng.random() >= share:
                continue
            made += 1
            name = f"images/{stem}-{made}.{'jpg' if made % 2 else 'png'}"
            draw_image(folder / name, rng)
            paragraphs = article["body"].strip().split("\n\n")
            figure = {"image": name, "caption": rng.choice(CAPTIONS)}
            if rng.random() < 0.5:
                figure["width"] = rng.choice((80, 100, 120))
            article["body"] = [paragraphs[0], {"figure": figure}] + paragraphs[1:]


def draw_image(path: Path, rng: random.Random) -> None:
    """A small picture: a colour photo-like JPEG, or a grayscale chart PNG of bars."""
    from PIL import Image, ImageDraw

    path.parent.mkdir(exist_ok=True)
    width, height = rng.choice(((320, 200), (300, 225), (400, 180)))
    if path.suffix == ".jpg":
        image = Image.new("RGB", (width, height), tuple(rng.randrange(256) for _ in range(3)))
        pen = ImageDraw.Draw(image)
        for _ in range(6):
            x, y = rng.randrange(width), rng.randrange(height)
            pen.ellipse((x, y, x + width // 4, y + height // 4), fill=tuple(rng.randrange(256) for _ in range(3)))
        image.save(path, "JPEG", quality=85)
        return
    image = Image.new("L", (width, height), 255)
    pen = ImageDraw.Draw(image)
    bars = 5
    for bar in range(bars):
        top = rng.randrange(height // 5, height - 10)
        left = bar * width // bars + 10
        pen.rectangle((left, top, left + width // bars - 20, height - 1), fill=rng.randrange(40, 200))
    image.save(path, "PNG")
