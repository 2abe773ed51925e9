"""Write a synthetic archive made from the reference issue's material.

    python bench/make_archive.py FOLDER [--count 700] [--seed 1] [--cadence mixed] [--figures 0.3]

Issues sample and shorten the reference's articles and briefs (deterministically for a
seed), numbers restart each year, totals run 1, 2, 3 …, dates are monthly or weekly;
the real publication.yaml is copied beside them. With --figures, that share of the articles
gets a figure (an RGB JPEG or a grayscale PNG drawn with Pillow, in FOLDER/images).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from synthetic import CADENCES, make_archive


def main() -> None:
    """Parse the arguments and write the archive."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the issues and publication.yaml")
    parser.add_argument("--count", type=int, default=700, help="how many issues")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same archive")
    parser.add_argument("--cadence", choices=CADENCES, default="mixed",
                        help="monthly, weekly, or each year one of the two")
    parser.add_argument("--figures", type=float, default=0.0, help="share of articles with a figure, 0 to 1")
    args = parser.parse_args()
    paths = make_archive(args.folder, args.count, args.seed, args.cadence, figures=args.figures)
    print(f"{args.folder}: {len(paths)} issues, {paths[0].stem} to {paths[-1].stem}")


if __name__ == "__main__":
    main()
