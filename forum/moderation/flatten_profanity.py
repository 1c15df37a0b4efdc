"""Write alt-profanity-check's model as plain numbers for scorer.py: `python -m forum.moderation.flatten_profanity`.

Run it after upgrading alt-profanity-check (or scikit-learn, which unpickles the model), then run
tests/moderation/test_scorer.py, which compares the file's scores with the package's, and commit
the file. This module imports scikit-learn through the package; a web worker never imports it.

Licence: alt-profanity-check is MIT-licensed (Copyright (c) 2018 Victor Zhou, 2021 Menelaos
Kotoglou, and Dimitrios Mistriotis), which allows copying, modifying and distributing the model
and works derived from it, with the copyright and permission notice included. The file therefore
carries the package's licence text in its "licence" field, and models/README.md says where the
numbers come from.
"""
import argparse
import sys
from importlib import metadata
from pathlib import Path

from forum.moderation.scorer import PROFANITY_FORMAT, PROFANITY_MODEL
from forum.moderation.training import write_artifact

PACKAGE = "alt-profanity-check"
TOKEN_PATTERN = r"(?u)\b\w\w+\b"
# 12 significant digits change no score by more than about 1e-12 (the scores must match the
# package's to 1e-9) and keep the file a third smaller than full doubles.
SIGNIFICANT_DIGITS = 12


def _short(value) -> float:
    return float(f"{float(value):.{SIGNIFICANT_DIGITS}g}")


def _licence_text() -> str:
    files = metadata.files(PACKAGE) or []
    licence = next((file for file in files if file.name.upper().startswith("LICENSE")), None)
    if licence is None:
        raise RuntimeError(f"{PACKAGE} ships no licence file; check its terms before shipping its weights")
    return licence.read_text(encoding="utf-8")


def flatten() -> dict:
    """The installed package's vectoriser and calibrated classifiers as plain data (see scorer._FlatModel)."""
    import sklearn
    from profanity_check import profanity_check as package

    vectoriser, ensemble = package.vectorizer, package.model
    # scorer.py's arithmetic is only right for the model shape the package ships; refuse anything else
    # rather than write numbers that would be scored wrongly.
    if not (vectoriser.lowercase and vectoriser.ngram_range == (1, 1) and vectoriser.analyzer == "word"
            and vectoriser.norm == "l2" and vectoriser.use_idf and not vectoriser.sublinear_tf
            and not vectoriser.binary and vectoriser.strip_accents is None and vectoriser.preprocessor is None
            and vectoriser.tokenizer is None and vectoriser.token_pattern == TOKEN_PATTERN
            and ensemble.method == "sigmoid" and list(ensemble.classes_) == [0, 1]
            and all(member.estimator.coef_.shape[0] == 1 for member in ensemble.calibrated_classifiers_)):
        raise RuntimeError(f"{PACKAGE} ships a model of a shape scorer.py does not know")
    terms = sorted(vectoriser.vocabulary_, key=vectoriser.vocabulary_.get)
    stop_words = frozenset(vectoriser.get_stop_words() or ())
    # The scorer counts every token it finds in the vocabulary, so the vocabulary must hold no stop word
    # and no one-character token (scikit-learn's fitting drops both; this checks it did).
    if any(term in stop_words or len(term) < 2 for term in terms):
        raise RuntimeError(f"{PACKAGE}'s vocabulary holds a stop word or a one-character token")
    members = ensemble.calibrated_classifiers_
    return {
        "format": PROFANITY_FORMAT,
        "source": {"package": PACKAGE, "version": metadata.version(PACKAGE), "scikit_learn": sklearn.__version__,
                   "licence": _licence_text()},
        "terms": terms,
        "idf": [_short(value) for value in vectoriser.idf_],
        "coefficients": [[_short(value) for value in member.estimator.coef_.ravel()] for member in members],
        "intercepts": [_short(member.estimator.intercept_[0]) for member in members],
        "calibration": [[_short(member.calibrators[0].a_), _short(member.calibrators[0].b_)] for member in members],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=PROFANITY_MODEL, help=f"default: {PROFANITY_MODEL}")
    args = parser.parse_args(argv)
    flat = flatten()
    write_artifact(flat, args.output)
    print(f"Wrote {args.output} ({len(flat['terms']):,} terms, {len(flat['intercepts'])} classifiers, "
          f"{args.output.stat().st_size:,} bytes) from {PACKAGE} {flat['source']['version']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
